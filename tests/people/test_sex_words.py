"""Every import reads a person's sex from the same words: the card's letter, Lk/Pr, the full word, English."""

from __future__ import annotations

import datetime

import pytest

from inkubator.incubation.importers import parse_sex
from inkubator.people.nik import district_codes
from inkubator.training.trainee_rows import RowChecker
from tests.factories import CentreFactory
from tests.people.factories import make_nik
from tests.training.factories import BatchFactory

WRITTEN = [("L", "M"), ("Lk", "M"), ("Laki-laki", "M"), ("Lelaki", "M"), ("PRIA", "M"), ("male", "M"),
           ("P", "F"), ("Pr", "F"), ("Perempuan", "F"), ("wanita", "F"), ("Female", "F")]  # fmt: skip


@pytest.mark.parametrize(("written", "sex"), WRITTEN)
def test_tenant_import_reads_the_word(written: str, sex: str) -> None:
    assert parse_sex(written) == sex


@pytest.mark.django_db
@pytest.mark.parametrize(("written", "sex"), WRITTEN)
def test_trainee_import_reads_the_word(written: str, sex: str) -> None:
    batch = BatchFactory(centre=CentreFactory())
    born = datetime.date(1990, 5, 17)
    cells = {
        "nik": make_nik(birth_date=born, sex=sex, serial=7),
        "name": "Siti Aminah",
        "sex": written,
        "birth_date": born.strftime("%d-%m-%Y"),
        "batch": batch.code,
    }
    row, errors = RowChecker(user=None, districts=district_codes()).check(2, cells)
    assert errors == []
    assert row is not None and row.sex == sex
