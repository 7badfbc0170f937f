"""Value reconciliation of the trainee import, streamed (page and command) and through the framework.

A centre's list writes "Laki2", "Lulus Kompeten", "SLTA/SMK" and batch codes with spaces for dashes.
Each such value is offered once with its rows and the likest meanings (batch codes only among the
batches the importing user may see); the mapping is kept for the organisation, applied by the
streaming import (fast and row-by-row checks alike) and by the framework's importer.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from inkubator.core.roles import Role
from inkubator.imports.models import ValueMapping
from inkubator.imports.services import import_file
from inkubator.imports.values import organisation_key
from inkubator.people.models import Education, Person
from inkubator.regions.models import Regency
from inkubator.training.bulk import trainee_import
from inkubator.training.choices import EnrollmentStatus
from inkubator.training.models import Enrollment
from tests.factories import CentreFactory, make_user
from tests.people.factories import make_nik
from tests.training.factories import BatchFactory

pytestmark = pytest.mark.django_db

HEADER = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Pendidikan", "Kode Pelatihan", "Status Peserta"]
BIRTH = datetime.date(1999, 3, 7)


@pytest.fixture
def batches() -> dict[str, Any]:
    """Two batches at a Bekasi centre, one at a Surabaya centre (another province)."""
    bekasi = CentreFactory(code="BLKK-3216-001")
    surabaya = CentreFactory(code="BLKK-3578-010", regency=Regency.objects.get(code="35.78"))
    return {
        "tik": BatchFactory(code="BKS-2503-TIK", centre=bekasi),
        "jahit": BatchFactory(code="BKS-2503-JHT", centre=bekasi),
        "surabaya": BatchFactory(code="SBY-2503-TIK", centre=surabaya),
    }


def _row(
    serial: int, sex: str, batch: str, *, female: bool = False, education: str = "", status: str = ""
) -> list[str]:
    nik = make_nik(birth_date=BIRTH, sex="F" if female else "M", serial=serial)
    return [nik, f"Peserta {serial}", sex, "07-03-1999", education, batch, status]


def messy_rows(first: int = 1) -> list[list[str]]:
    return [
        _row(first, "Laki2", "BKS 2503 TIK"),
        _row(first + 1, "laki2", "BKS-2503-TIK", status="Lulus Kompeten"),
        _row(first + 2, "P", "bks 2503 tik", female=True, education="SLTA/SMK", status="lulus kompeten"),
        _row(first + 3, "Prmpuan", "BKS 2503 JHT", female=True, education="SMK"),
        _row(first + 4, "L", "BKS-2503-TIK", education="SLTA / SMK"),
    ]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PESERTA PELATIHAN"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _entries(report: Any) -> dict[tuple[str, str], Any]:
    return {(entry.key, entry.value): entry for entry in report.unresolved()}


EXPECTED_VALUES = {
    ("sex", "Laki2"),
    ("sex", "Prmpuan"),
    ("status", "Lulus Kompeten"),
    ("education", "SLTA/SMK"),
    ("batch", "BKS 2503 TIK"),
    ("batch", "BKS 2503 JHT"),
}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_each_unknown_value_is_listed_once_with_its_rows_and_a_sensible_first_suggestion(
    tmp_path: Path, batches: dict[str, Any], kind: str
) -> None:
    path = (write_csv if kind == "csv" else write_xlsx)(tmp_path / f"peserta.{kind}", messy_rows())
    first = 2 if kind == "csv" else 3
    manager = make_user(Role.CENTRE_MANAGER, centres=[batches["tik"].centre])
    entries = _entries(trainee_import(path=path, user=manager, dry_run=True))
    assert set(entries) == EXPECTED_VALUES
    assert entries[("sex", "Laki2")].rows == [first, first + 1]  # "Laki2" and "laki2": one value
    assert entries[("sex", "Laki2")].suggestion == "laki-laki"
    assert entries[("sex", "Prmpuan")].suggestion == "perempuan"
    assert entries[("status", "Lulus Kompeten")].rows == [first + 1, first + 2]
    assert entries[("status", "Lulus Kompeten")].suggestion == "lulus"
    assert entries[("education", "SLTA/SMK")].rows == [first + 2, first + 4]  # "SLTA / SMK" is the same value
    assert entries[("education", "SLTA/SMK")].suggestions[:2] in (["SMK", "SMA"], ["SMA", "SMK"])
    assert entries[("batch", "BKS 2503 TIK")].rows == [first, first + 2]
    assert entries[("batch", "BKS 2503 TIK")].suggestion == "BKS-2503-TIK"
    assert entries[("batch", "BKS 2503 JHT")].suggestion == "BKS-2503-JHT"
    assert entries[("batch", "BKS 2503 JHT")].column == "Kode Pelatihan"  # the file's header


def test_the_framework_importer_offers_the_same_values(tmp_path: Path, batches: dict[str, Any]) -> None:
    report = import_file(kind="trainees", path=write_csv(tmp_path / "p.csv", messy_rows()), dry_run=True).report
    entries = _entries(report)
    assert set(entries) == EXPECTED_VALUES
    assert entries[("batch", "BKS 2503 TIK")].rows == [2, 4]
    assert entries[("batch", "BKS 2503 TIK")].suggestion == "BKS-2503-TIK"
    # Mapped as suggested, every row reads.
    answers: dict[str, dict[str, str]] = {}
    for entry in entries.values():
        answers.setdefault(entry.key, {})[entry.value.lower().replace(" ", "").replace("/", "")] = entry.suggestion
    mapped = import_file(
        kind="trainees", path=write_csv(tmp_path / "p.csv", messy_rows()), dry_run=True, values=answers
    ).report
    assert mapped.ok and mapped.unresolved() == []


def _upload(rows: list[list[str]]) -> SimpleUploadedFile:
    lines = [";".join(HEADER), *(";".join(r) for r in rows)]
    return SimpleUploadedFile("peserta.csv", "\n".join(lines).encode(), content_type="text/csv")


def test_mapping_on_the_import_page_lets_the_import_commit_and_is_kept_for_the_centre(
    client: Any, settings: Any, tmp_path: Path, batches: dict[str, Any]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    centre = batches["tik"].centre
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    client.force_login(manager)
    checked = client.post(reverse("training:import"), {"file": _upload(messy_rows())})
    assert checked.context["report"].error_rows == 5
    page = checked.content.decode()
    form = page.split('data-testid="import-unresolved"')[1].split("</form>")[0]
    assert form.count("<td>Laki2</td>") == 1 and "<td>2, 3</td>" in form
    assert 'value="BKS-2503-TIK"' in form and "SBY-2503-TIK" not in page
    offered = checked.context["unresolved"]
    answers = {f"value_{item['index']}": item["entry"].suggestion for item in offered}
    # The suggestions as pre-filled, except that the user decides "SLTA/SMK" is SMK (not SMA).
    (education,) = [item["index"] for item in offered if item["entry"].key == "education"]
    answers[f"value_{education}"] = "SMK"
    answers["action"] = "values"

    again = client.post(reverse("training:import"), answers)

    report = again.context["report"]
    assert report.ok and report.unresolved() == [] and report.rows_read == 5
    assert ValueMapping.objects.filter(organisation=organisation_key(manager), kind="trainees").count() == 6
    done = client.post(reverse("training:import"), {"action": "commit"})
    assert done.status_code == 302 and Enrollment.objects.count() == 5
    first = Person.objects.get(name="Peserta 1")
    assert first.sex == "M" and first.enrollments.get().batch == batches["tik"]
    third = Enrollment.objects.get(person__name="Peserta 3")
    assert (third.status, third.person.education, third.person.sex) == (
        EnrollmentStatus.COMPLETED, Education.VOCATIONAL, "F"
    )  # fmt: skip
    assert Enrollment.objects.get(person__name="Peserta 4").batch == batches["jahit"]

    # The centre's next list (another manager of it): read with the kept answers, nothing to map.
    colleague = make_user(Role.CENTRE_MANAGER, centres=[centre])
    assert organisation_key(colleague) == organisation_key(manager)
    path = write_csv(tmp_path / "lagi.csv", messy_rows(first=11))
    assert _entries(trainee_import(path=path, user=colleague, dry_run=True)) == {}
    # Another centre's manager is another organisation: the answers are not theirs.
    stranger = make_user(Role.CENTRE_MANAGER, centres=[batches["surabaya"].centre])
    theirs = _entries(trainee_import(path=path, user=stranger, dry_run=True))
    assert {"Laki2", "Lulus Kompeten"} <= {value for _key, value in theirs}


def test_values_out_then_values_on_the_command_line(tmp_path: Path, batches: dict[str, Any]) -> None:
    path = write_xlsx(tmp_path / "peserta.xlsx", messy_rows())
    values = tmp_path / "nilai.csv"
    with pytest.raises(
        CommandError, match="baris bermasalah: tidak ada yang diimpor"
    ):  # rows still fail: exit status 1, the values file written all the same
        call_command("import", "trainees", str(path), "--dry-run", "--values-out", str(values),
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    with values.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    by_value = {line["value"]: line for line in lines}
    assert len(lines) == 6
    assert by_value["BKS 2503 TIK"] == {"column": "batch", "value": "BKS 2503 TIK", "suggestion": "BKS-2503-TIK",
                                         "rows": "3 5"}  # fmt: skip
    by_value["SLTA/SMK"]["suggestion"] = "SMK"  # the user decides between SMA and SMK
    with values.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["column", "value", "suggestion", "rows"])
        writer.writeheader()
        writer.writerows(by_value.values())

    out = io.StringIO()
    call_command("import", "trainees", str(path), "--values", str(values), stdout=out, stderr=io.StringIO())
    assert Enrollment.objects.count() == 5
    assert set(Person.objects.values_list("education", flat=True)) == {"", Education.VOCATIONAL}
    assert ValueMapping.objects.filter(organisation="system", kind="trainees").count() == 6
    # The alias command and the next file of the system: the kept answers, no values file.
    again = write_csv(tmp_path / "lagi.csv", messy_rows(first=11))
    call_command("import_trainees", str(again), stdout=io.StringIO(), stderr=io.StringIO())
    assert Enrollment.objects.count() == 10
    # The alias passes the values options on.
    third = write_csv(tmp_path / "ketiga.csv", [_row(31, "Laki-laki2", "BKS-2503-TIK")])
    listed = tmp_path / "ketiga-nilai.csv"
    with pytest.raises(CommandError, match="baris bermasalah: tidak ada yang diimpor"):
        call_command("import_trainees", str(third), "--dry-run", "--values-out", str(listed),
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    assert "sex,Laki-laki2,laki-laki,2" in listed.read_text(encoding="utf-8")
    call_command("import_trainees", str(third), "--values", str(listed), stdout=io.StringIO(), stderr=io.StringIO())
    assert Enrollment.objects.count() == 11


def test_a_suggestion_never_names_a_batch_or_centre_outside_the_users_scope(
    tmp_path: Path, batches: dict[str, Any]
) -> None:
    rows = [_row(1, "L", "SBY-2503-TIK1"), _row(2, "L", "SBY 2503 TIK")]
    path = write_csv(tmp_path / "peserta.csv", rows)
    manager = make_user(Role.CENTRE_MANAGER, centres=[batches["tik"].centre])
    entries = _entries(trainee_import(path=path, user=manager, dry_run=True))
    assert set(entries) == {("batch", "SBY-2503-TIK1"), ("batch", "SBY 2503 TIK")}
    suggested = {code for entry in entries.values() for code in entry.suggestions}
    assert "SBY-2503-TIK" not in suggested and suggested <= {"BKS-2503-TIK", "BKS-2503-JHT"}
    # The ministry sees Surabaya's batch: there it comes first.
    admin = _entries(trainee_import(path=path, user=make_user(Role.MINISTRY_ADMIN), dry_run=True))
    assert admin[("batch", "SBY-2503-TIK1")].suggestion == "SBY-2503-TIK"
    assert admin[("batch", "SBY 2503 TIK")].suggestion == "SBY-2503-TIK"

    # A batch named by centre, field and start date: an unknown field or a centre outside the scope.
    header = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Kode BLK", "Kejuruan", "Tanggal Mulai"]
    nik = make_nik(birth_date=BIRTH, serial=3)
    by_key = tmp_path / "kunci.csv"
    with by_key.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow([nik, "Tiga", "L", "07-03-1999", "BLKK-3216-001", "Teknologi Informasi", "01-03-2025"])
        writer.writerow([nik[:-1] + "4", "Empat", "L", "07-03-1999", "BLKK 3578 10", "TIK", "01-03-2025"])
    entries = _entries(trainee_import(path=by_key, user=manager, dry_run=True))
    assert entries[("field", "Teknologi Informasi")].suggestion == "Teknologi Informasi dan Komunikasi"
    assert "BLKK-3578-010" not in entries[("centre", "BLKK 3578 10")].suggestions
    admin = _entries(trainee_import(path=by_key, user=make_user(Role.MINISTRY_ADMIN), dry_run=True))
    assert admin[("centre", "BLKK 3578 10")].suggestion == "BLKK-3578-010"
