"""Value reconciliation: each unknown value once with suggestions and rows; mapped once; kept and reused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.imports.models import ValueMapping
from inkubator.imports.services import import_file
from inkubator.imports.values import organisation_key, value_map_for
from tests.factories import make_user

from .conftest import write_csv

pytestmark = pytest.mark.django_db

HEADER = [
    "Nama BLK",
    "Nama Lembaga",
    "Jenis Lembaga",
    "Desa",
    "Kecamatan",
    "Kabupaten/Kota",
    "Provinsi",
    "Kejuruan",
    "Tahun",
]


def _row(name: str, fields: str, village: str = "Lambangsari", kind: str = "Ormas") -> list[str]:
    return [name, f"Yayasan {name}", kind, village, "Tambun Selatan", "Kab. Bekasi", "Jawa Barat", fields, "2020"]


ROWS = [
    _row("BLKK A", "Otomotif Mobil, TIK"),
    _row("BLKK B", "Otomotif Mobil"),
    _row("BLKK C", "Menjahit", village="Lambang Sari Baru"),
    _row("BLKK D", "Teknik Pendingn", kind="Paguyuban"),
]


def _values(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_unknown_value_is_listed_once_with_suggestions_and_rows(tmp_path: Path) -> None:
    outcome = import_file(kind="centres", path=write_csv(tmp_path / "daftar.csv", [HEADER, *ROWS]), dry_run=True)
    unresolved = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert set(unresolved) == {
        ("fields", "Otomotif Mobil"),
        ("fields", "Teknik Pendingn"),
        ("village", "Lambang Sari Baru"),
        ("host_kind", "Paguyuban"),
    }
    assert unresolved[("fields", "Otomotif Mobil")].rows == [2, 3]  # once, with both rows
    assert unresolved[("fields", "Teknik Pendingn")].suggestion == "Teknik Pendingin (Refrigerasi)"
    assert unresolved[("village", "Lambang Sari Baru")].suggestion == "Lambangsari"
    assert unresolved[("host_kind", "Paguyuban")].suggestions[0] == "Pondok Pesantren"


def test_values_out_then_values_applies_and_keeps_the_mapping_for_next_time(tmp_path: Path) -> None:
    first = write_csv(tmp_path / "daftar.csv", [HEADER, *ROWS])
    out = tmp_path / "nilai.csv"
    call_command("import", "centres", str(first), "--dry-run", "--values-out", str(out))
    rows = _values(out)
    assert {row["value"] for row in rows} == {"Otomotif Mobil", "Teknik Pendingn", "Lambang Sari Baru", "Paguyuban"}
    # The user keeps the suggestions but says what "Otomotif Mobil" and "Paguyuban" mean.
    for row in rows:
        if row["value"] == "Otomotif Mobil":
            row["suggestion"] = "Teknik Otomotif (Sepeda Motor)"
        if row["value"] == "Paguyuban":
            row["suggestion"] = "Lembaga Masyarakat"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["column", "value", "suggestion", "rows"])
        writer.writeheader()
        writer.writerows(rows)

    call_command("import", "centres", str(first), "--values", str(out))

    assert Centre.objects.count() == 4
    assert [field.code for field in Centre.objects.get(name="BLKK B").fields.all()] == ["otomotif"]
    assert Centre.objects.get(name="BLKK C").village.name == "Lambangsari"
    assert Centre.objects.get(name="BLKK C").import_notes == {}
    assert ValueMapping.objects.filter(organisation="system", kind="centres").count() == 4
    # Next list of the same organisation: the same variants are understood without a values file.
    second = write_csv(tmp_path / "daftar2.csv", [HEADER, _row("BLKK E", "Otomotif Mobil", kind="Paguyuban")])
    outcome = import_file(kind="centres", path=second, dry_run=True)
    assert outcome.report.unresolved() == [] and outcome.report.warnings == []


def test_mappings_belong_to_their_organisation(tmp_path: Path) -> None:
    east = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    west = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    assert organisation_key(east) != organisation_key(west) != organisation_key(None)
    ValueMapping.objects.create(
        organisation=organisation_key(west), kind="centres", column="fields", value_key="otomotifmobil",
        value="Otomotif Mobil", replacement="Teknik Otomotif (Sepeda Motor)",
    )  # fmt: skip
    assert value_map_for(kind="centres", user=west) == {"fields": {"otomotifmobil": "Teknik Otomotif (Sepeda Motor)"}}
    assert value_map_for(kind="centres", user=east) == {}


def test_values_out_needs_a_dry_run_and_a_values_file_its_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "daftar.csv", [HEADER, *ROWS])
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with translation.override("en"):
        with pytest.raises(CommandError, match="--dry-run"):
            call_command("import", "centres", str(path), "--values-out", str(tmp_path / "x.csv"))
        with pytest.raises(CommandError, match="column,value,suggestion,rows"):
            call_command("import", "centres", str(path), "--values", str(bad))
