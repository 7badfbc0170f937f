"""Reading files: encodings, delimiters, title rows, blank lines, workbook values; and the upload checks."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from inkubator.centres.importers import CENTRE_SPEC
from inkubator.imports.cells import parse_decimal, parse_year
from inkubator.imports.files import MAX_ZIP_ENTRIES, check_import_file
from inkubator.imports.parsing import read_table, sniff_delimiter

from .conftest import write_csv, write_xlsx


def _read(path: Path) -> object:
    with path.open("rb") as stream:
        fmt = check_import_file(name=path.name, stream=stream)
    return read_table(path, fmt=fmt, header_score=CENTRE_SPEC.header_score)


def test_bom_title_row_and_blank_lines(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["Daftar BLK Komunitas"],
            [],
            ["Nama BLKK", "Provinsi", "Kabupaten/Kota"],
            ["A", "Jatim", "Surabaya"],
            [],
            ["B", "Jabar", "Kab. Bekasi"],
        ],
        bom=True,
    )
    table = _read(path)
    assert table.encoding == "utf-8-sig" and table.delimiter == ","
    assert table.header_row == 3 and table.headers == ["Nama BLKK", "Provinsi", "Kabupaten/Kota"]
    assert [(row.number, row.values[0]) for row in table.rows] == [(4, "A"), (6, "B")]


def test_semicolon_cp1252_with_comma_decimals(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "b.csv",
        [["Nama BLKK", "Nama Lembaga", "Latitude"], ["BLKK Caf\u00e9", "Yayasan \u2019", "-6,2"]],
        delimiter=";",
        encoding="cp1252",
    )
    table = _read(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.rows[0].values == ("BLKK Caf\u00e9", "Yayasan \u2019", "-6,2")


def test_tab_delimited() -> None:
    assert sniff_delimiter("Nama BLKK\tProvinsi\tTahun\nA\tJatim\t2020\n") == "\t"


def test_xlsx_values(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["Judul"],
            ["Nama BLKK", "Tahun", "Kode BLK", "Latitude"],
            ["A", "2020", 3216.0, -6.25],
            [],
            ["B", "2021", "X", None],
        ],
        date_columns=[1],
    )
    table = _read(path)
    assert table.header_row == 2
    first, second = table.rows
    assert first.number == 3 and second.number == 5
    assert first.values == ("A", datetime.datetime(2020, 1, 1), 3216, -6.25)  # 3216.0 → 3216


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2019", 2019),
        (2020, 2020),
        (2020.0, 2020),
        ("TA 2018", 2018),
        (datetime.datetime(2021, 3, 1), 2021),
        (datetime.datetime(1905, 7, 13), 2021),
    ],  # a year typed into a date-formatted cell
)
def test_year(value: object, year: int) -> None:
    assert parse_year(value) == year


@pytest.mark.parametrize("value", ["2018/2019", "dua ribu", 2020.5])
def test_not_a_year(value: object) -> None:
    with pytest.raises(ValidationError, match="bukan tahun"):
        parse_year(value)


@pytest.mark.parametrize(("value", "number"), [("\u22126,2", "-6.2"), ("106.827", "106.827"), (-6.5, "-6.5")])
def test_decimal(value: object, number: str) -> None:
    assert str(parse_decimal(value)) == number


def test_extension_and_magic_bytes_are_checked() -> None:
    with pytest.raises(ValidationError, match="Unggah berkas CSV atau XLSX") as error:
        check_import_file(name="list.pdf", stream=io.BytesIO(b"%PDF-1.4"))
    assert error.value.code == "extension"
    with pytest.raises(ValidationError, match="Isi berkas bukan buku kerja XLSX") as error:
        check_import_file(name="list.xlsx", stream=io.BytesIO(b"Nama BLKK,Provinsi\n"))
    assert error.value.code == "magic"
    with pytest.raises(ValidationError, match=r"Berkas ini bukan berkas teks \(CSV\)") as error:
        check_import_file(name="list.csv", stream=io.BytesIO(b"PK\x03\x04\x00\x00binary"))
    assert error.value.code == "text"


def test_zip_with_too_many_entries_is_refused_before_opening() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(MAX_ZIP_ENTRIES):
            archive.writestr(f"xl/part{index}.xml", "")
    with pytest.raises(ValidationError, match="Buku kerja memiliki terlalu banyak bagian") as error:
        check_import_file(name="bomb.xlsx", stream=buffer)
    assert error.value.code == "zip"


def test_zip_that_unpacks_too_big_is_refused_before_opening() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (201 * 1024 * 1024))
    assert buffer.tell() < 1024 * 1024  # a bomb: small packed
    with pytest.raises(ValidationError, match="Buku kerja ini jika dibuka melebihi 200 MB") as error:
        check_import_file(name="bomb.xlsx", stream=buffer)
    assert error.value.code == "zip"


def test_phone_stored_as_a_number_gets_its_leading_zero_back() -> None:
    from inkubator.centres.importers import parse_phone

    assert parse_phone(81234567890) == "081234567890"
    assert parse_phone("+62 812-3456-7890") == "+62 812-3456-7890"
    with pytest.raises(ValidationError, match="bukan nomor telepon"):
        parse_phone("hubungi kami")
