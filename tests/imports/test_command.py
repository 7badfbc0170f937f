"""``manage.py import centres FILE``: summary, exit status, --dry-run, --user."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun
from tests.factories import make_user

from .conftest import GOOD_ROWS, HEADER, write_csv

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_then_rerun_changes_nothing(good_csv: Path) -> None:
    out, _ = _run("centres", str(good_csv))
    assert "Created: 3, updated: 0, unchanged: 0." in out
    assert Centre.objects.count() == 3 and ImportRun.objects.count() == 1

    out, _ = _run("centres", str(good_csv))
    assert "Created: 0, updated: 0, unchanged: 3." in out
    assert Centre.objects.count() == 3


def test_dry_run_writes_nothing_and_says_so(good_csv: Path) -> None:
    out, _ = _run("centres", str(good_csv), "--dry-run")
    assert "To create: 3, to update: 0, unchanged: 0." in out
    assert "Dry run" in out and "nothing was written" in out
    assert Centre.objects.count() == 0 and ImportRun.objects.count() == 0


def test_errors_are_listed_and_the_exit_status_is_1(tmp_path: Path) -> None:
    bad = list(GOOD_ROWS[1])
    bad[HEADER.index("Kabupaten/Kota")] = "Kota Antah"
    path = write_csv(tmp_path / "bad.csv", [HEADER, GOOD_ROWS[0], bad])
    err = io.StringIO()

    with (
        pytest.raises(CommandError, match="1 rows have errors: nothing was imported") as error,
        translation.override("en"),
    ):
        call_command("import", "centres", str(path), stdout=io.StringIO(), stderr=err)

    assert error.value.returncode == 1
    assert "1 rows have errors: nothing was imported." in str(error.value)
    assert "Row 3, column 'Kabupaten/Kota': " in err.getvalue()
    assert Centre.objects.count() == 0


def test_as_a_coordinator_rows_outside_their_scope_fail(good_csv: Path) -> None:
    make_user(Role.REGIONAL_COORDINATOR, provinces=["35"], username="korwil-jatim")
    with pytest.raises(CommandError, match="2 rows have errors: nothing was imported"), translation.override("en"):
        call_command(
            "import", "centres", str(good_csv), "--user", "korwil-jatim", stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert Centre.objects.count() == 0


def test_user_who_may_not_import_is_refused(good_csv: Path) -> None:
    make_user(Role.FACILITATOR, username="pendamping")
    with pytest.raises(CommandError, match="pendamping tidak berhak mengimpor centres"):
        call_command("import", "centres", str(good_csv), "--user", "pendamping", stdout=io.StringIO())


def test_a_file_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="Isi berkas bukan buku kerja XLSX"):
        call_command("import", "centres", str(path), stdout=io.StringIO())
