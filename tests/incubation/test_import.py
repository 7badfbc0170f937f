"""``manage.py import tenants FILE [--dry-run]``: TKM lists in, persons found or created by NIK, all or nothing."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inkubator.incubation.choices import SourceProgramme, Stage
from inkubator.incubation.models import Grant, Tenant
from inkubator.people.models import Person
from tests.people.factories import PersonFactory, make_nik

from .factories import make_incubator

pytestmark = pytest.mark.django_db

HEADERS = [
    "NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "No HP", "Nama Usaha", "Sektor", "KBLI",
    "Kode BLK", "Nama Balai", "Kode Kab/Kota", "Program", "Nilai Bantuan",
]  # fmt: skip


def write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "tkm.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def row(nik: str, name: str, sex: str, birth: str, **overrides: str) -> list[str]:
    values = {
        "NIK": nik, "Nama": name, "Jenis Kelamin": sex, "Tanggal Lahir": birth, "No HP": "0812-3456-7890",
        "Nama Usaha": f"Usaha {name}", "Sektor": "Industri makanan", "KBLI": "10792", "Kode BLK": "",
        "Nama Balai": "", "Kode Kab/Kota": "", "Program": "TKM Pemula", "Nilai Bantuan": "Rp 10.000.000",
    }  # fmt: skip
    values.update(overrides)
    return [values[h] for h in HEADERS]


def test_import_creates_people_tenants_and_grants_and_is_idempotent(tmp_path: Path) -> None:
    centre = make_incubator(code="BLKK-3216-001")
    known = PersonFactory(name="Siti Aminah", sex="F", birth_date=datetime.date(1990, 3, 12),
                          nik=make_nik(birth_date=datetime.date(1990, 3, 12), sex="F", serial=11))  # fmt: skip
    new_nik = make_nik(birth_date=datetime.date(1988, 7, 1), sex="M", serial=12)
    path = write(
        tmp_path,
        [
            row(known.nik, "Siti Aminah", "P", "12-03-1990", **{"Kode BLK": "blkk-3216-001"}),
            row(new_nik, "Budi Santoso", "L", "01/07/1988", **{"Nama Balai": "BPKK Bekasi", "Kode Kab/Kota": "32.16",
                "Program": "Korban PHK", "Nilai Bantuan": ""}),
        ],
    )  # fmt: skip
    out, _ = run("tenants", str(path), "--dry-run")
    assert "2" in out and not Tenant.objects.exists()
    run("tenants", str(path))
    assert Person.objects.count() == 2  # the known person was found by NIK, not duplicated
    siti = Tenant.objects.get(person=known)
    assert siti.incubator == centre and siti.stage == Stage.PRE and siti.business.kbli_code == "10792"
    assert Grant.objects.get(tenant=siti).amount == 10_000_000
    budi = Tenant.objects.get(person__nik=new_nik)
    assert budi.venue_name == "BPKK Bekasi" and budi.regency_id == "32.16"
    assert budi.source_programme == SourceProgramme.LAID_OFF
    assert budi.person.phone == "+6281234567890"
    run("tenants", str(path))  # the same list again: nothing new
    assert Tenant.objects.count() == 2 and Grant.objects.count() == 1


def test_one_bad_row_stops_the_whole_file_with_row_and_column_named(tmp_path: Path) -> None:
    make_incubator(code="BLKK-3216-002")
    good = make_nik(birth_date=datetime.date(1990, 1, 5), serial=21)
    path = write(
        tmp_path,
        [
            row(good, "Andi", "L", "05-01-1990", **{"Kode BLK": "BLKK-3216-002"}),
            row(good[:-1] + "9", "Bambang", "P", "05-01-1990", **{"Kode BLK": "TIDAK-ADA"}),
            row(make_nik(birth_date=datetime.date(1991, 2, 2), serial=22), "Citra", "L", "02-02-1991",
                **{"Kode BLK": "BLKK-3216-002", "Nilai Bantuan": "sepuluh juta", "Program": "Beasiswa"}),
        ],
    )  # fmt: skip
    with pytest.raises(CommandError, match="2 baris bermasalah: tidak ada yang diimpor"):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", "tenants", str(path), stdout=out, stderr=err)
        finally:
            errors = err.getvalue()
    assert not Tenant.objects.exists() and not Person.objects.exists()
    # Row numbers as in the file (header is row 1): Bambang is row 3, Citra row 4.
    assert "3" in errors and "NIK" in errors  # the sex does not match the NIK
    assert "TIDAK-ADA" in errors
    assert "sepuluh juta" in errors and "Beasiswa" in errors
