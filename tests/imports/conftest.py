"""Messy import files, written by the tests themselves into ``tmp_path``.

The good list below has what real ministry lists have: a title above the header, mixed header
spellings in their own order, province and regency spellings ("Jatim", "Kab. Bekasi",
"KOTA SURABAYA"), comma-decimal coordinates with a typographic minus, several fields in one cell,
blank lines.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

Rows = Sequence[Sequence[Any]]

TITLE = ["DAFTAR BLK KOMUNITAS PENERIMA BANTUAN"]
HEADER = [
    "No",
    "NAMA BLK KOMUNITAS ",
    "nama_lembaga",
    "Jenis Lembaga",
    "Alamat",
    "Desa/Kelurahan",
    "Kecamatan",
    "Kabupaten/Kota",
    "Provinsi",
    "Kejuruan",
    "Tahun Bantuan",
    "Latitude",
    "Longitude",
    "Narahubung",
    "No. HP",
    "Email",
]
GOOD_ROWS: list[list[Any]] = [
    [
        1,
        "BLK Komunitas Al-Ikhlas",
        "Pondok Pesantren Al-Ikhlas",
        "Ponpes",
        "Jl. Raya Tambun No. 5",
        "Lambangsari",
        "Tambun Selatan",
        "Kab. Bekasi",
        "Jabar",
        "TIK, Menjahit",
        "2019",
        "\u22126,25",
        "107,05",
        "Ahmad",
        "081234567890",
        "alikhlas@example.id",
    ],
    [
        2,
        "BLKK Maju Bersama",
        "SP/SB Maju Bersama",
        "SP/SB",
        "",
        "Airlangga",
        "Gubeng",
        "KOTA SURABAYA",
        "Jatim",
        "Otomotif; Teknologi Informasi dan Komunikasi",
        "2021",
        "",
        "",
        "Budi",
        "",
        "",
    ],
    [
        3,
        "BLK Komunitas Darul Ulum",
        "PP Darul Ulum",
        "",
        "",
        "",
        "",
        "Kabupaten Bekasi",
        "Jawa Barat",
        "Menjahit / Garmen Apparel",
        "2022",
        "",
        "",
        "",
        "",
        "",
    ],
]


def write_csv(path: Path, rows: Rows, *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> Path:
    """A CSV file; ``bom`` adds a UTF-8 byte order mark as Excel writes it."""
    with path.open("w", newline="", encoding="utf-8-sig" if bom else encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow(row)
    return path


def write_xlsx(path: Path, rows: Rows, *, date_columns: Sequence[int] = ()) -> Path:
    """An XLSX workbook (first sheet); cells in ``date_columns`` become Excel dates (1 January of the year)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        values = list(row)
        for index in date_columns:
            if index < len(values) and str(values[index]).isdigit() and len(str(values[index])) == 4:
                values[index] = datetime.datetime(int(values[index]), 1, 1)
        sheet.append([None if value == "" else value for value in values])
    for index in date_columns:
        for cell in list(sheet.columns)[index]:
            cell.number_format = "dd/mm/yyyy"
    workbook.save(path)
    return path


def messy_rows(rows: Rows = GOOD_ROWS) -> list[list[Any]]:
    """The title, a blank line, the header, and the rows with a blank line between them."""
    out: list[list[Any]] = [TITLE, [], HEADER]
    for index, row in enumerate(rows):
        out.append(list(row))
        if index == 0:
            out.append([])
    return out


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    """The good list as Excel writes a CSV: UTF-8 with a BOM, comma-separated."""
    return write_csv(tmp_path / "blkk.csv", messy_rows(), bom=True)


@pytest.fixture
def media_root(tmp_path: Path, settings: Any) -> Path:
    """Uploads kept under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
