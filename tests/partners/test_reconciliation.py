"""Value reconciliation in the partner import: kinds and provinces a list names but nothing matches.

An unknown kind or a province the partner works in stops its row (leaving a province out would change
who the partner reaches; all of them out would make it nationwide); an unknown head office province
is left as it was, with a warning. Each is listed once with its rows and ranked suggestions, mapped
once, and kept for the organisation (the ministry's mappings are not the command line's).
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
from inkubator.partners.importers import KIND_SUGGESTIONS, kind_suggestions, read_kind
from inkubator.partners.models import Partner
from tests.factories import make_user
from tests.values_flow import checked_run, commit, edit_values, map_values, read_values, unmatched

pytestmark = pytest.mark.django_db
Kind = Partner.Kind

HEADER = ["No", "Nama Mitra", "Jenis Mitra", "Singkatan", "Provinsi Kantor Pusat", "Wilayah Kerja", "Telepon"]
ROWS = [
    [1, "PT Bank Jabar Banten", "Bank Pembangunan Daerah", "BJB", "Jabar", "Jabar; Bantenn", "022-1234567"],
    [2, "Politeknik Negeri Jakarta", "Politeknik", "PNJ", "DKI", "", ""],
    [3, "Kementerian Desa PDTT", "Kemnterian Desa", "Kemendes", "DKI Jakarta", "", ""],
    [4, "Koperasi Sejahtera Bersama", "Koperasi", "", "Jawa Tengahh", "Jateng", ""],
    [5, "Koperasi Karya Mandiri", "Koperasi", "", "Jawa Tengah", "Jawa Tengah, Bantenn", ""],
]


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Daftar Mitra Kemnaker"])
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_kind_vocabulary_reads_what_lists_write() -> None:
    assert read_kind("Bank Pembangunan Daerah") == Kind.BANK  # a bank before "daerah" says government
    assert read_kind("Politeknik Negeri") == Kind.UNIVERSITY
    assert read_kind("Perguruan Tinggi Swasta") == Kind.UNIVERSITY
    assert read_kind("PT (Persero)") == Kind.STATE_COMPANY
    assert read_kind("PT") == Kind.COMPANY
    assert read_kind("Pemerintah Kabupaten") == Kind.LOCAL_GOVERNMENT
    assert read_kind("Disnaker Provinsi") == Kind.LOCAL_GOVERNMENT
    assert read_kind("KADIN") == Kind.ASSOCIATION
    assert read_kind("Lembaga donor internasional") == Kind.DONOR
    assert read_kind("Koperasi") is None and read_kind("Yayasan") is None  # several kinds could be meant
    assert kind_suggestions("Kemnterian")[0] == "Kementerian"
    assert kind_suggestions("BUMD")[0] == "BUMN"
    assert sorted(kind_suggestions("zzz")) == sorted(KIND_SUGGESTIONS.values())


def test_each_unknown_value_is_listed_once_with_its_rows_and_a_sensible_first_suggestion(tmp_path: Path) -> None:
    outcome = import_file(kind="partners", path=write_csv(tmp_path / "mitra.csv", ROWS), dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert set(found) == {
        ("provinces", "Bantenn"),
        ("kind", "Kemnterian Desa"),
        ("kind", "Koperasi"),
        ("province", "Jawa Tengahh"),
    }
    assert found[("provinces", "Bantenn")].rows == [3, 7] and found[("provinces", "Bantenn")].suggestion == "Banten"
    assert found[("kind", "Koperasi")].rows == [6, 7]
    assert found[("kind", "Kemnterian Desa")].suggestion == "Kementerian"
    assert found[("province", "Jawa Tengahh")].suggestion == "Jawa Tengah"
    errors = {(error.row, error.column) for error in outcome.report.errors}
    assert errors == {(3, "Wilayah Kerja"), (5, "Jenis Mitra"), (6, "Jenis Mitra"), (7, "Jenis Mitra"),
                      (7, "Wilayah Kerja")}  # fmt: skip
    assert [(w.row, w.column) for w in outcome.report.warnings] == [(6, "Provinsi Kantor Pusat")]


def test_mapped_on_the_values_form_the_import_commits_and_the_mapping_is_kept_for_the_ministry(
    client: Client, tmp_path: Path, media: None
) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    run = checked_run(client, "partners", write_xlsx(tmp_path / "mitra.xlsx", ROWS))
    assert run.status == ImportStatus.VALIDATED and run.error_count == 4
    assert unmatched(run)[("kind", "Koperasi")]["rows"] == [5, 6]

    run = map_values(client, run, {
        ("provinces", "Bantenn"): "Banten",
        ("kind", "Kemnterian Desa"): "Kementerian",
        ("kind", "Koperasi"): "Lainnya",
        ("province", "Jawa Tengahh"): "Jawa Tengah",
    })  # fmt: skip

    assert run.unresolved == [] and run.error_count == 0
    assert commit(client, run).status == ImportStatus.COMMITTED
    bjb = Partner.objects.get(short_name="BJB")
    assert bjb.kind == Kind.BANK and set(bjb.provinces.values_list("pk", flat=True)) == {"32", "36"}
    assert Partner.objects.get(short_name="Kemendes").kind == Kind.MINISTRY
    koperasi = Partner.objects.get(name="Koperasi Sejahtera Bersama")
    assert koperasi.kind == Kind.OTHER and koperasi.province_id == "33"
    assert ValueMapping.objects.filter(organisation="ministry", kind="partners").count() == 4

    # Another ministry admin's next list: understood at once; the command line (the system) is another organisation.
    again = write_csv(tmp_path / "lagi.csv", [[6, "Koperasi Baru", "Koperasi", "", "Jawa Tengahh", "Bantenn", ""]])
    other = Client()
    other.force_login(make_user(Role.MINISTRY_ADMIN))
    assert checked_run(other, "partners", again).unresolved == []
    outcome = import_file(kind="partners", path=again, dry_run=True)
    assert {entry.value for entry in outcome.report.unresolved()} == {"Koperasi", "Jawa Tengahh", "Bantenn"}


def test_values_out_then_values_on_the_command_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mitra.csv", ROWS)
    out = tmp_path / "nilai.csv"
    with pytest.raises(CommandError, match="baris bermasalah: tidak ada yang diimpor"):
        call_command("import", "partners", str(path), "--dry-run", "--values-out", str(out))
    written = {(row["column"], row["value"]): row for row in read_values(out)}
    assert written[("kind", "Koperasi")]["rows"] == "6 7"
    assert written[("provinces", "Bantenn")]["suggestion"] == "Banten"
    edit_values(out, lambda row: "Lainnya" if row["value"] == "Koperasi" else None)

    call_command("import", "partners", str(path), "--values", str(out))

    assert Partner.objects.count() == 5
    karya = Partner.objects.get(name="Koperasi Karya Mandiri")
    assert set(karya.provinces.values_list("pk", flat=True)) == {"33", "36"}
    assert ValueMapping.objects.filter(organisation="system", kind="partners").count() == 4
