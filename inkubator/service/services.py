"""Writes of the laid-off workers' service: waves and public registrations.

``registration_submit`` is the public registration: it finds or creates the person of the NIK and
writes one registration per person per wave. Two submissions of one NIK at the same moment (a
double tap, a retry over a slow line, twenty tabs) meet at the unique constraints of
``Person.nik`` and ``(wave, person)``: the loser's insert waits for the winner's transaction, fails,
and reads the winner's row, so the answer to both is the same registration.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from inkubator.people.models import Person
from inkubator.people.services import person_create

from . import eligibility
from .choices import RegistrationStatus
from .models import EligibilityRule, IntakeWave, PreferredVenue, Registration, new_registration_code

# A registration's eligibility may still change while it is in one of these (not once allocated).
UNDECIDED = (RegistrationStatus.SUBMITTED, RegistrationStatus.ELIGIBLE, RegistrationStatus.INELIGIBLE)

CODE_ATTEMPTS = 5  # a clash of two random 10-character codes is ~10^-15; five tries is belt and braces


@transaction.atomic
def wave_create(*, name: str, opens_on: datetime.date, closes_on: datetime.date,
                training_starts_on: datetime.date, status: str = "draft") -> IntakeWave:  # fmt: skip
    """Create an intake wave (audited by auditlog)."""
    wave = IntakeWave(
        name=name.strip(), opens_on=opens_on, closes_on=closes_on, training_starts_on=training_starts_on, status=status
    )
    wave.full_clean()
    wave.save()
    return wave


@transaction.atomic
def wave_update(*, wave: IntakeWave, **changes: Any) -> IntakeWave:
    """Change a wave's dates or status; same rules as on creation."""
    for name, value in changes.items():
        setattr(wave, name, value)
    wave.full_clean()
    wave.save()
    return wave


@dataclass(frozen=True)
class Submitted:
    """What a submission made: the registration, and whether it is new or the one already there."""

    registration: Registration
    created: bool


def _person_of(*, nik: str, name: str, sex: str, birth_date: datetime.date, phone: str, regency: Any) -> Person:
    """The person of ``nik``: the one on record, or a new one made from what the worker typed.

    Someone already on record keeps their details (a public form does not change a record staff keep);
    a birth date that disagrees with the record is refused without saying what the record holds.
    """
    person = Person.objects.filter(nik=nik).first()
    if person is None:
        try:
            with transaction.atomic():  # a savepoint: the same NIK may be being created right now
                person = person_create(nik=nik, name=name, sex=sex, birth_date=birth_date, phone=phone, regency=regency)
        except (IntegrityError, ValidationError) as error:
            person = Person.objects.filter(nik=nik).first()
            if person is None:
                raise error
    if person.birth_date != birth_date or person.sex != sex:
        raise ValidationError(
            {"nik": _("The details do not match our records for this NIK. Please contact the nearest labour office.")}
        )
    return person


def registration_submit(
    *,
    wave: IntakeWave,
    nik: str,
    name: str,
    sex: str,
    birth_date: datetime.date,
    phone: str,
    regency: Any,
    former_employer: str,
    job_lost_on: datetime.date,
    reason: str,
    bpjs_status: str,
    business_idea: str,
    field: Any,
    email: str = "",
    proof: UploadedFile | None = None,
    venues: Sequence[Any] = (),
) -> Submitted:
    """Register a laid-off worker for ``wave``; a second submission of the same NIK answers the first.

    ``nik`` and ``phone`` come cleaned by the form (16 digits, ``+62…``). The preferred ``venues`` are
    in order of preference. One transaction; the registration is audited (auditlog) with the contact
    details masked.
    """
    for attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return _submit_once(
                    wave=wave, nik=nik, name=name, sex=sex, birth_date=birth_date, phone=phone, regency=regency,
                    former_employer=former_employer, job_lost_on=job_lost_on, reason=reason,
                    bpjs_status=bpjs_status, business_idea=business_idea, field=field, email=email, proof=proof,
                    venues=venues,
                )  # fmt: skip
        except _CodeTaken:
            if attempt == CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


class _CodeTaken(Exception):
    """The random code clashed with another registration's: try again with a new one."""


