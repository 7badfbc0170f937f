"""NIK checks: valid examples, every kind of invalid one, women's birth days, regions, mismatches."""

from __future__ import annotations

import datetime

import pytest

from inkubator.people.nik import NikError, clean_nik, district_codes, nik_birth, nik_check, nik_mask

BIRTH = datetime.date(1990, 1, 1)


@pytest.fixture(scope="module")
def districts(django_db_blocker):  # noqa: ANN001, ANN201
    with django_db_blocker.unblock():
        return district_codes()


def codes(nik: str, districts: frozenset[str], **kwargs) -> list[str]:  # noqa: ANN003
    return [problem.code for problem in nik_check(nik, districts=districts, **kwargs)]


def test_valid_man_and_woman(districts: frozenset[str]) -> None:
    assert codes("3216010101900001", districts, birth_date=BIRTH, sex="M") == []
    # A woman's day is plus 40: 41 for the 1st.
    assert codes("3216014101900002", districts, birth_date=BIRTH, sex="F") == []
    assert nik_birth("3216014101900002") == (BIRTH, "F")
    assert nik_birth("3578017112990003") == (datetime.date(1999, 12, 31), "F")


def test_other_regions_are_real(districts: frozenset[str]) -> None:
    assert codes("3578010101900001", districts) == []  # Kota Surabaya
    assert codes("5371010101900001", districts) == []  # Kota Kupang


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("321601010190001", "length"),
        ("32160101019000011", "length"),
        ("32160101019000A1", "digits"),
        ("3299010101900001", "region"),  # regency 32.99 does not exist
        ("3216990101900001", "region"),  # district 32.16.99 does not exist
        ("9916010101900001", "region"),  # province 99 does not exist
        ("3216013201900001", "date"),  # day 32
        ("3216017201900001", "date"),  # woman's day 32 (72)
        ("3216010113900001", "date"),  # month 13
        ("3216013002900001", "date"),  # 30 February
        ("3216010101900000", "serial"),
    ],
)
def test_each_kind_of_invalid_nik(districts: frozenset[str], nik: str, code: str) -> None:
    assert codes(nik, districts) == [code]


def test_mismatch_with_birth_date_and_sex(districts: frozenset[str]) -> None:
    problems = nik_check("3216010101900001", districts=districts, birth_date=datetime.date(1990, 1, 2), sex="F")
    assert [p.code for p in problems] == ["birth_date_mismatch", "sex_mismatch"]
    assert "02-01-1990" in problems[0].message and "01-01-1990" in problems[0].message


def test_messages_are_indonesian_by_default(districts: frozenset[str]) -> None:
    (problem,) = nik_check("3299010101900001", districts=districts)
    assert "kecamatan" in problem.message.lower()


def test_cleaning_spreadsheet_values() -> None:
    assert clean_nik("'3216010101900001") == "3216010101900001"
    assert clean_nik(" 3216 0101 0190 0001 ") == "3216010101900001"
    assert clean_nik("3216.0101.0190.0001") == "3216010101900001"
    with pytest.raises(NikError, match="digit terakhirnya hilang") as scientific:
        clean_nik("3.21604E+15")
    assert scientific.value.problem.code == "excel_scientific"
    with pytest.raises(NikError, match="hanya menyimpan 15 digit") as number:
        clean_nik(3216010101900000)
    assert number.value.problem.code == "excel_number"


def test_mask() -> None:
    assert nik_mask("3216010101900001") == "••••••••••••0001"
    assert nik_mask(None) == ""
