"""Writes of the people app: register and correct a person, reveal their identifiers, merge duplicates.

Every write validates the NIK against the regions table and the person's birth date and sex
(``nik.nik_check``); django-auditlog records each change with NIK and phone masked.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.utils.translation import gettext as _

from inkubator.core.audit import audit_entry, audit_write
from inkubator.regions.models import District

from .models import Person, PersonMerge
from .name_copies import name_copies_refresh
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


def _check(person: Person, *, districts: Container[str] | None = None, read: Sequence[str] = ()) -> None:
    """Normalise NIK, phone and name key, then validate the whole record; ValidationError by field.

    ``districts``: the district codes that exist, when the caller has them at hand (no query for the
    NIK's district). ``read``: links given as objects the caller read from the database (not looked up
    again); the NIK's uniqueness is then left to the database's constraint (the caller handles it).
    """
    errors: dict[str, list[str]] = {}
    if person.nik:
        try:
            person.nik = clean_nik(person.nik)
        except NikError as error:
            errors["nik"] = [error.problem.message]
        else:
            problems = nik_check(
                person.nik,
                districts=_district_exists(person.nik) if districts is None else districts,
                birth_date=person.birth_date,
                sex=person.sex,
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
        if read:
            person.full_clean(exclude=list(read), validate_unique=False, validate_constraints=False)
        else:
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


def person_find_or_create(
    *,
    nik: str,
    name: str,
    sex: str,
    birth_date: Any,
    districts: Container[str] | None = None,
    audit: list[LogEntry | None] | None = None,
    **fields: Any,
) -> tuple[Person, bool]:
    """The person of ``nik`` (one per NIK across programmes), or a new one made from the details given;
    and whether it was made.

    Safe when the same new NIK is being registered elsewhere at this moment (two tabs adding a group
    member, a registration surge): the row is inserted unless the NIK is taken (``ON CONFLICT DO
    NOTHING``, which waits for a transaction inserting the same NIK), and the person found instead is
    read. A person on record keeps their details. No savepoint: the caller's transaction stays usable.

    For a caller that checked the NIK already (the public registration form): ``districts`` are the
    district codes that exist, links given as objects are not looked up again, and with ``audit`` the
    new person's audit entry is added to that list for the caller to write with its own
    (``core.audit.audit_write``, one insert) instead of being written here.
    """
    person = Person(nik=nik, name=name, sex=sex, birth_date=birth_date, **fields)
    read = [name for name, value in fields.items() if isinstance(value, models.Model) and value.pk is not None]
    try:
        _check(person, districts=districts, read=read)
    except ValidationError:
        # Invalid as a new record, but maybe on record already (they keep their details).
        found = Person.objects.filter(nik=nik).first()
        if found is None:
            raise
        return found, False
    if not _insert_unless_nik_taken(person):
        return Person.objects.get(nik=person.nik), False
    entry = audit_entry(person)
    if audit is None:
        audit_write([entry])
    else:
        audit.append(entry)
    return person, True


def _insert_unless_nik_taken(person: Person) -> bool:
    """Insert ``person`` unless a person has its NIK; whether it was inserted (its key then set).

    ``INSERT … ON CONFLICT DO NOTHING RETURNING id``: one statement, no savepoint, no error in the
    server's log when two submissions of one NIK meet. No model signal is sent (the audit entry is the
    caller's, above).
    """
    fields = [field for field in Person._meta.concrete_fields if not field.primary_key]
    query = InsertQuery(Person, on_conflict=OnConflict.IGNORE)
    query.insert_values(fields, [person])
    rows = query.get_compiler(using=router.db_for_write(Person)).execute_sql(returning_fields=[Person._meta.pk])
    if not rows or rows[0] is None or rows[0][0] is None:
        return False
    person.pk = rows[0][0]
    person._state.adding = False
    person._state.db = router.db_for_write(Person)
    return True


@transaction.atomic
def person_update(*, person: Person, **changes: Any) -> Person:
    """Correct a person's details (same checks as on creation)."""
    before = person.name
    for name, value in changes.items():
        setattr(person, name, value)
    _check(person)
    person.save()
    if person.name != before:
        # Lists sorted by name read a copy kept on their own rows (people.name_copies).
        name_copies_refresh(person_ids=[person.pk])
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
    # The rows that moved to ``keep`` still carry ``other``'s name in their copies (people.name_copies).
    name_copies_refresh(person_ids=[keep.pk])
    merge = PersonMerge(kept=keep, other_id=other_pk, other_name=other_name, moved=moved, merged_by=user)
    merge.full_clean()
    merge.save()
    return merge
