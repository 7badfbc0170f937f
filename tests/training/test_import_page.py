"""The trainee import page: check a file, see each bad row, then import only the good rows (recorded)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun
from inkubator.training.models import Enrollment
from tests.factories import CentreFactory, make_user
from tests.training.factories import BatchFactory
from tests.training.test_import import HEADER, row

pytestmark = pytest.mark.django_db


def upload(rows: list[list[str]]) -> SimpleUploadedFile:
    lines = [";".join(HEADER), *(";".join(r) for r in rows)]
    return SimpleUploadedFile("peserta.csv", "\n".join(lines).encode(), content_type="text/csv")


def test_check_then_import_only_the_good_rows(client, settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    batch = BatchFactory()
    manager = make_user(Role.CENTRE_MANAGER, centres=[batch.centre])
    client.force_login(manager)
    checked = client.post(reverse("training:import"), {"file": upload([row(1, batch.code), row(2, "TIDAK-ADA")])})
    report = checked.context["report"]
    assert (report.rows_read, report.error_rows, report.written) == (2, 1, False)
    assert b"TIDAK-ADA" in checked.content and not Enrollment.objects.exists()
    done = client.post(reverse("training:import"), {"action": "commit_valid"})
    assert done.status_code == 302
    assert Enrollment.objects.count() == 1
    run = ImportRun.objects.get(kind="trainees")
    assert run.user == manager and run.error_count == 1
    assert not list(tmp_path.joinpath("imports").iterdir())  # the kept upload is removed


def test_a_file_with_errors_is_not_imported_without_the_choice(client, settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    batch = BatchFactory()
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[batch.centre]))
    client.post(reverse("training:import"), {"file": upload([row(1, batch.code), row(2, "TIDAK-ADA")])})
    again = client.post(reverse("training:import"), {"action": "commit"})
    assert again.status_code == 200 and not Enrollment.objects.exists()


def test_only_for_those_who_enrol(client) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.get(reverse("training:import")).status_code == 404
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]))
    assert client.get(reverse("training:import")).status_code == 200
