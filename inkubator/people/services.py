"""Writes of the people app: register and correct a person, reveal their identifiers, merge duplicates.

Every write validates the NIK against the regions table and the person's birth date and sex
(``nik.nik_check``); django-auditlog records each change with NIK and phone masked.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from inkubator.regions.models import District

from .models import Person, PersonMerge
from .names import name_key
from .nik import NikError, clean_nik, district_code, nik_check
from .phones import normalise_phone

# Everything that points at a person and moves to the kept record in a merge: (app label, model, field).
PERSON_LINKS: tuple[tuple[str, str, str], ...] = (
    ("training", "Enrollment", "person"),
    ("incubation", "Tenant", "person"),
)


def _district_exists(nik: str) -> set[str]:
    """The NIK's district code if that district exists (one indexed lookup, for single records)."""
    code = district_code(nik)
    return {code} if District.objects.filter(pk=code).exists() else set()


def _check(person: Person) -> None:
    """Normalise NIK, phone and name key, then validate the whole record; ValidationError by field."""
    errors: dict[str, list[str]] = {}
    if person.nik:
        try:
            person.nik = clean_nik(person.nik)
        except NikError as error:
            errors["nik"] = [error.problem.message]
        else:
            problems = nik_check(
                person.nik, districts=_district_exists(person.nik), birth_date=person.birth_date, sex=person.sex
            )
            if problems:
                errors["nik"] = [problem.message for problem in problems]
            elif not person.regency_id:
                # The NIK names the regency of registration: the best guess of residence until told.
                person.regency_id = district_code(person.nik)[:5]
    else:
        person.nik = None
    if person.phone:
        try:
            person.phone = normalise_phone(person.phone)
        except ValidationError as error:
            errors["phone"] = error.messages
    if person.village_id and person.regency_id and not person.village_id.startswith(f"{person.regency_id}."):
        errors["village"] = [_("This village is not in the chosen regency/city.")]
    person.name = " ".join(person.name.split())
    person.name_key = name_key(person.name)
    try:
        person.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(*, name: str, sex: str, birth_date: Any, nik: str | None = None, **fields: Any) -> Person:
    """Register a person; the NIK, when given, must be valid and not yet registered."""
    person = Person(name=name, sex=sex, birth_date=birth_date, nik=nik or None, **fields)
    _check(person)
    person.save()
    return person


def person_find_or_create(*, nik: str, name: str, sex: str, birth_date: Any, **fields: Any) -> tuple[Person, bool]:
    """The person of ``nik`` (one per NIK across programmes), or a new one made from the details given;
    and whether it was made.

    Safe when the same new NIK is being registered elsewhere at this moment (two tabs adding a group
    member, a registration surge): the insert runs in a savepoint, and the one refused by the NIK's
    unique constraint reads the row the other made. A person on record keeps their details.
    """
    person = Person.objects.filter(nik=nik).first()
    if person is not None:
        return person, False
    try:
        with transaction.atomic():
            return person_create(nik=nik, name=name, sex=sex, birth_date=birth_date, **fields), True
    except (IntegrityError, ValidationError) as error:
        person = Person.objects.filter(nik=nik).first()
        if person is None:
            raise error
        return person, False


@transaction.atomic
def person_update(*, person: Person, **changes: Any) -> Person:
    """Correct a person's details (same checks as on creation)."""
    for name, value in changes.items():
        setattr(person, name, value)
    _check(person)
    person.save()
    return person


def person_reveal(*, person: Person, user: Any) -> Person:
    """Record that ``user`` was shown ``person``'s full NIK and phone (an access entry in the audit trail)."""
    LogEntry.objects.log_create(
        person,
        action=LogEntry.Action.ACCESS,
        changes={"revealed": ["", "nik, phone"]},
        actor=user,
        force_log=True,
    )
    return person


@transaction.atomic
def person_merge(*, keep: Person, other: Person, user: Any) -> PersonMerge:
    """Merge ``other`` into ``keep``: every record of ``other`` moves to ``keep``, then ``other`` goes.

    ``keep`` takes the NIK, phone and address of ``other`` where it has none. Two records with
    different NIKs are two people and are refused. An enrolment in a batch both were in is kept once
    (``keep``'s) and ``other``'s is removed with its outcomes recorded in the merge's ``moved`` counts.
    The merge is recorded (``PersonMerge``) and both writes are in the audit trail.
    """
    if keep.pk == other.pk:
        raise ValidationError(_("A record cannot be merged with itself."))
    if keep.nik and other.nik and keep.nik != other.nik:
        raise ValidationError(_("The two records have different NIKs: they are two people."))
    moved: dict[str, int] = {}
    for app_label, model_name, field in PERSON_LINKS:
        model = apps.get_model(app_label, model_name)
        if model_name == "Enrollment":
            shared = model.objects.filter(**{field: other}, batch__in=model.objects.filter(person=keep).values("batch"))
            moved["duplicate_enrolments"] = shared.count()
            # Outcomes and certificates of a duplicate enrolment go with it (the kept one has its own).
            for enrollment in shared:
                enrollment.delete()
        moved[f"{app_label}.{model_name}"] = model.objects.filter(**{field: other}).update(**{field: keep})
    other_nik, other_phone, other_address = other.nik, other.phone, other.address
    other_pk, other_name = other.pk, other.name
    other.delete()
    changes = {}
    if not keep.nik and other_nik:
        changes["nik"] = other_nik
    if not keep.phone and other_phone:
        changes["phone"] = other_phone
    if not keep.address and other_address:
        changes["address"] = other_address
    if changes:
        person_update(person=keep, **changes)
    merge = PersonMerge(kept=keep, other_id=other_pk, other_name=other_name, moved=moved, merged_by=user)
    merge.full_clean()
    merge.save()
    return merge
