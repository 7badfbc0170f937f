"""The fast way of checking trainee rows (``RowChecker.check_chunk``) agrees with the ordinary check.

``check_chunk`` converts repeating cells once per distinct value and vouches for the usual clean
row itself; anything else goes to ``check``. Here thousands of rows, clean and messy in every
column (the ways centres write NIKs, phones, dates, names, and Excel's cell types), go through
both: every row must come out the same, row for row and message for message.
"""

from __future__ import annotations

import datetime
import random

import pytest

from inkubator.people.nik import district_codes
from inkubator.training.trainee_rows import RowChecker
from tests.factories import CentreFactory
from tests.people.factories import make_nik
from tests.training.factories import BatchFactory

pytestmark = pytest.mark.django_db

KEYS = ["nik", "name", "sex", "birth_place", "birth_date", "address", "phone", "education", "batch", "status",
        "attendance"]  # fmt: skip


def _variants(rng: random.Random, batch: str) -> list[tuple[int, tuple[object, ...]]]:
    """Rows of every shape: mostly clean, each column wrong or odd now and then (numbered from 2)."""
    rows = []
    for number in range(2, 3002):
        born = datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randrange(0, 16000))
        female = rng.random() < 0.5
        nik = make_nik(birth_date=born, sex="F" if female else "M", serial=rng.randrange(0, 10000))
        cells: dict[str, object] = {
            "nik": nik,
            "name": f"Peserta {number}",
            "sex": "P" if female else "L",
            "birth_place": "Bekasi",
            "birth_date": born.strftime("%d-%m-%Y"),
            "address": "Jl. Melati",
            "phone": f"08{rng.randrange(10**8, 10**11)}",
            "education": "SMA",
            "batch": batch,
            "status": "lulus",
            "attendance": None,
        }
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            key = rng.choice(KEYS)
            cells[key] = rng.choice(ODD[key](born, female, nik))
        if rng.random() < 0.02:
            cells = dict.fromkeys(KEYS)  # a blank row
        rows.append((number, tuple(cells[key] for key in KEYS)))
    return rows


# fmt: off
ODD = {
    "nik": lambda born, female, nik: [
        None, f"'{nik}", f"{nik[:4]} {nik[4:]}", nik[:15], nik + "1", nik[:12] + "0000", "3299" + nik[4:],
        make_nik(birth_date=born + datetime.timedelta(days=1), sex="F" if female else "M"),
        make_nik(birth_date=born, sex="M" if female else "F"), "3.21604E+15", int(nik), float(nik),
        nik[:6] + "320299" + nik[12:], nik[:6] + "000000" + nik[12:], "１" + nik[1:], "²" + nik[1:], True,
    ],
    "name": lambda *_: [None, "  siti   aminah ", "Dr. Budi, S.Pd", "x" * 151, "x" * 150, 12345, "Nama\tTab",
                        datetime.date(2020, 1, 1), "ß straße", "Back\\Slash"],
    "sex": lambda *_: [None, "L", "P", "Laki-laki", "perempuan", "X", 1, True, "l", "W"],
    "birth_place": lambda *_: [None, "x" * 120, 42, "Kota  Bekasi"],
    "birth_date": lambda born, *_: [
        None, born.isoformat(), born.strftime("%d/%m/%Y"), born.strftime("%d.%m.%Y"), born.strftime("%Y/%m/%d"),
        datetime.datetime.combine(born, datetime.time()), born, (born - datetime.date(1899, 12, 30)).days,
        float((born - datetime.date(1899, 12, 30)).days), "31-02-1990", "kemarin", True,
        born.strftime("%d - %m - %Y"),
    ],
    "address": lambda *_: [None, "y" * 300, 7, "Jl.\nBaru"],
    "phone": lambda *_: [None, "+6281234567890", "6281234567890", "81234567890", "0812-3456-7890",
                         "0812 3456 7890", "00812345678", "0062812345678", "081", "08123456789012345", "12345",
                         81234567890, 81234567890.0, "'081234567890", "０８１２３４５６７８９", "0"],
    "education": lambda *_: [None, "S1", "d3", "SMK", "SD", "tidak sekolah", "kuliah", 1, True],
    "batch": lambda *_: [None, "TIDAK-ADA", "bks-2503-tik", 12, "BKS-2503-TIK "],
    "status": lambda *_: [None, "aktif", "Drop Out", "keluar", "bingung", 1, True],
    "attendance": lambda *_: [None, "87", "87%", "87,5", 87, 87.4, "101", "-1", "lima", True, 100, 0,
                              datetime.date(2020, 1, 1)],
}
# fmt: on


def test_the_fast_way_agrees_with_the_ordinary_check_on_every_row() -> None:
    BatchFactory(code="BKS-2503-TIK", centre=CentreFactory())
    rows = _variants(random.Random(15), "BKS-2503-TIK")
    keyed = list(enumerate(KEYS))
    fast_checker = RowChecker(user=None, districts=district_codes())
    ordinary = RowChecker(user=None, districts=district_codes())
    expected = []
    for number, values in rows:
        cells = dict(zip(KEYS, values, strict=True))
        if any(value is not None for value in cells.values()):
            row, errors = ordinary.check(number, cells)
            expected.append((number, row, errors))
    asked: list[int] = []
    check = fast_checker.check
    fast_checker.check = lambda number, cells: (asked.append(number), check(number, cells))[1]  # type: ignore[method-assign]
    got = []
    for start in range(0, len(rows), 250):
        got.extend(fast_checker.check_chunk(rows[start : start + 250], keyed))
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs
    # Both ways met: most rows clean, many not.
    clean = sum(row is not None for _n, row, _e in expected)
    assert 1500 < clean < len(expected) - 500
    # and the fast way vouched for most clean rows itself (the ordinary check saw the rest).
    assert len(asked) < len(expected) - 1000


def test_short_rows_and_a_missing_column() -> None:
    BatchFactory(code="BKS-2503-TIK", centre=CentreFactory())
    checker = RowChecker(user=None, districts=district_codes())
    born = datetime.date(1999, 3, 7)
    nik = make_nik(birth_date=born, sex="M", serial=1)
    keyed = [(0, "nik"), (1, "name"), (2, "sex"), (3, "birth_date"), (4, "batch"), (6, "phone")]
    rows = [(2, (nik, "A", "L", "07-03-1999", "BKS-2503-TIK")), (3, (nik, "B", "L", "07-03-1999", "BKS-2503-TIK",
                                                                   None, "081234567890"))]  # fmt: skip
    (_n2, first, none), (_n3, second, _none) = checker.check_chunk(rows, keyed)
    assert none == [] and first.phone == "" and second.phone == "+6281234567890"
    assert (first.status, first.attendance, first.education) == ("", None, "")
