"""Value reconciliation of the tenant import: sex, programme, role, centre code and regency, mapped once.

Real TKM lists write "Laki2", "TKM-Pemula 2024", a centre code with spaces or the centre's name, and
"Kab. Bekasi" for a regency code. Each such value is listed once with its rows and the likest
choices (centre codes only of centres the importing user may see); mapped on the check page or in a
values file, the import goes through, and the organisation's next list is understood without asking.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun, ImportStatus, ValueMapping
from inkubator.imports.services import import_file
from inkubator.incubation.choices import SourceProgramme
from inkubator.incubation.importers import parse_source
from inkubator.incubation.models import Tenant
from inkubator.regions.models import Regency
from tests.factories import make_user
from tests.people.factories import make_nik

from .factories import make_incubator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

HEADERS = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Nama Usaha", "Sektor", "Kode BLK", "Nama Balai",
           "Kode Kab/Kota", "Program"]  # fmt: skip
BIRTH = datetime.date(1990, 3, 12)


@pytest.fixture
def media_root(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def centres() -> dict[str, Any]:
    """Al-Ikhlas in Kabupaten Bekasi (province 32) and Darussalam in Kota Surabaya (province 35)."""
    return {
        "bekasi": make_incubator(code="BLKK-3216-001", name="BLK Komunitas Al-Ikhlas"),
        "surabaya": make_incubator(
            code="BLKK-3578-010", name="BLK Komunitas Darussalam", regency=Regency.objects.get(code="35.78")
        ),
    }


def _row(serial: int, name: str, sex: str, *, sex_of_nik: str = "M", **cells: str) -> list[str]:
    values = {"NIK": make_nik(birth_date=BIRTH, sex=sex_of_nik, serial=serial), "Nama": name, "Jenis Kelamin": sex,
              "Tanggal Lahir": "12-03-1990", "Nama Usaha": f"Usaha {name}", "Sektor": "Industri makanan",
              "Kode BLK": "", "Nama Balai": "", "Kode Kab/Kota": "", "Program": "TKM Pemula"}  # fmt: skip
    values.update({key.replace("_", " "): value for key, value in cells.items()})
    return [values[header] for header in HEADERS]


def messy_rows(first: int = 1) -> list[list[str]]:
    """Five rows, each wrong in a way a person reads at once."""
    return [
        _row(first, "Andi", "Laki2", **{"Kode_BLK": "BLKK 3216 01", "Program": "TKM-Pemula 2024"}),
        _row(first + 1, "Budi", "laki2", **{"Kode_BLK": "BLKK-3216-001", "Program": "Pemula"}),
        _row(first + 2, "Citra", "P", sex_of_nik="F", **{"Nama_Balai": "BPKK Bekasi", "Kode_Kab/Kota": "Kab. Bekasi",
                                                         "Program": "TKM-Pemula 2024"}),
        _row(first + 3, "Dewi", "Prmpuan", sex_of_nik="F", **{"Kode_BLK": "Al Ikhlas"}),
        _row(first + 4, "Eko", "L", **{"Kode_BLK": "BLKK 3216 01"}),
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")  # Excel in an Indonesian locale
        writer.writerow(["DAFTAR PENERIMA TKM 2025"])
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PENERIMA TKM 2025"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_programme_label_kept_in_one_language_reads_in_the_other() -> None:
    with translation.override("id"):
        indonesian = str(SourceProgramme.TKM_PEMULA.label)
    with translation.override("en"):
        assert parse_source(indonesian) == SourceProgramme.TKM_PEMULA
        assert parse_source("TKM beginner (pemula)") == SourceProgramme.TKM_PEMULA


def _entries(report: Any) -> dict[tuple[str, str], Any]:
    return {(entry.key, entry.value): entry for entry in report.unresolved()}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_each_unknown_value_is_listed_once_with_its_rows_and_a_sensible_first_suggestion(
    tmp_path: Path, centres: dict[str, Any], kind: str
) -> None:
    path = (write_csv if kind == "csv" else write_xlsx)(tmp_path / f"tkm.{kind}", messy_rows())
    first = 3 if kind == "csv" else 4  # the first data row as the file numbers it
    entries = _entries(import_file(kind="tenants", path=path, dry_run=True).report)
    assert set(entries) == {
        ("sex", "Laki2"),
        ("sex", "Prmpuan"),
        ("source_programme", "TKM-Pemula 2024"),
        ("incubator", "BLKK 3216 01"),
        ("incubator", "Al Ikhlas"),
        ("regency", "Kab. Bekasi"),
    }
    assert entries[("sex", "Laki2")].rows == [first, first + 1]  # "Laki2" and "laki2": one value
    assert entries[("sex", "Laki2")].suggestion == "laki-laki"
    assert entries[("sex", "Prmpuan")].suggestion == "perempuan"
    assert entries[("source_programme", "TKM-Pemula 2024")].rows == [first, first + 2]
    assert entries[("source_programme", "TKM-Pemula 2024")].suggestion == str(SourceProgramme.TKM_PEMULA.label)
    assert entries[("incubator", "BLKK 3216 01")].rows == [first, first + 4]
    assert entries[("incubator", "BLKK 3216 01")].suggestion == "BLKK-3216-001"
    assert entries[("incubator", "Al Ikhlas")].suggestion == "BLKK-3216-001"  # by the centre's name
    assert entries[("regency", "Kab. Bekasi")].suggestion == "32.16"


def _checked_run(client: Client, path: Path) -> ImportRun:
    with path.open("rb") as handle:
        client.post(reverse("imports:upload", args=["tenants"]), {"file": handle})
    run = ImportRun.objects.filter(kind="tenants").latest("created_at")
    data = {f"column_{index}": "" for index in range(len(run.headers))}
    data.update({f"column_{index}": key for index, key in run.mapping.items()})
    client.post(reverse("imports:mapping", args=[run.pk]), data)
    run.refresh_from_db()
    return run


def test_mapping_on_the_check_page_lets_the_import_commit_and_is_kept_for_the_organisation(
    client: Client, tmp_path: Path, centres: dict[str, Any]
) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = _checked_run(client, write_xlsx(tmp_path / "tkm.xlsx", messy_rows()))
    assert run.status == ImportStatus.VALIDATED and run.error_count == 5
    page = client.get(reverse("imports:preview", args=[run.pk])).content.decode()
    form = page.split('data-testid="import-unresolved"')[1].split("</form>")[0]
    assert form.count("<td>Laki2</td>") == 1 and '<option value="BLKK-3216-001">' in form
    assert reverse("imports:commit", args=[run.pk]) not in page

    # Every suggestion accepted as the page pre-fills it.
    answers = {f"value_{index}": entry[3][0] for index, entry in enumerate(run.unresolved)}
    response = client.post(reverse("imports:values", args=[run.pk]), answers)
    assert response["Location"] == reverse("imports:preview", args=[run.pk])
    run.refresh_from_db()
    assert run.unresolved == [] and run.error_count == 0 and run.created_count == 5
    client.post(reverse("imports:commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED
    andi = Tenant.objects.get(person__name="Andi")
    assert andi.incubator == centres["bekasi"] and andi.source_programme == SourceProgramme.TKM_PEMULA
    assert andi.person.sex == "M" and Tenant.objects.get(person__name="Dewi").person.sex == "F"
    assert Tenant.objects.get(person__name="Citra").regency_id == "32.16"
    assert ValueMapping.objects.filter(organisation="ministry", kind="tenants").count() == 6

    # The ministry's next list (another admin, new people, the same variants): nothing to map.
    other = Client()
    other.force_login(make_user(Role.MINISTRY_ADMIN))
    again = _checked_run(other, write_csv(tmp_path / "tkm2.csv", messy_rows(first=11)))
    assert again.unresolved == [] and again.error_count == 0
    # A regional office is another organisation: the ministry's answers are not its own.
    region = Client()
    region.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    theirs = _checked_run(region, write_csv(tmp_path / "tkm3.csv", messy_rows(first=21)))
    assert {entry[2] for entry in theirs.unresolved} >= {"Laki2", "BLKK 3216 01", "Kab. Bekasi"}


def test_values_out_then_values_on_the_command_line(tmp_path: Path, centres: dict[str, Any]) -> None:
    path = write_csv(tmp_path / "tkm.csv", messy_rows())
    values = tmp_path / "nilai.csv"
    with pytest.raises(
        CommandError, match="baris bermasalah: tidak ada yang diimpor"
    ):  # the rows still fail: exit status 1, and the values file written
        call_command("import", "tenants", str(path), "--dry-run", "--values-out", str(values),
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    with values.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    by_value = {line["value"]: line for line in lines}
    assert by_value["Kab. Bekasi"] == {"column": "regency", "value": "Kab. Bekasi", "suggestion": "32.16", "rows": "5"}
    assert by_value["Laki2"]["rows"] == "3 4" and by_value["Laki2"]["suggestion"] == "laki-laki"
    assert len(lines) == 6

    out = io.StringIO()
    call_command("import", "tenants", str(path), "--values", str(values), stdout=out, stderr=io.StringIO())
    assert Tenant.objects.count() == 5
    assert ValueMapping.objects.filter(organisation="system", kind="tenants").count() == 6
    # The system's next list reads the same variants without a values file.
    outcome = import_file(kind="tenants", path=write_csv(tmp_path / "tkm2.csv", messy_rows(first=11)), dry_run=True)
    assert outcome.report.ok and outcome.report.unresolved() == []


def test_a_suggestion_never_names_a_centre_or_regency_outside_the_users_scope(
    tmp_path: Path, centres: dict[str, Any]
) -> None:
    rows = [
        _row(1, "Andi", "L", **{"Kode_BLK": "BLKK-3578-01"}),  # a slip on Surabaya's code
        _row(2, "Budi", "L", **{"Kode_BLK": "Darussalam"}),  # Surabaya's centre by name
        _row(3, "Cici", "P", sex_of_nik="F", **{"Nama_Balai": "BPKK Surabaya", "Kode_Kab/Kota": "Kota Surabaya"}),
    ]
    path = write_csv(tmp_path / "tkm.csv", rows)
    west = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    entries = _entries(import_file(kind="tenants", path=path, user=west, dry_run=True).report)
    suggested = {suggestion for entry in entries.values() for suggestion in entry.suggestions}
    assert {("incubator", "BLKK-3578-01"), ("incubator", "Darussalam"), ("regency", "Kota Surabaya")} <= set(entries)
    assert "BLKK-3578-010" not in suggested and "35.78" not in suggested
    assert all(not code.startswith("35.") for code in entries[("regency", "Kota Surabaya")].suggestions)
    # The ministry sees Surabaya: there it is the first suggestion.
    everything = _entries(
        import_file(kind="tenants", path=path, user=make_user(Role.MINISTRY_ADMIN), dry_run=True).report
    )
    assert everything[("incubator", "BLKK-3578-01")].suggestion == "BLKK-3578-010"
    assert everything[("incubator", "Darussalam")].suggestion == "BLKK-3578-010"
    assert everything[("regency", "Kota Surabaya")].suggestion == "35.78"
