"""Registering, correcting and merging people; the audit trail never holds a NIK or a phone number."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from inkubator.core.roles import Role
from inkubator.people.models import Person, PersonMerge
from inkubator.people.services import person_create, person_merge, person_reveal, person_update
from inkubator.training.models import Enrollment, Outcome
from tests.factories import make_user
from tests.people.factories import PersonFactory, make_nik
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1998, 7, 14)


def test_create_normalises_nik_phone_and_name() -> None:
    nik = make_nik(birth_date=BIRTH, sex="F", serial=7)
    person = person_create(
        nik=f"'{nik[:4]} {nik[4:]}", name="  siti   Aminah ", sex="F", birth_date=BIRTH, phone="0812-3456-7890"
    )
    assert person.nik == nik
    assert person.phone == "+6281234567890"
    assert person.name == "siti Aminah" and person.name_key == "SITI AMINAH"


def test_create_refuses_a_nik_that_does_not_match() -> None:
    nik = make_nik(birth_date=BIRTH, sex="F", serial=8)
    with pytest.raises(ValidationError, match=r"NIK ini milik perempuan \(tanggal lahir ditambah 40\)") as error:
        person_create(nik=nik, name="Budi", sex="M", birth_date=BIRTH)
    assert "nik" in error.value.message_dict


def test_one_person_per_nik() -> None:
    nik = make_nik(birth_date=BIRTH, serial=9)
    person_create(nik=nik, name="Budi", sex="M", birth_date=BIRTH)
    with pytest.raises(ValidationError, match="Orang dengan NIK telah ada") as error:
        person_create(nik=nik, name="Budi Santoso", sex="M", birth_date=BIRTH)
    assert "nik" in error.value.message_dict


def test_a_person_without_nik_is_allowed() -> None:
    assert person_create(name="Tanpa NIK", sex="M", birth_date=BIRTH).nik is None


def test_audit_trail_masks_nik_and_phone() -> None:
    person = person_create(nik=make_nik(birth_date=BIRTH, serial=10), name="Budi", sex="M", birth_date=BIRTH,
                           phone="081234567890")  # fmt: skip
    person_update(person=person, phone="081299998888")
    text = " ".join(str(entry.changes) for entry in LogEntry.objects.get_for_object(person))
    assert person.nik not in text
    assert "81234567890" not in text and "81299998888" not in text


def test_reveal_is_recorded() -> None:
    manager = make_user(Role.MINISTRY_ADMIN)
    person = PersonFactory()
    person_reveal(person=person, user=manager)
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == manager


def test_merge_moves_every_record_and_keeps_history() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    keep = PersonFactory(name="Siti Aminah", nik=None, phone="")
    other = PersonFactory(name="SITI AMINAH", nik=make_nik(birth_date=keep.birth_date, serial=11))
    enrolment = EnrollmentFactory(person=other)
    OutcomeFactory(enrollment=enrolment)
    shared = BatchFactory()
    EnrollmentFactory(person=keep, batch=shared)
    EnrollmentFactory(person=other, batch=shared)
    other_pk = other.pk

    merge = person_merge(keep=keep, other=other, user=admin)

    keep.refresh_from_db()
    assert not Person.objects.filter(pk=other_pk).exists()
    assert keep.nik == other.nik and keep.phone == other.phone  # taken where the kept record had none
    assert Enrollment.objects.filter(person=keep).count() == 2  # the shared batch once
    assert Outcome.objects.get().enrollment.person == keep
    assert PersonMerge.objects.get() == merge and merge.other_id == other_pk and merge.merged_by == admin
    assert LogEntry.objects.filter(object_pk=str(other_pk), action=LogEntry.Action.DELETE).exists()


def test_two_different_niks_are_two_people() -> None:
    a = PersonFactory()
    b = PersonFactory()
    with pytest.raises(ValidationError, match="Kedua data memiliki NIK berbeda"):
        person_merge(keep=a, other=b, user=None)
