"""Header spellings map onto the import's columns."""

from __future__ import annotations

import pytest

from inkubator.centres.importers import CENTRE_SPEC
from inkubator.imports.mapping import header_key


@pytest.mark.parametrize(
    "header", ["Nama Lembaga", "NAMA LEMBAGA ", "nama_lembaga", "Lembaga Pengelola", "Nama Lembaga Pengelola"]
)
def test_host_institution_spellings(header: str) -> None:
    assert CENTRE_SPEC.match_header(header).key == "host_name"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Nama BLK Komunitas", "name"),
        ("Nama BLKK", "name"),
        ("Kode Registrasi", "code"),
        ("Kode BLK", "code"),
        ("Kab/Kota", "regency"),
        ("KABUPATEN / KOTA", "regency"),
        ("Kabupaten/Kota Lokasi", "regency"),  # contains a known spelling
        ("Desa/Kelurahan", "village"),
        ("Tahun", "cohort_year"),
        ("Angkatan", "cohort_year"),
        ("No. HP", "phone"),
        ("Telepon", "phone"),
        ("Alamat Email", "email"),
        ("Alamat", "address"),
        ("Jenis Lembaga", "host_kind"),
    ],
)
def test_known_headers(header: str, key: str) -> None:
    assert CENTRE_SPEC.match_header(header).key == key


def test_unknown_header_is_left_unmapped() -> None:
    assert CENTRE_SPEC.match_header("No") is None
    assert CENTRE_SPEC.match_header("Keterangan") is None


def test_suggested_mapping_takes_the_first_column_of_each_target() -> None:
    headers = ["No", "Nama BLKK", "Provinsi", "Kabupaten", "Kota", "Nama Lembaga"]
    assert CENTRE_SPEC.suggest_mapping(headers) == {1: "name", 2: "province", 3: "regency", 5: "host_name"}
    assert CENTRE_SPEC.missing_required({1: "name"}) == [
        CENTRE_SPEC.column("host_name"),
        CENTRE_SPEC.column("regency"),
        CENTRE_SPEC.column("province"),
    ]


def test_header_key() -> None:
    assert header_key(" NAMA  lembaga_") == header_key("Nama-Lembaga") == "namalembaga"
