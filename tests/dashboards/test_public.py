"""The public dashboard and its open data: aggregates for anyone, every cell under 5 withheld."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from inkubator.dashboards.selectors_public import MIN_CELL, suppress
from tests.programmes.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_suppress_withholds_small_cells_and_a_complement() -> None:
    assert suppress({"a": 10, "b": 3, "c": 7}, total_published=True) == {"a": 10, "b": None, "c": None}
    assert suppress({"a": 10, "b": 3, "c": 7}, total_published=False) == {"a": 10, "b": None, "c": 7}
    assert suppress({"a": 10, "b": 3, "c": 0}, total_published=True) == {"a": 10, "b": None, "c": None}
    assert suppress({"a": 10, "b": 12}, total_published=True) == {"a": 10, "b": 12}


def test_the_public_page_needs_no_sign_in_and_shows_no_small_cell(client: Client, world: World) -> None:
    response = client.get(reverse("dashboards:public"), {"year": 2026})
    assert response.status_code == 200
    body = response.content.decode()
    assert "&lt;5" in body
    table = body.split('data-testid="public-table"', 1)[1].split("</table>", 1)[0]
    for cell in table.split('<td class="text-end">')[1:]:
        text = cell.split("</td>", 1)[0]
        if "&lt;" not in text:
            assert int(text.replace(".", "").replace(",", "")) >= MIN_CELL


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_download_withholds_every_cell_under_5(client: Client, world: World, fmt: str) -> None:
    response = client.get(reverse("dashboards:public_data", args=[fmt]), {"year": 2026})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "json":
        rows = json.loads(content)["rows"]
    else:
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        for row in rows:
            row["value"] = int(row["value"]) if row["value"] else None
    assert rows
    published = [row for row in rows if row["value"] is not None]
    assert all(row["value"] >= MIN_CELL for row in published)
    # Jawa Barat trained 16 in 2026: published; Jawa Timur's 5 is at the bar; NTT trained none: withheld.
    by_key = {(row["province_code"], row["indicator"]): row["value"] for row in rows}
    assert by_key[("32", "trainees_trained")] == 16
    assert by_key[("53", "trainees_trained")] is None
    assert by_key[("", "trainees_trained")] == 21
    # With one small cell next to a published total, a second cell is withheld so none can be subtracted out.
    for indicator in {row["indicator"] for row in rows}:
        column = [row for row in rows if row["indicator"] == indicator and row["province_code"]]
        withheld = [row for row in column if row["value"] is None]
        total = by_key[("", indicator)]
        assert total is None or len(withheld) != 1, indicator


def test_the_public_figures_are_shared_by_every_worker_through_the_database_cache(client: Client, world: World) -> None:
    """Another process's cache object (a new backend on the same table) sees what this one stored,
    and the page serves what another worker computed: no worker recomputes in its own memory."""
    from django.conf import settings
    from django.core.cache.backends.db import DatabaseCache

    from inkubator.dashboards.selectors_public import Cell, PublicFigures, public_cache_key

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    client.get(reverse("dashboards:public"), {"year": 2026})
    other_worker = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    stored = other_worker.get(public_cache_key(2026))
    assert stored.totals[stored.codes.index("trainees_trained")] == Cell(21)
    other_worker.set(public_cache_key(2025), PublicFigures(2025, ["trainees_trained"], [Cell(777)]), 60)
    body = client.get(reverse("dashboards:public"), {"year": 2025}).content.decode()
    assert "777" in body
