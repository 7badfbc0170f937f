"""``manage.py import venues FILE [--dry-run]``: creates, updates by code, refuses bad rows, respects scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from inkubator.core.roles import Role
from inkubator.imports.services import import_file
from inkubator.venues.models import Venue
from tests.factories import CentreFactory, make_user

from .factories import make_venue

pytestmark = pytest.mark.django_db

HEADER = "Kode;Nama Tempat;Jenis;Provinsi;Kabupaten/Kota;Lintang;Bujur;Kejuruan;Kapasitas per Gelombang;Aktif\n"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "tempat.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_list_creates_and_updates_venues_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    make_venue("32.16", code="BPKK-BEKASI", name="BPKK Bekasi", capacity_per_wave=100)
    path = write(
        tmp_path,
        "BPKK-BEKASI;BPKK Bekasi;BPKK;Jawa Barat;Kabupaten Bekasi;-6.25;107.1;Tata Boga / Processing;200;ya",
        "BBPVP-SERANG;BBPVP Serang;UPTP;Banten;Kabupaten Serang;-6.15;106.0;tik, menjahit;300;ya",
        "UPTD-BLK-53;UPTD BLK Provinsi NTT;UPTD provinsi;;53.71;;;;120;tidak",
    )
    outcome = import_file(kind="venues", path=path)
    assert outcome.report.ok, [str(e) for e in outcome.report.errors]
    assert outcome.written == {"create": 2, "update": 1, "unchanged": 0}
    bekasi = Venue.objects.get(code="BPKK-BEKASI")
    assert bekasi.capacity_per_wave == 200 and [f.code for f in bekasi.fields.all()] == ["tata-boga"]
    serang = Venue.objects.get(code="BBPVP-SERANG")
    assert serang.regency_id == "36.04" and serang.kind == "blk_uptp"
    assert {f.code for f in serang.fields.all()} == {"tik", "menjahit"}
    kupang = Venue.objects.get(code="UPTD-BLK-53")
    assert kupang.regency_id == "53.71" and not kupang.active and kupang.latitude is None
    again = import_file(kind="venues", path=path)
    assert again.written == {"create": 0, "update": 0, "unchanged": 3}


def test_bad_rows_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "BLK-A;BLK A;UPTP;;Kabupaten Bekasi;-6.2;150.0;;100;ya",  # longitude outside Indonesia
        "BLK-B;BLK B;gedung;;Kabupaten Bekasi;;;;100;ya",  # no such type
        "BLK-C;BLK C;UPTP;;Kabupaten Antah;;;;0;ya",  # no such regency, no capacity
        "BLK-D;BLK D;BLKK;;Kabupaten Bekasi;;;;100;ya",  # a BLKK venue without its centre
    )
    outcome = import_file(kind="venues", path=path)
    assert not outcome.report.ok and not Venue.objects.exists()
    messages = " | ".join(str(error) for error in outcome.report.errors)
    for row in (2, 3, 4, 5):
        assert f"Row {row}" in messages or f"Baris {row}" in messages, messages


def test_a_coordinator_imports_only_in_their_area(tmp_path: Path) -> None:
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    path = write(tmp_path, "BLK-KUPANG;BLK Kupang;UPTD kota;;Kota Kupang;;;;80;ya")
    outcome = import_file(kind="venues", path=path, user=korwil)
    assert not outcome.report.ok and not Venue.objects.exists()


def test_the_command_with_dry_run_and_a_blkk_row(tmp_path: Path) -> None:
    centre = CentreFactory(code="BLKK-3216-9")
    path = write(tmp_path, "BLKK-3216-9;BLKK Bekasi;BLKK;;Kabupaten Bekasi;;;;32;ya")
    path.write_text(
        HEADER.replace("Aktif\n", "Aktif;Kode BLKK\n")
        + "BLKK-3216-9;BLKK Bekasi;BLKK;;Kabupaten Bekasi;;;;32;ya;BLKK-3216-9\n",
        encoding="utf-8",
    )
    call_command("import", "venues", str(path), "--dry-run")
    assert not Venue.objects.exists()
    call_command("import", "venues", str(path))
    assert Venue.objects.get().centre == centre
