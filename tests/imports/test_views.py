"""The upload flow with the test client: upload → map → validate → commit; and who gets 404."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun, ImportStatus
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, PartnerFactory, make_user

from .conftest import GOOD_ROWS, HEADER, write_csv, write_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _upload(client: Client, path: Path) -> ImportRun:
    with path.open("rb") as handle:
        response = client.post(reverse("imports:upload", args=["centres"]), {"file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.latest("created_at")
    assert response["Location"] == reverse("imports:mapping", args=[run.pk])
    return run


def _mapping_post(run: ImportRun, **overrides: str) -> dict[str, str]:
    data = {f"column_{index}": "" for index in range(len(run.headers))}
    data.update({f"column_{index}": key for index, key in run.mapping.items()})
    data.update(overrides)
    return data


def test_upload_map_validate_commit(client: Client, good_csv: Path, tmp_path: Path) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    client.force_login(admin)
    assert client.get(reverse("imports:upload", args=["centres"])).status_code == 200

    run = _upload(client, good_csv)
    assert run.header_row == 3 and run.user == admin and run.stored_name
    assert (Path(tmp_path / "media" / "imports" / run.stored_name)).exists()

    page = client.get(reverse("imports:mapping", args=[run.pk]))
    assert page.status_code == 200 and page["Cache-Control"].startswith("no-store")
    assert 'value="host_name" selected' in page.content.decode()  # pre-filled from "nama_lembaga"

    response = client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))
    assert response["Location"] == reverse("imports:preview", args=[run.pk])
    run.refresh_from_db()
    assert (run.status, run.created_count, run.error_count) == (ImportStatus.VALIDATED, 3, 0)
    preview = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    assert reverse("imports:commit", args=[run.pk]) in preview
    assert Centre.objects.count() == 0  # nothing written before the commit

    response = client.post(reverse("imports:commit", args=[run.pk]))
    assert response["Location"] == reverse("imports:result", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED and run.created_count == 3 and run.stored_name == ""
    assert Centre.objects.count() == 3
    assert not any((tmp_path / "media" / "imports").iterdir())  # the kept file is gone
    result = client.get(reverse("imports:result", args=[run.pk]))
    assert result.status_code == 200 and 'data-count="create">3<' in result.content.decode()


def test_mapping_must_feed_every_required_field(client: Client, good_csv: Path) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _upload(client, good_csv)
    regency_column = str(run.headers.index("Kabupaten/Kota"))

    with translation.override("en"):
        response = client.post(
            reverse("imports:mapping", args=[run.pk]),
            _mapping_post(run, **{f"column_{regency_column}": ""}),
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 200
    run.refresh_from_db()
    assert run.status == ImportStatus.UPLOADED


def test_errors_block_the_commit_and_the_report_has_the_rows(client: Client, tmp_path: Path) -> None:
    bad = list(GOOD_ROWS[1])
    bad[HEADER.index("Kabupaten/Kota")] = "Bekasi"
    bad[HEADER.index("Provinsi")] = "Jawa Barat"
    bad[HEADER.index("Desa/Kelurahan")] = bad[HEADER.index("Kecamatan")] = ""
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADER, GOOD_ROWS[0], bad])
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _upload(client, path)
    client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))
    run.refresh_from_db()
    assert (run.created_count, run.error_count) == (1, 1)
    assert [(row, column) for row, column, _message in run.errors] == [(3, "Kabupaten/Kota")]

    preview = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    assert reverse("imports:commit", args=[run.pk]) not in preview
    response = client.post(reverse("imports:commit", args=[run.pk]))
    assert response.status_code == 302 and Centre.objects.count() == 0

    report = client.get(reverse("imports:error_report", args=[run.pk, "xlsx"]))
    assert report.status_code == 200 and report["Cache-Control"].startswith("no-store")
    rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[0][1:-1] == tuple(name.strip() for name in HEADER) and rows[1][0] == 3
    assert rows[1][HEADER.index("NAMA BLK KOMUNITAS ") + 1] == "BLKK Maju Bersama"
    assert "Kabupaten/Kota" in rows[1][-1] and len(rows) == 2
    csv_report = client.get(reverse("imports:error_report", args=[run.pk, "csv"]))
    assert "BLKK Maju Bersama" in csv_report.content.decode("utf-8-sig")


def test_upload_of_a_disguised_file_is_refused(client: Client) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    fake = SimpleUploadedFile("list.xlsx", b"Nama BLKK,Provinsi\nA,Jatim\n")
    response = client.post(reverse("imports:upload", args=["centres"]), {"file": fake})
    assert response.status_code == 200 and ImportRun.objects.count() == 0


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PARTNER, Role.ENTREPRENEUR])
def test_roles_that_do_not_import_get_404(client: Client, role: str) -> None:
    scope: dict = {"centres": [CentreFactory()]} if role == Role.FACILITATOR else {}
    if role == Role.PARTNER:
        scope["partner"] = PartnerFactory()
    client.force_login(make_user(role, **scope))
    assert client.get(reverse("imports:index")).status_code == 404
    assert client.get(reverse("imports:upload", args=["centres"])).status_code == 404


def test_another_user_cannot_continue_someone_elses_import(client: Client, good_csv: Path) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32", "35"]))
    run = _upload(client, good_csv)
    client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))

    for other in (make_user(Role.REGIONAL_COORDINATOR, provinces=["32", "35"]), make_user(Role.MINISTRY_ADMIN)):
        client.force_login(other)
        for name in ("mapping", "preview", "result"):
            assert client.get(reverse(f"imports:{name}", args=[run.pk])).status_code == 404
        assert client.get(reverse("imports:error_report", args=[run.pk, "csv"])).status_code == 404
        assert client.post(reverse("imports:commit", args=[run.pk])).status_code == 404
    assert Centre.objects.count() == 0

    manager = make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()])
    client.force_login(manager)
    assert client.get(reverse("imports:preview", args=[run.pk])).status_code == 404


def test_coordinator_of_jawa_timur_gets_a_row_error_for_jawa_barat(client: Client, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mixed.csv", [HEADER, GOOD_ROWS[0], GOOD_ROWS[1]])
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    run = _upload(client, path)
    client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))
    run.refresh_from_db()
    assert (run.created_count, run.error_count) == (1, 1)
    assert [(row, column) for row, column, _message in run.errors] == [(2, "Kabupaten/Kota")]


def test_commit_validates_again_and_writes_nothing_if_the_register_changed(client: Client, good_csv: Path) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _upload(client, good_csv)
    client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))
    # Meanwhile someone registers a centre of the same name in Kota Surabaya.
    CentreFactory(name="BLKK Maju Bersama", regency=Regency.objects.get(code="35.78"))

    response = client.post(reverse("imports:commit", args=[run.pk]))

    # The commit runs as a task (immediately in tests); the result page sends a failed run back.
    assert response["Location"] == reverse("imports:result", args=[run.pk])
    assert client.get(response["Location"])["Location"] == reverse("imports:preview", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportStatus.VALIDATED and run.error_count == 1 and run.stored_name
    assert Centre.objects.count() == 1


def test_commit_is_queued_for_the_worker_and_the_page_waits(client: Client, good_csv: Path, settings) -> None:
    # As in production: the database queue and a worker (django-tasks resets its backends on this change).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _upload(client, good_csv)
    client.post(reverse("imports:mapping", args=[run.pk]), _mapping_post(run))

    response = client.post(reverse("imports:commit", args=[run.pk]), follow=True)

    run.refresh_from_db()
    assert run.status == ImportStatus.QUEUED and Centre.objects.count() == 0
    assert b'data-testid="import-running"' in response.content
    assert b'http-equiv="refresh"' in response.content
    # What the worker process does with the queued task (the worker itself closes connections after
    # each task, which a test's transaction cannot survive on PostgreSQL).
    queued = DBTaskResult.objects.get(task_path="inkubator.imports.tasks.import_commit_task")
    assert queued.args_kwargs["args"] == [str(run.pk)]
    queued.task.call(*queued.args_kwargs["args"])
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED and Centre.objects.count() > 0
    assert b'data-testid="import-result"' in client.get(reverse("imports:result", args=[run.pk])).content


def test_each_role_is_offered_the_kinds_it_may_import(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    body = client.get(reverse("imports:index")).content.decode()
    for kind in ("centres", "assessments", "trainees", "tenants"):
        assert reverse("imports:upload", args=[kind]) in body
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    body = client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:upload", args=["trainees"]) not in body
    assert reverse("imports:upload", args=["tenants"]) in body
    # A centre manager imports trainee lists only: straight to that upload; the register is not theirs.
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]))
    assert client.get(reverse("imports:index")).url == reverse("imports:upload", args=["trainees"])
    assert client.get(reverse("imports:upload", args=["centres"])).status_code == 404