def _submit_once(*, wave: IntakeWave, nik: str, venues: Sequence[Any], proof: UploadedFile | None,
                 **values: Any) -> Submitted:  # fmt: skip
    person = _person_of(
        nik=nik, name=values["name"], sex=values["sex"], birth_date=values["birth_date"], phone=values["phone"],
        regency=values["regency"],
    )  # fmt: skip
    existing = Registration.objects.filter(wave=wave, person=person).first()
    if existing is not None:
        return Submitted(existing, created=False)
    registration = Registration(
        wave=wave,
        person=person,
        code=new_registration_code(),
        phone=values["phone"],
        email=values["email"].strip(),
        regency=values["regency"],
        former_employer=values["former_employer"].strip(),
        job_lost_on=values["job_lost_on"],
        reason=values["reason"],
        bpjs_status=values["bpjs_status"],
        business_idea=values["business_idea"].strip(),
        field=values["field"],
    )
    if proof is not None:
        registration.proof = proof
    # Every registration is checked against the rules as it arrives (issue 12.3): the answer is ready
    # when the worker looks at the status page.
    _evaluate(registration, list(EligibilityRule.objects.filter(active=True)))
    # The uniqueness of (wave, person) and of the code is the database's to decide (below), at the
    # moment of the insert: a check here would race with a simultaneous submission.
    registration.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        existing = Registration.objects.filter(wave=wave, person=person).first()
        if existing is not None:
            return Submitted(existing, created=False)
        raise _CodeTaken from None
    PreferredVenue.objects.bulk_create(
        PreferredVenue(registration=registration, venue=venue, rank=rank) for rank, venue in enumerate(venues, start=1)
    )
    return Submitted(registration, created=True)


def _evaluate(registration: Registration, rules: list[EligibilityRule]) -> None:
    """Apply the rules to ``registration`` (in memory) and set its outcome and status."""
    registration.eligibility = eligibility.evaluate(registration, rules, timezone.localdate())
    registration.eligible = all(result["passed"] for result in registration.eligibility)
    registration.evaluated_at = timezone.now()
    if registration.status in UNDECIDED:
        registration.status = RegistrationStatus.ELIGIBLE if registration.is_eligible else RegistrationStatus.INELIGIBLE


@transaction.atomic
def registration_evaluate(*, registration: Registration) -> Registration:
    """Check one registration against the active rules again (e.g. after a proof arrived); audited."""
    _evaluate(registration, list(EligibilityRule.objects.filter(active=True)))
    registration.save(update_fields=["eligibility", "eligible", "evaluated_at", "status", "updated_at"])
    return registration


@transaction.atomic
def wave_evaluate(*, wave: IntakeWave) -> int:
    """Check every undecided registration of ``wave`` against the rules as they are now; returns how many.

    Used after the ministry changed a rule. Written in bulk (the trail gets one entry on the wave, not
    one per registration), allocated registrations are left alone.
    """
    from auditlog.models import LogEntry

    rules = list(EligibilityRule.objects.filter(active=True))
    rows = list(Registration.objects.filter(wave=wave, status__in=UNDECIDED).select_related("person"))
    for registration in rows:
        _evaluate(registration, rules)
    Registration.objects.bulk_update(rows, ["eligibility", "eligible", "evaluated_at", "status"], batch_size=1000)
    LogEntry.objects.log_create(
        wave, action=LogEntry.Action.UPDATE, changes={"eligibility_checked": ["", str(len(rows))]}, force_log=True
    )
    return len(rows)


@transaction.atomic
def registration_override(*, registration: Registration, user: Any, eligible: bool | None, reason: str) -> Registration:
    """The ministry decides eligibility against the rules' outcome (or withdraws its decision: None).

    A reason is required; auditlog records the change with its actor.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"override_reason": _("Give the reason for the decision.")})
    if registration.status not in UNDECIDED:
        raise ValidationError(_("The registration is already allocated: move or withdraw it instead."))
    registration.override = eligible
    registration.override_reason = reason
    registration.overridden_by = user
    if registration.status in UNDECIDED and registration.is_eligible is not None:
        registration.status = RegistrationStatus.ELIGIBLE if registration.is_eligible else RegistrationStatus.INELIGIBLE
    registration.full_clean(validate_unique=False, validate_constraints=False)
    with set_actor(user):  # the decider is the actor also when called outside a web request
        registration.save()
    return registration


@transaction.atomic
def rule_update(*, rule: EligibilityRule, **changes: Any) -> EligibilityRule:
    """Change a rule's parameters or whether it applies (audited). Registrations are checked again by
    ``wave_evaluate``, on purpose not here: the ministry decides when a changed rule takes effect."""
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    return rule


def registration_lookup(*, nik: str, code: str) -> Registration | None:
    """The registration with this NIK and code, for the public status page; None when they do not match.

    Looked up by code and then compared on the NIK in constant time, so that neither a wrong NIK nor
    a wrong code says which of the two was wrong.
    """
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    registration = (
        Registration.objects.select_related("person", "wave", "venue", "venue__regency").filter(code=code).first()
    )
    if registration is None or not constant_time_compare(registration.person.nik or "", nik):
        return None
    return registration
