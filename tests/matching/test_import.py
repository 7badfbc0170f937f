"""``manage.py import partners FILE``: organisations by name, kinds and provinces in Indonesian; twice = no change."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from inkubator.imports.services import import_file
from inkubator.partners.models import Partner

pytestmark = pytest.mark.django_db

HEADERS = ["Nama Mitra", "Jenis", "Singkatan", "Provinsi", "Wilayah Kerja", "Telepon"]


def write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "mitra.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def test_partners_are_imported_then_a_second_run_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, [
        ["PT Bank Rakyat Indonesia (Persero) Tbk", "Bank", "BRI", "DKI Jakarta", "", "081234567890"],
        ["IPB University", "Universitas", "IPB", "32", "Jawa Barat, 31", ""],
    ])  # fmt: skip
    dry = import_file(kind="partners", path=path, dry_run=True)
    assert dry.report.counts.get("create") == 2 and not Partner.objects.exists()
    outcome = import_file(kind="partners", path=path)
    assert outcome.written and outcome.written["create"] == 2
    ipb = Partner.objects.get(short_name="IPB")
    assert ipb.kind == Partner.Kind.UNIVERSITY and ipb.province_id == "32"
    assert set(ipb.provinces.values_list("pk", flat=True)) == {"31", "32"}
    again = import_file(kind="partners", path=path, dry_run=True)
    assert again.report.counts.get("unchanged") == 2


def test_an_unknown_kind_fails_the_row_an_unknown_head_office_province_only_warns(tmp_path: Path) -> None:
    path = write(tmp_path, [["Koperasi Maju", "Arisan", "", "Atlantis", "", ""]])
    outcome = import_file(kind="partners", path=path)
    assert outcome.run is None and not Partner.objects.exists()
    assert {error.column for error in outcome.report.errors} == {"Jenis"}
    assert {warning.column for warning in outcome.report.warnings} == {"Provinsi"}
