"""Value reconciliation in the venue import: types, regions, fields and centre codes a list names but nothing matches.

Each unknown value is listed once with the rows it affects and ranked suggestions (only in the
importing user's area); mapped on the values form or in a values file, it is understood by the
same organisation's next import and by no other organisation's.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from inkubator.core.roles import Role
from inkubator.imports.models import ImportStatus, ValueMapping
from inkubator.imports.services import import_file
from inkubator.imports.values import organisation_key
from inkubator.regions.models import Regency
from inkubator.venues.choices import VenueKind
from inkubator.venues.importers import kind_suggestions, parse_yes, read_kind
from inkubator.venues.models import Venue
from tests.factories import CentreFactory, make_user
from tests.values_flow import checked_run, commit, edit_values, map_values, read_values, unmatched

pytestmark = pytest.mark.django_db

HEADER = ["Kode", "Nama Tempat", "Jenis", "Provinsi", "Kabupaten/Kota", "Kejuruan", "Kapasitas", "Aktif", "Kode BLKK"]
# A ministry list as it arrives: a title above the header, the type written out, a misspelt regency in
# two rows, a field name with a typo, a centre code with a zero too many.
ROWS = [
    ["VEN-01", "UPTD BLK Bekasi", "UPTD BLK Kabupaten", "Jabar", "Kab. Bekasih", "TIK, Teknik Pendingn", 100, "ya", ""],
    ["VEN-02", "BLK Cikarang", "Balai Latihan", "Jawa Barat", "Kab. Bekasih", "Menjahit", 80, "ya", ""],
    ["VEN-03", "BLKK Al-Ikhlas", "BLK-K", "Jawa Barat", "Kabupaten Bekasi", "", 30, "ya", "BLKK-3216-09"],
    ["VEN-04", "UPTD BLK Jabar", "UPTD BLK Provinsi", "Prov. Jawa Baratt", "Kota Bandung", "", 200, "ya", ""],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["DAFTAR TEMPAT PELATIHAN 2026"])
        writer.writerow([])
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    book.active.append(["Daftar tempat pelatihan"])
    book.active.append(HEADER)
    for row in rows:
        book.active.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


@pytest.fixture
def centre() -> Any:
    return CentreFactory(code="BLKK-3216-9", name="BLK Komunitas Al-Ikhlas", regency=Regency.objects.get(code="32.16"))


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_type_vocabulary_reads_what_lists_write() -> None:
    assert read_kind("UPTD BLK Kabupaten Bekasi") == VenueKind.BLK_REGENCY
    assert read_kind("UPTD BLK Kota Bandung") == VenueKind.BLK_REGENCY
    assert read_kind("Disnaker Prov. NTT") == VenueKind.BLK_PROVINCE
    assert read_kind("Balai Besar Pelatihan Vokasi dan Produktivitas Serang") == VenueKind.BLK_UPTP
    assert read_kind("BBPLK Bekasi") == VenueKind.BLK_UPTP
    assert read_kind("BLK-K") == VenueKind.BLKK_INCUBATOR
    assert read_kind("BLK Komunitas Kota Bandung") == VenueKind.BLKK_INCUBATOR  # not a city BLK
    assert read_kind("BPKK Kabupaten Bogor") == VenueKind.BPKK
    assert read_kind("Gedung serbaguna") is None
    assert read_kind("BLK Kab") == VenueKind.BLK_REGENCY  # "blkk…" inside "blkkab" is not BLK Komunitas
    assert kind_suggestions("BPK")[0] == "BPKK"
    assert sorted(kind_suggestions("x")) == sorted(["BLK UPTP", "UPTD provinsi", "UPTD kabupaten/kota", "BPKK",
                                                    "BLK Komunitas"])  # fmt: skip


def test_each_unknown_value_is_listed_once_with_its_rows_and_a_sensible_first_suggestion(
    tmp_path: Path, centre: Any
) -> None:
    outcome = import_file(kind="venues", path=write_csv(tmp_path / "tempat.csv", ROWS), dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert set(found) == {
        ("regency", "Kab. Bekasih"),
        ("fields", "Teknik Pendingn"),
        ("kind", "Balai Latihan"),
        ("centre", "BLKK-3216-09"),
        ("province", "Prov. Jawa Baratt"),
    }
    assert found[("regency", "Kab. Bekasih")].rows == [4, 5]  # once, for both rows
    assert found[("regency", "Kab. Bekasih")].suggestion == "Kabupaten Bekasi"
    assert found[("fields", "Teknik Pendingn")].suggestion == "Teknik Pendingin (Refrigerasi)"
    assert found[("centre", "BLKK-3216-09")].suggestion == centre.code
    assert found[("province", "Prov. Jawa Baratt")].suggestion == "Jawa Barat"
    assert set(found[("kind", "Balai Latihan")].suggestions) == set(kind_suggestions(""))
    # What makes a venue wrong stops its row; a field or a province only warns.
    errors = {(error.row, error.column) for error in outcome.report.errors}
    assert errors == {(4, "Kabupaten/Kota"), (5, "Kabupaten/Kota"), (5, "Jenis"), (6, "Kode BLKK")}
    warnings = {(warning.row, warning.column) for warning in outcome.report.warnings}
    assert warnings == {(4, "Kejuruan"), (7, "Provinsi")}


def test_mapped_on_the_values_form_the_import_commits_and_the_mapping_is_kept_for_the_organisation(
    client: Client, tmp_path: Path, centre: Any, media: None
) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = checked_run(client, "venues", write_xlsx(tmp_path / "tempat.xlsx", ROWS))
    assert run.status == ImportStatus.VALIDATED and run.error_count == 3  # rows
    found = unmatched(run)
    assert found[("regency", "Kab. Bekasih")]["rows"] == [3, 4]

    run = map_values(client, run, {
        ("regency", "Kab. Bekasih"): found[("regency", "Kab. Bekasih")]["suggestions"][0],
        ("kind", "Balai Latihan"): "UPTD kabupaten/kota",
        ("centre", "BLKK-3216-09"): found[("centre", "BLKK-3216-09")]["suggestions"][0],
        ("fields", "Teknik Pendingn"): "Teknik Pendingin (Refrigerasi)",
        ("province", "Prov. Jawa Baratt"): "Jawa Barat",
    })  # fmt: skip

    assert run.unresolved == [] and run.error_count == 0 and run.warnings == []
    assert commit(client, run).status == ImportStatus.COMMITTED
    first = Venue.objects.get(code="VEN-01")
    assert first.regency_id == "32.16" and {f.code for f in first.fields.all()} == {"tik", "pendingin"}
    assert Venue.objects.get(code="VEN-02").kind == VenueKind.BLK_REGENCY
    assert Venue.objects.get(code="VEN-03").centre == centre
    assert ValueMapping.objects.filter(organisation="ministry", kind="venues").count() == 5

    # The ministry's next list with the same variants: understood at once. A coordinator's is not.
    again = [["VEN-05", "BLK Tambun", "Balai Latihan", "Jabar", "Kab. Bekasih", "Teknik Pendingn", 50, "ya", ""]]
    other_admin = Client()
    other_admin.force_login(make_user(Role.MINISTRY_ADMIN))
    assert checked_run(other_admin, "venues", write_csv(tmp_path / "lagi.csv", again)).unresolved == []
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    outcome = import_file(kind="venues", path=tmp_path / "lagi.csv", user=korwil, dry_run=True)
    values = {entry.value for entry in outcome.report.unresolved()}
    assert values == {"Balai Latihan", "Kab. Bekasih", "Teknik Pendingn"}


def test_values_out_then_values_on_the_command_line(tmp_path: Path, centre: Any) -> None:
    path = write_csv(tmp_path / "tempat.csv", ROWS)
    out = tmp_path / "nilai.csv"
    with pytest.raises(CommandError, match="3 rows have errors"):
        call_command("import", "venues", str(path), "--dry-run", "--values-out", str(out))
    written = {(row["column"], row["value"]): row for row in read_values(out)}
    assert written[("regency", "Kab. Bekasih")]["rows"] == "4 5"
    assert written[("centre", "BLKK-3216-09")]["suggestion"] == "BLKK-3216-9"
    # The user keeps every suggestion but the type's.
    edit_values(out, lambda row: "UPTD kabupaten/kota" if row["column"] == "kind" else None)

    call_command("import", "venues", str(path), "--values", str(out))

    assert Venue.objects.count() == 4 and Venue.objects.get(code="VEN-02").regency_id == "32.16"
    assert ValueMapping.objects.filter(organisation=organisation_key(None), kind="venues").count() == 5


def test_a_coordinator_is_offered_only_regions_and_centres_of_their_area(tmp_path: Path, centre: Any) -> None:
    east = CentreFactory(code="BLKK-3578-9", regency=Regency.objects.get(code="35.78"))
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    rows = [
        ["VEN-11", "BLK Bks", "UPTD kabupaten", "", "Kab. Bekasih", "", 50, "ya", ""],
        ["VEN-12", "BLKK Sby", "BLKK", "", "Kota Surabaya", "", 30, "ya", "BLKK-3216-09"],
        ["VEN-13", "BLK Sby", "UPTD kota", "Jawa Baratt", "Kota Surabaya", "", 30, "ya", ""],
    ]
    outcome = import_file(kind="venues", path=write_csv(tmp_path / "tempat.csv", rows), user=korwil, dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert found[("regency", "Kab. Bekasih")].suggestions == []  # Bekasi is in West Java
    assert found[("province", "Jawa Baratt")].suggestions == []
    assert found[("centre", "BLKK-3216-09")].suggestions == [east.code]  # never the West Java centre
    admin = import_file(kind="venues", path=tmp_path / "tempat.csv", dry_run=True)
    assert centre.code in {s for entry in admin.report.unresolved() for s in entry.suggestions}


def test_an_unknown_yes_or_no_is_offered_with_both_answers_and_a_mapping_takes(tmp_path: Path) -> None:
    row = ["VEN-21", "BLK Bogor", "UPTD kabupaten", "Jawa Barat", "Kabupaten Bogor", "", 40, "Buka", ""]
    path = write_csv(tmp_path / "tempat.csv", [row])
    [entry] = import_file(kind="venues", path=path, dry_run=True).report.unresolved()
    assert (entry.key, entry.value, entry.rows) == ("active", "Buka", [4])
    assert [parse_yes(suggestion) for suggestion in entry.suggestions] in ([True, False], [False, True])
    values = tmp_path / "nilai.csv"
    values.write_text("column,value,suggestion,rows\nactive,Buka,ya,4\n", encoding="utf-8")
    call_command("import", "venues", str(path), "--values", str(values))
    assert Venue.objects.get(code="VEN-21").active is True
