"""Builders of people with valid NIKs (real district code, birth date, +40 on the day for women, serial)."""

from __future__ import annotations

import datetime
import itertools

import factory

from inkubator.people.models import Person
from inkubator.people.names import name_key

_serial = itertools.count(1)


def make_nik(
    *, district: str = "32.16.01", birth_date: datetime.date, sex: str = "M", serial: int | None = None
) -> str:
    """A valid NIK for a person born on ``birth_date`` registered in ``district`` (``32.16.01`` style)."""
    day = birth_date.day + (40 if sex == "F" else 0)
    number = serial if serial is not None else next(_serial) % 9999 + 1
    return f"{district.replace('.', '')}{day:02d}{birth_date:%m%y}{number:04d}"


class PersonFactory(factory.django.DjangoModelFactory):
    """A man born 1 Feb 1995 registered in Kecamatan Tarumajaya (32.16.01), Kabupaten Bekasi."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Peserta Uji {n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
    sex = "M"
    birth_date = datetime.date(1995, 2, 1)
    nik = factory.LazyAttribute(lambda o: make_nik(birth_date=o.birth_date, sex=o.sex))
    phone = "+6281234567890"
    regency_id = "32.16"
