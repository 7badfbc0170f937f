"""Value reconciliation the way a user goes through it: the upload pages with the test client, and values files.

Shared by the reconciliation tests of the domain imports (assessments, venues, partners): upload a
file, accept the suggested column mapping, read the run's unmatched values, map some of them on the
preview's values form, commit; and read/write the ``column,value,suggestion,rows`` files of
``manage.py import KIND FILE --dry-run --values-out``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from django.test import Client
from django.urls import reverse

from inkubator.imports.models import ImportRun


def checked_run(client: Client, kind: str, path: Path) -> ImportRun:
    """Upload ``path`` as ``kind``, accept the suggested mapping; the run, validated."""
    with path.open("rb") as handle:
        response = client.post(reverse("imports:upload", args=[kind]), {"file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.latest("created_at")
    data = {f"column_{index}": "" for index in range(len(run.headers))}
    data.update({f"column_{index}": key for index, key in run.mapping.items()})
    client.post(reverse("imports:mapping", args=[run.pk]), data)
    run.refresh_from_db()
    return run


def unmatched(run: ImportRun) -> dict[tuple[str, str], dict]:
    """{(column key, value): {"suggestions": […], "rows": […], "index": n}} of a validated run."""
    return {
        (key, value): {"suggestions": suggestions, "rows": rows, "index": index}
        for index, (key, _column, value, suggestions, rows) in enumerate(run.unresolved)
    }


def map_values(client: Client, run: ImportRun, meanings: dict[tuple[str, str], str]) -> ImportRun:
    """Post the preview's values form: each (column key, value) given its meaning; the run checked again."""
    found = unmatched(run)
    data = {f"value_{found[entry]['index']}": meaning for entry, meaning in meanings.items()}
    response = client.post(reverse("imports:values", args=[run.pk]), data)
    assert response["Location"] == reverse("imports:preview", args=[run.pk])
    run.refresh_from_db()
    return run


def commit(client: Client, run: ImportRun) -> ImportRun:
    """Press "Import now"."""
    response = client.post(reverse("imports:commit", args=[run.pk]))
    assert response["Location"] == reverse("imports:result", args=[run.pk]), response
    run.refresh_from_db()
    return run


def read_values(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def edit_values(path: Path, edit: Callable[[dict[str, str]], str | None]) -> list[dict[str, str]]:
    """Rewrite a values file, each row's suggestion replaced by ``edit(row)`` unless that returns None."""
    rows = read_values(path)
    for row in rows:
        meaning = edit(row)
        if meaning is not None:
            row["suggestion"] = meaning
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["column", "value", "suggestion", "rows"])
        writer.writeheader()
        writer.writerows(rows)
    return rows
