"""The centre import on messy files: what is read, what is planned, what is written, and what is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from inkubator.centres.choices import HostKind, Religion
from inkubator.centres.models import Centre, CentreField, HostInstitution
from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun
from inkubator.imports.services import import_file
from inkubator.imports.validation import Action
from tests.factories import CentreFactory, HostInstitutionFactory, make_user

from .conftest import GOOD_ROWS, HEADER, messy_rows, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

COLUMN = {name.strip(): index for index, name in enumerate(HEADER)}


def _row(cells: dict[str, object]) -> list[object]:
    """A copy of the first good row with some cells changed, by header."""
    row = list(GOOD_ROWS[0])
    for header, value in cells.items():
        row[COLUMN[header]] = value
    return row


def _errors(outcome) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.code) for error in outcome.report.errors]


def test_messy_csv_is_read_and_imported(good_csv: Path) -> None:
    outcome = import_file(kind="centres", path=good_csv)

    assert outcome.table.header_row == 3  # title row and a blank line above the header
    assert outcome.report.ok, _errors(outcome)
    assert [result.number for result in outcome.report.results] == [4, 6, 7]  # the blank line at 5 is skipped
    assert outcome.written == {"create": 3, "update": 0, "unchanged": 0}

    bekasi = Centre.objects.get(name="BLK Komunitas Al-Ikhlas")
    assert bekasi.regency_id == "32.16" and bekasi.province_id == "32"
    assert bekasi.district_id == "32.16.06" and bekasi.village_id == "32.16.06.2002"
    assert (bekasi.latitude, bekasi.longitude) == (Decimal("-6.25"), Decimal("107.05"))
    assert bekasi.cohort_year == 2019 and bekasi.phone == "081234567890" and bekasi.email == "alikhlas@example.id"
    assert bekasi.code == "BLKK-3216-001"
    assert set(bekasi.fields.values_list("code", flat=True)) == {"tik", "menjahit"}
    assert bekasi.host.kind == HostKind.PESANTREN and bekasi.host.religion == Religion.ISLAM

    surabaya = Centre.objects.get(name="BLKK Maju Bersama")
    assert surabaya.regency_id == "35.78" and surabaya.village_id == "35.78.08.1003"
    assert surabaya.host.kind == HostKind.UNION
    assert set(surabaya.fields.values_list("code", flat=True)) == {"otomotif", "tik"}

    # No "Jenis Lembaga": "PP …" in the name says pesantren. Its code follows the first one's.
    darul = Centre.objects.get(name="BLK Komunitas Darul Ulum")
    assert darul.host.kind == HostKind.PESANTREN and darul.code == "BLKK-3216-002"
    assert list(darul.fields.values_list("code", flat=True)) == ["menjahit"]

    run = ImportRun.objects.get()
    assert (run.created_count, run.updated_count, run.unchanged_count, run.user) == (3, 0, 0, None)
    assert LogEntry.objects.get_for_object(bekasi).exists()  # every write audited through the services


def test_second_run_of_the_same_file_writes_nothing_new(good_csv: Path) -> None:
    import_file(kind="centres", path=good_csv)
    entries = LogEntry.objects.count()

    again = import_file(kind="centres", path=good_csv)

    assert again.report.ok
    assert again.report.counts[Action.UNCHANGED] == 3
    assert again.written == {"create": 0, "update": 0, "unchanged": 3}
    assert Centre.objects.count() == 3 and HostInstitution.objects.count() == 3 and CentreField.objects.count() == 5
    assert LogEntry.objects.count() == entries


def test_changed_cells_update_only_what_the_file_gives(good_csv: Path, tmp_path: Path) -> None:
    import_file(kind="centres", path=good_csv)
    centre = Centre.objects.get(name="BLK Komunitas Al-Ikhlas")
    # Same centre (same institution in the same regency, no code), new phone; an empty e-mail erases nothing.
    changed = write_csv(tmp_path / "changed.csv", [HEADER, _row({"No. HP": "0811-1111-222", "Email": ""})])

    outcome = import_file(kind="centres", path=changed)

    assert outcome.written == {"create": 0, "update": 1, "unchanged": 0}
    centre.refresh_from_db()
    assert centre.phone == "0811-1111-222" and centre.email == "alikhlas@example.id"
    assert LogEntry.objects.get_for_object(centre).count() == 2


def test_every_created_or_changed_object_has_its_own_audit_entry_by_the_importing_user(
    good_csv: Path, tmp_path: Path
) -> None:
    """The commit writes set-based, and still one audit entry per object, as a save one by one would."""
    admin = make_user(Role.MINISTRY_ADMIN)

    import_file(kind="centres", path=good_csv, user=admin)

    created = [*HostInstitution.objects.all(), *Centre.objects.all(), *CentreField.objects.all()]
    assert len(created) == 3 + 3 + 5
    for instance in created:
        entry = LogEntry.objects.get_for_object(instance).get()
        assert (entry.action, entry.actor, entry.object_repr) == (LogEntry.Action.CREATE, admin, str(instance))
    bekasi = Centre.objects.get(name="BLK Komunitas Al-Ikhlas")
    changes = LogEntry.objects.get_for_object(bekasi).get().changes
    assert changes["code"] == ["None", "BLKK-3216-001"] and changes["regency"] == ["None", "32.16"]
    assert changes["host"] == ["None", str(bekasi.host_id)] and changes["id"] == ["None", str(bekasi.pk)]

    changed = write_csv(tmp_path / "changed.csv", [HEADER, _row({"No. HP": "0811-1111-222"})])
    import_file(kind="centres", path=changed, user=admin)

    entry = LogEntry.objects.get_for_object(bekasi).latest("pk")
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, admin)
    assert entry.changes == {"phone": ["081234567890", "0811-1111-222"]}  # its own change, not updated_at


def test_match_on_registration_code_case_insensitive(tmp_path: Path) -> None:
    existing = CentreFactory(code="BLKK-3216-050", name="BLK Komunitas Lama", cohort_year=2018)
    path = write_csv(
        tmp_path / "code.csv",
        [
            ["Kode BLK", "Nama BLKK", "Lembaga Pengelola", "Kab/Kota", "Prov", "Angkatan"],
            ["blkk-3216-050", "BLK Komunitas Baru", existing.host.name, "Bekasi, Kab.", "Jawa Barat", 2018],
        ],
    )

    outcome = import_file(kind="centres", path=path)

    assert outcome.written == {"create": 0, "update": 1, "unchanged": 0}
    existing.refresh_from_db()
    assert existing.name == "BLK Komunitas Baru" and existing.code == "BLKK-3216-050"


def test_xlsx_with_excel_dates_and_numbers(tmp_path: Path) -> None:
    rows = messy_rows()
    rows[3][COLUMN["Tahun Bantuan"]] = "2019"  # becomes an Excel date below
    rows[5][COLUMN["Tahun Bantuan"]] = 2021.0  # a float as some programs write it
    path = write_xlsx(tmp_path / "blkk.xlsx", rows, date_columns=[COLUMN["Tahun Bantuan"]])

    outcome = import_file(kind="centres", path=path)

    assert outcome.report.ok, _errors(outcome)
    assert outcome.table.header_row == 3
    assert sorted(Centre.objects.values_list("cohort_year", flat=True)) == [2019, 2021, 2022]


def test_semicolon_cp1252_csv(tmp_path: Path) -> None:
    path = tmp_path / "windows.csv"
    rows = [
        ["Nama BLK", "Nama Lembaga", "Jenis Lembaga", "Agama", "Kabupaten/Kota", "Provinsi", "Tahun", "Lat", "Long"],
        [
            "BLKK Santo Yusup",
            "Seminari Santo Yusup",
            "Lembaga Keagamaan",
            "Katolik",
            "Kota Surabaya",
            "JAWA TIMUR",
            "2020",
            "-7,26",
            "112,75",
        ],
        [
            "BLKK Al-Ma\u2019arif",
            "Yayasan Al-Ma\u2019arif",
            "Lembaga Masyarakat",
            "",
            "Surabaya",
            "Jatim",
            "2023",
            "",
            "",
        ],
    ]
    write_csv(path, rows, delimiter=";", encoding="cp1252")
    assert b"\x92" in path.read_bytes()  # the typographic apostrophe in cp1252

    outcome = import_file(kind="centres", path=path)

    assert outcome.report.ok, _errors(outcome)
    seminari = HostInstitution.objects.get(name="Seminari Santo Yusup")
    assert (seminari.kind, seminari.religion) == (HostKind.RELIGIOUS, Religion.CATHOLIC)
    assert Centre.objects.get(name="BLKK Al-Ma\u2019arif").regency_id == "35.78"


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [
        HEADER,
        GOOD_ROWS[0],  # row 2: good
        _row(
            {
                "NAMA BLK KOMUNITAS": "BLKK Antah",
                "nama_lembaga": "PP Antah",
                "Kabupaten/Kota": "Kab. Antah Berantah",
                "Desa/Kelurahan": "",
                "Kecamatan": "",
            }
        ),  # row 3
        _row(
            {
                "NAMA BLK KOMUNITAS": "BLKK Bekasi",
                "nama_lembaga": "PP Bekasi",
                "Kabupaten/Kota": "Bekasi",
                "Desa/Kelurahan": "",
                "Kecamatan": "",
            }
        ),  # row 4: Kabupaten or Kota Bekasi?
        GOOD_ROWS[1],  # row 5: good
        _row({"NAMA BLK KOMUNITAS": "BLK Komunitas Al-Ikhlas 2"}),  # row 6: same institution and regency as row 2
        _row(
            {
                "NAMA BLK KOMUNITAS": "BLKK Tahun",
                "nama_lembaga": "PP Tahun",
                "Tahun Bantuan": "2016",
                "Latitude": "abc",
                "Kejuruan": "Sulap",
            }
        ),  # row 7
    ]
    path = write_csv(tmp_path / "bad.csv", rows)

    with translation.override("en"):
        outcome = import_file(kind="centres", path=path)

    assert not outcome.report.ok and outcome.written is None and outcome.run is None
    assert Centre.objects.count() == 0 and HostInstitution.objects.count() == 0 and ImportRun.objects.count() == 0
    by_row = {result.number: result for result in outcome.report.results}
    assert by_row[2].action == Action.CREATE and by_row[5].action == Action.CREATE  # good rows reported ready
    errors = _errors(outcome)
    assert (3, "Kabupaten/Kota", "unknown_region") in errors
    assert (4, "Kabupaten/Kota", "ambiguous") in errors
    assert (6, "nama_lembaga", "duplicate") in errors
    assert (7, "Tahun Bantuan", "year_range") in errors
    # Details never block a row: a bad coordinate and an unknown field are warnings (left empty, text kept).
    warnings = [(warning.row, warning.column, warning.code) for warning in outcome.report.warnings]
    assert (7, "Latitude", "number") in warnings
    assert (7, "Kejuruan", "unknown_field") in warnings
    messages = {(error.row, error.column): error.message for error in outcome.report.errors}
    assert "Kabupaten Bekasi, Jawa Barat" in messages[(4, "Kabupaten/Kota")]
    assert "Kota Bekasi, Jawa Barat" in messages[(4, "Kabupaten/Kota")]
    assert "Antah Berantah" in messages[(3, "Kabupaten/Kota")]
    assert "row 2" in messages[(6, "nama_lembaga")]
    with translation.override("en"):
        assert str(outcome.report.errors[0]).startswith("Row 3, column 'Kabupaten/Kota': ")
    assert str(outcome.report.errors[0]).startswith("Baris 3, kolom 'Kabupaten/Kota': ")  # Indonesian by default


def test_dry_run_writes_nothing(good_csv: Path) -> None:
    outcome = import_file(kind="centres", path=good_csv, dry_run=True)

    assert outcome.report.ok and outcome.report.counts[Action.CREATE] == 3
    assert outcome.written is None
    assert Centre.objects.count() == 0 and ImportRun.objects.count() == 0


def test_coordinator_of_jawa_timur_may_not_import_a_jawa_barat_row(good_csv: Path) -> None:
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])

    outcome = import_file(kind="centres", path=good_csv, user=coordinator)

    assert not outcome.report.ok and Centre.objects.count() == 0
    scope_errors = {(error.row, error.column) for error in outcome.report.errors if error.code == "scope"}
    assert scope_errors == {(4, "Kabupaten/Kota"), (7, "Kabupaten/Kota")}
    by_row = {result.number: result.action for result in outcome.report.results}
    assert by_row[6] == Action.CREATE  # the Surabaya row is theirs


def test_coordinator_may_not_update_a_centre_of_another_region_by_its_code(tmp_path: Path) -> None:
    CentreFactory(code="BLKK-3216-001")
    coordinator = make_user(Role.REGIONAL_COORDINATOR, regencies=["35.78"])
    path = write_csv(
        tmp_path / "sneaky.csv",
        [
            ["Kode Registrasi", "Nama BLKK", "Nama Lembaga", "Jenis Lembaga", "Kabupaten/Kota", "Provinsi", "Tahun"],
            ["BLKK-3216-001", "BLKK Pindah", "PP Pindah", "Ponpes", "Kota Surabaya", "Jawa Timur", 2020],
        ],
    )

    outcome = import_file(kind="centres", path=path, user=coordinator)

    assert [(e.row, e.column, e.code) for e in outcome.report.errors] == [(2, "Kode Registrasi", "scope")]


def test_a_host_without_type_or_religion_goes_in_with_a_warning(tmp_path: Path) -> None:
    """The type and religion of a host are details: missing, the row goes in and the gap is shown."""
    path = write_csv(
        tmp_path / "hosts.csv",
        [
            ["Nama BLKK", "Nama Lembaga", "Jenis Lembaga", "Kabupaten/Kota", "Provinsi", "Tahun"],
            ["BLKK Satu", "Perkumpulan Satu", "", "Kota Surabaya", "Jawa Timur", 2020],
            ["BLKK Dua", "Gereja Dua", "Lembaga Keagamaan", "Kota Surabaya", "Jawa Timur", 2020],
        ],
    )

    outcome = import_file(kind="centres", path=path)

    assert _errors(outcome) == []
    warnings = [(warning.row, warning.column, warning.code) for warning in outcome.report.warnings]
    assert warnings == [(2, "Jenis Lembaga", "host_kind_missing"), (3, "Jenis Lembaga", "religion_missing")]
    assert outcome.written == {"create": 2, "update": 0, "unchanged": 0}
    assert HostInstitution.objects.get(name="Perkumpulan Satu").kind == HostKind.COMMUNITY
    church = HostInstitution.objects.get(name="Gereja Dua")
    assert (church.kind, church.religion) == (HostKind.RELIGIOUS, "")
    assert outcome.run.warning_count == 2


def test_existing_host_is_reused_case_insensitively(tmp_path: Path) -> None:
    host = HostInstitutionFactory(name="Pondok Pesantren Nurul Huda")
    path = write_csv(
        tmp_path / "reuse.csv",
        [
            ["Nama BLKK", "Nama Lembaga", "Kabupaten/Kota", "Provinsi", "Tahun"],
            ["BLKK Nurul Huda", "PONDOK PESANTREN NURUL HUDA", "Kab. Bekasi", "Jawa Barat", 2020],
        ],
    )

    outcome = import_file(kind="centres", path=path)

    assert outcome.written == {"create": 1, "update": 0, "unchanged": 0}
    assert HostInstitution.objects.get() == host and Centre.objects.get().host == host


def test_missing_required_column_is_refused_before_any_row(tmp_path: Path) -> None:
    from inkubator.imports.validation import MappingError

    path = write_csv(tmp_path / "short.csv", [["Nama BLKK", "Nama Lembaga", "Provinsi"], ["A", "B", "Jatim"]])

    with (
        pytest.raises(
            MappingError, match="No column of the file is mapped to Regency/city, which is required"
        ) as error,
        translation.override("en"),
    ):
        import_file(kind="centres", path=path)
    assert "Regency/city" in str(error.value)
