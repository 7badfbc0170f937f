"""The trainee import with messy files: every bad row named, duplicates found, re-runs write nothing,
nothing half-written unless only the good rows are asked for (and then recorded)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun
from inkubator.people.models import Person
from inkubator.training.bulk import trainee_import
from inkubator.training.models import Enrollment
from tests.factories import CentreFactory, make_user
from tests.people.factories import PersonFactory, make_nik
from tests.training.factories import BatchFactory

pytestmark = pytest.mark.django_db
HEADER = ["NIK", "Nama", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Alamat", "No HP", "Kode Pelatihan"]
BIRTH = datetime.date(1999, 3, 7)


def nik(serial: int, sex: str = "M") -> str:
    return make_nik(birth_date=BIRTH, sex=sex, serial=serial)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(number: int, batch: str, *, sex: str = "L", phone: str = "081234567890", name: str = "") -> list[str]:
    return [nik(number, "F" if sex == "P" else "M"), name or f"Peserta {number}", sex, "Bekasi", "07-03-1999",
            "Jl. Melati", phone, batch]  # fmt: skip


@pytest.fixture
def batch():  # noqa: ANN201
    return BatchFactory(code="BKS-2503-TIK")


def test_good_file_imports_and_rerun_writes_nothing(tmp_path, batch) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "peserta.csv", [row(1, "bks-2503-tik", phone="+6281234567890"),
                                               row(2, batch.code, sex="P", phone="6281234567891"),
                                               row(3, batch.code, phone="081234567892")])  # fmt: skip
    report = trainee_import(path=path)
    assert report.ok and report.written
    assert (report.people_created, report.enrolments_created) == (3, 3)
    assert set(Person.objects.values_list("phone", flat=True)) == {"+6281234567890", "+6281234567891",
                                                                   "+6281234567892"}  # fmt: skip
    assert Person.objects.get(nik=nik(2, "F")).regency_id == "32.16"
    run = ImportRun.objects.get(kind="trainees")
    assert run.created_count == 3
    assert LogEntry.objects.get_for_object(run).get().changes_dict["committed_valid_rows_only"] == ["", "no"]

    again = trainee_import(path=path)
    assert (again.people_created, again.people_updated, again.enrolments_created, again.enrolments_updated) == (0,) * 4
    assert again.people_unchanged == 3 and again.enrolments_unchanged == 3
    assert Person.objects.count() == 3 and Enrollment.objects.count() == 3


def test_messy_file_names_every_row_and_writes_nothing(tmp_path, batch) -> None:  # noqa: ANN001
    existing = PersonFactory(nik=nik(50), name="Lama", birth_date=BIRTH)
    rows = [
        row(1, batch.code),  # 2: good
        ["3.21604E+15", "Excel", "L", "", "07-03-1999", "", "", batch.code],  # 3: scientific notation
        [f"'{nik(4)}", "Apostrof", "L", "", "07-03-1999", "", "0812 3456 7894", batch.code],  # 4: good after cleaning
        [" ".join([nik(5)[:4], nik(5)[4:]]), "Spasi", "L", "", "07-03-1999", "", "", batch.code],  # 5: good
        ["3299010703990006", "Wilayah", "L", "", "07-03-1999", "", "", batch.code],  # 6: no such regency
        [nik(7), "Tanggal", "L", "", "08-03-1999", "", "", batch.code],  # 7: birth date mismatch
        [nik(8), "Wanita", "P", "", "07-03-1999", "", "", batch.code],  # 8: a man's NIK, sex P
        row(9, "TIDAK-ADA"),  # 9: unknown batch
        row(10, batch.code, phone="12345"),  # 10: bad phone
        row(1, batch.code),  # 11: duplicate of row 2
        row(4, "", name="Nama Lain"),  # 12: no batch at all
        [nik(50), "Lama Baru", "L", "", "07-03-1999", "", "", batch.code],  # 13: matches the database (update)
    ]
    path = write_csv(tmp_path / "berantakan.csv", rows)
    report = trainee_import(path=path)
    assert not report.written
    by_row: dict[int, str] = {}
    for error in report.errors:
        by_row.setdefault(error.row, error.message)
    assert sorted(by_row) == [3, 6, 7, 8, 9, 10, 11, 12]
    assert "Excel" in by_row[3]
    assert "32.99" not in by_row[6] and "329901" in by_row[6]
    assert "08-03-1999" in by_row[7]
    assert "TIDAK-ADA" in by_row[9]
    assert "12345" in by_row[10]
    assert "2" in by_row[11]
    assert report.duplicates_in_file == 1
    assert report.people_existing == 1 and report.people_updated == 1
    assert Person.objects.count() == 1 and not Enrollment.objects.exists()
    assert not ImportRun.objects.exists()
    existing.refresh_from_db()
    assert existing.name == "Lama"


def test_commit_valid_writes_the_good_rows_and_says_so(tmp_path, batch) -> None:  # noqa: ANN001
    admin = make_user(Role.MINISTRY_ADMIN)
    path = write_csv(tmp_path / "campur.csv", [row(1, batch.code), row(2, "TIDAK-ADA"), row(3, batch.code)])
    report = trainee_import(path=path, user=admin, commit_valid=True)
    assert report.written and report.committed_valid_only
    assert Enrollment.objects.count() == 2
    run = ImportRun.objects.get()
    assert run.error_count == 1 and run.errors[0][0] == 3 and run.user == admin
    entry = LogEntry.objects.get_for_object(run).get()
    assert entry.actor == admin and entry.changes_dict["committed_valid_rows_only"] == ["", "yes"]


def test_same_nik_under_another_name_is_reported(tmp_path, batch) -> None:  # noqa: ANN001
    other, third = BatchFactory(centre=batch.centre), BatchFactory(centre=batch.centre)
    path = write_csv(tmp_path / "nama.csv", [row(1, batch.code), row(1, other.code, name="Orang Lain"),
                                            row(1, third.code)])  # fmt: skip
    report = trainee_import(path=path, dry_run=True)
    messages = {error.row: error.message for error in report.errors}
    assert set(messages) == {3}
    assert report.enrolments_created == 2  # the same person in two batches is fine


def test_scope_of_the_importing_user(tmp_path, batch) -> None:  # noqa: ANN001
    manager = make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()])
    report = trainee_import(path=write_csv(tmp_path / "x.csv", [row(1, batch.code)]), user=manager)
    assert not report.written and "BKS-2503-TIK" in report.errors[0].message


def test_batch_by_centre_field_and_start(tmp_path, batch) -> None:  # noqa: ANN001
    header = ["NIK", "Nama", "L/P", "Tgl Lahir", "Kode BLK", "Kejuruan", "Tanggal Mulai", "Status"]
    rows = [[nik(1), "A", "L", "1999-03-07", batch.centre.code, "Teknologi Informasi dan Komunikasi", "01/03/2025",
             "lulus"]]  # fmt: skip
    report = trainee_import(path=write_csv(tmp_path / "f.csv", rows, header))
    assert report.written
    assert Enrollment.objects.get().status == "completed"


def test_xlsx_with_number_cells(tmp_path, batch) -> None:  # noqa: ANN001
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Daftar Peserta Pelatihan"])
    sheet.append(HEADER)
    sheet.append([nik(1), "Teks", "L", "Bekasi", datetime.datetime(1999, 3, 7), "", 81234567890, batch.code])
    sheet.append([int(nik(2)), "Angka", "L", "Bekasi", datetime.datetime(1999, 3, 7), "", "", batch.code])
    path = tmp_path / "peserta.xlsx"
    workbook.save(path)
    report = trainee_import(path=path, dry_run=True)
    assert [error.row for error in report.errors] == [4]
    assert "Excel" in report.errors[0].message
    assert report.people_created == 1


def test_commands(tmp_path, batch, capsys) -> None:  # noqa: ANN001
    good = write_csv(tmp_path / "baik.csv", [row(1, batch.code), row(2, batch.code)])
    call_command("import", "trainees", str(good), "--dry-run")
    assert not Enrollment.objects.exists()
    call_command("import", "trainees", str(good))
    assert Enrollment.objects.count() == 2
    call_command("import", "trainees", str(good))  # again: unchanged
    assert Enrollment.objects.count() == 2 and Person.objects.count() == 2
    bad = write_csv(tmp_path / "buruk.csv", [row(3, batch.code), row(4, "TIDAK-ADA")])
    # Exit status 1 (CommandError) whenever a row fails: a dry run, an import, and the good rows only.
    for command in (("import_trainees", str(bad), "--dry-run"), ("import", "trainees", str(bad), "--dry-run"),
                    ("import_trainees", str(bad))):  # fmt: skip
        with pytest.raises(CommandError, match="tidak ada yang diimpor") as error:
            call_command(*command)
        assert error.value.returncode == 1
    assert Enrollment.objects.count() == 2
    assert "TIDAK-ADA" in capsys.readouterr().err
    with pytest.raises(CommandError, match="1 baris bermasalah dan dilewati") as error:
        call_command("import_trainees", str(bad), "--commit-valid")
    assert error.value.returncode == 1
    assert Enrollment.objects.count() == 3


# Writing while reading (PostgreSQL): a clean file of new people goes into the tables chunk by chunk
# while the next chunk is checked; anything else is rolled back and staged. Chunks of two rows here,
# so that each case crosses chunks.


@pytest.fixture
def small_chunks(monkeypatch):  # noqa: ANN001, ANN201
    from inkubator.training import bulk

    monkeypatch.setattr(bulk, "WRITE_CHUNK", 2)


def test_new_people_written_chunk_by_chunk_keep_every_cell(tmp_path, batch, small_chunks, monkeypatch) -> None:  # noqa: ANN001
    from django.db import connection

    from inkubator.training import bulk

    if connection.vendor == "postgresql":  # the file is clean: it never goes the staged way
        monkeypatch.setattr(bulk, "_import_staged", None)
    rows = [row(number, batch.code) for number in range(1, 6)]
    rows[2][1], rows[2][5] = "Back\\Slash", "Jl. Tab\tdan\\garis"  # free text COPY must escape
    header = [*HEADER, "Status", "Kehadiran"]
    rows = [[*cells, "lulus" if number == 1 else "", "87" if number == 4 else ""] for number, cells in enumerate(rows)]
    report = trainee_import(path=write_csv(tmp_path / "baru.csv", rows, header))
    assert report.ok and report.written
    assert (report.people_created, report.people_existing, report.enrolments_created) == (5, 0, 5)
    person = Person.objects.get(nik=nik(3))
    assert (person.name, person.address, person.regency_id) == ("Back\\Slash", "Jl. Tab\tdan\\garis", "32.16")
    assert person.name_key == "BACK\\SLASH" and person.birth_date == BIRTH and person.phone == "+6281234567890"
    statuses = dict(Enrollment.objects.values_list("person__nik", "status"))
    assert statuses[nik(2)] == "completed" and statuses[nik(1)] == "registered"
    assert Enrollment.objects.get(person__nik=nik(5)).attendance == 87
    assert ImportRun.objects.get(kind="trainees").created_count == 5


def test_a_nik_repeated_in_a_later_chunk_is_reported_and_nothing_written(tmp_path, batch, small_chunks) -> None:  # noqa: ANN001
    rows = [row(1, batch.code), row(2, batch.code), row(3, batch.code), row(1, batch.code)]
    report = trainee_import(path=write_csv(tmp_path / "ulang.csv", rows))
    assert not report.written and report.duplicates_in_file == 1
    assert [(error.row, "2" in error.message) for error in report.errors] == [(5, True)]
    assert not Person.objects.exists() and not Enrollment.objects.exists()


def test_a_registered_person_in_a_later_chunk_is_matched_not_duplicated(tmp_path, batch, small_chunks) -> None:  # noqa: ANN001
    PersonFactory(nik=nik(4), name="Lama", birth_date=BIRTH)
    rows = [row(number, batch.code) for number in range(1, 6)]
    report = trainee_import(path=write_csv(tmp_path / "campur.csv", rows))
    assert report.ok and report.written
    assert (report.people_created, report.people_existing, report.people_updated) == (4, 1, 1)
    assert report.enrolments_created == 5
    assert Person.objects.count() == 5 and Person.objects.get(nik=nik(4)).name == "Peserta 4"


def test_a_bad_row_in_a_later_chunk_writes_nothing_and_is_named(tmp_path, batch, small_chunks) -> None:  # noqa: ANN001
    rows = [row(1, batch.code), row(2, batch.code), row(3, batch.code), row(4, "TIDAK-ADA")]
    report = trainee_import(path=write_csv(tmp_path / "salah.csv", rows))
    assert not report.written and [error.row for error in report.errors] == [5]
    assert report.people_created == 3  # the plan of the good rows, as a dry run says
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def test_a_name_the_import_corrects_reaches_the_tenant_list_copy(tmp_path, batch) -> None:  # noqa: ANN001
    """The tenant list sorts by a copy of the person's name (``people.name_copies``): a trainee file that
    corrects the name of someone who is also a tenant must refresh that copy, not leave the old name
    (personal data) on the tenant row."""
    from tests.incubation.factories import make_tenant

    tenant = make_tenant(person=PersonFactory(nik=nik(1), name="Nama Lama"))
    other = make_tenant(person=PersonFactory(nik=nik(2), name="Tetap Sama"))
    report = trainee_import(path=write_csv(tmp_path / "koreksi.csv", [row(1, batch.code, name="Nama Baru")]))
    assert report.written and report.people_updated == 1
    tenant.refresh_from_db()
    other.refresh_from_db()
    assert (tenant.person_name, other.person_name) == ("Nama Baru", "Tetap Sama")
