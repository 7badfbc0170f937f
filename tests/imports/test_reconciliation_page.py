"""Value reconciliation in the upload flow: the preview lists each unmatched value once; mapping it checks again."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun, ImportStatus, ValueMapping
from tests.factories import make_user

from .conftest import write_csv
from .test_reconciliation import HEADER, ROWS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _checked_run(client: Client, path: Path) -> ImportRun:
    with path.open("rb") as handle:
        client.post(reverse("imports:upload", args=["centres"]), {"file": handle})
    run = ImportRun.objects.latest("created_at")
    data = {f"column_{index}": "" for index in range(len(run.headers))}
    data.update({f"column_{index}": key for index, key in run.mapping.items()})
    client.post(reverse("imports:mapping", args=[run.pk]), data)
    run.refresh_from_db()
    return run


def test_unmatched_values_are_mapped_once_on_the_preview(client: Client, tmp_path: Path) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    client.force_login(admin)
    run = _checked_run(client, write_csv(tmp_path / "daftar.csv", [HEADER, *ROWS]))
    assert run.status == ImportStatus.VALIDATED
    values = {entry[2]: index for index, entry in enumerate(run.unresolved)}
    assert set(values) == {"Otomotif Mobil", "Teknik Pendingn", "Lambang Sari Baru", "Paguyuban"}
    page = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    form = page.split('data-testid="import-unresolved"')[1].split("</form>")[0]
    assert form.count("<td>Otomotif Mobil</td>") == 1  # once, for both rows
    assert '<td class="small">2, 3</td>' in form

    response = client.post(
        reverse("imports:values", args=[run.pk]),
        {
            f"value_{values['Otomotif Mobil']}": "Teknik Otomotif (Sepeda Motor)",
            f"value_{values['Lambang Sari Baru']}": "Lambangsari",
            f"value_{values['Paguyuban']}": "",  # left for later
        },
    )

    assert response["Location"] == reverse("imports:preview", args=[run.pk])
    run.refresh_from_db()
    assert {entry[2] for entry in run.unresolved} == {"Teknik Pendingn", "Paguyuban"}
    assert ValueMapping.objects.filter(organisation="ministry", kind="centres").count() == 2
    # Another ministry admin's upload of the same list: the ministry's mappings apply already.
    other = Client()
    other.force_login(make_user(Role.MINISTRY_ADMIN))
    again = _checked_run(other, write_csv(tmp_path / "lagi.csv", [HEADER, *ROWS]))
    assert {entry[2] for entry in again.unresolved} == {"Teknik Pendingn", "Paguyuban"}


@pytest.mark.parametrize("role", [Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR])
def test_someone_else_cannot_map_the_values_of_an_upload(client: Client, tmp_path: Path, role: str) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _checked_run(client, write_csv(tmp_path / "daftar.csv", [HEADER, *ROWS]))
    stranger = Client()
    stranger.force_login(make_user(role, provinces=["35"]) if role == Role.REGIONAL_COORDINATOR else make_user(role))
    response = stranger.post(reverse("imports:values", args=[run.pk]), {"value_0": "Lambangsari"})
    assert response.status_code == 404
    assert not ValueMapping.objects.exists()
