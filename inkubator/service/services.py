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
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any

from auditlog.context import disable_auditlog, set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from inkubator.core.audit import audit_entry, audit_write
from inkubator.notifications.services import notifications_attach
from inkubator.people.models import Person
from inkubator.people.services import person_find_or_create

from . import eligibility, notices
from .choices import ParticipantStage, RegistrationStatus, WaveStatus
from .kept import DECISION_SECONDS, kept
from .models import (
    CounsellingSession,
    EligibilityRule,
    IntakeWave,
    Participant,
    PreferredVenue,
    Registration,
    SupportOffer,
    WaveFieldQuota,
    WaveQuota,
    new_registration_code,
)

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


def _person_of(*, nik: str, name: str, sex: str, birth_date: datetime.date, phone: str, regency: Any,
               districts: Any, audit: list) -> Person:  # fmt: skip
    """The person of ``nik``: the one on record, or a new one made from what the worker typed.

    Someone already on record keeps their details (a public form does not change a record staff keep);
    a birth date that disagrees with the record is refused without saying what the record holds.
    """
    person, made = person_find_or_create(
        nik=nik, name=name, sex=sex, birth_date=birth_date, phone=phone, regency=regency, districts=districts,
        audit=audit,
    )  # fmt: skip
    if made:
        person.is_new = True  # no enrolments yet: the eligibility check need not look
    if person.birth_date != birth_date or person.sex != sex:
        raise ValidationError(
            {"nik": _("The details do not match our records for this NIK. Please contact the nearest labour office.")}
        )
    return person


def active_rules() -> list[EligibilityRule]:
    """The active eligibility rules, kept a few seconds per process (``kept``): each registration is
    checked against them as it arrives, and the ministry changes them a few times a year."""
    return kept("rules", lambda: list(EligibilityRule.objects.filter(active=True)), seconds=DECISION_SECONDS)


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
    # A new worker's submission is a handful of statements in this one transaction (issue 12: >= 50
    # registrations/s): the person inserted unless their NIK is taken, the registration, both audit
    # entries in one insert, the notifications in one insert. What the form checked (the NIK's district,
    # the regency and field it found) is not looked up again; rules and wave come from ``kept``.
    from .forms import known_districts

    audit: list = []
    person = _person_of(
        nik=nik, name=values["name"], sex=values["sex"], birth_date=values["birth_date"], phone=values["phone"],
        regency=values["regency"], districts=known_districts(), audit=audit,
    )  # fmt: skip
    # A person made by this very submission has no registration: no other transaction sees the row before
    # this one commits. One query less per new worker (and the unique constraint still guards the insert).
    existing = (
        None if getattr(person, "is_new", False) else Registration.objects.filter(wave=wave, person=person).first()
    )
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
    _evaluate(registration, active_rules())
    # The uniqueness of (wave, person) and of the code is the database's to decide (below), at the
    # moment of the insert: a check here would race with a simultaneous submission.
    # The links come as objects the form and this function looked up: not queried again one by one.
    registration.full_clean(
        exclude=["wave", "person", "regency", "field", "venue"], validate_unique=False, validate_constraints=False
    )
    with disable_auditlog():  # its entry is written below, with the person's, in one insert
        if getattr(person, "is_new", False):
            # Nobody else can register a person this transaction made: the insert can only clash on the
            # random code (~10^-15), which fails the transaction and ``registration_submit`` tries again.
            try:
                registration.save()
            except IntegrityError:
                raise _CodeTaken from None
        else:
            try:
                with transaction.atomic():
                    registration.save()
            except IntegrityError:
                existing = Registration.objects.filter(wave=wave, person=person).first()
                if existing is not None:
                    return Submitted(existing, created=False)
                raise _CodeTaken from None
    audit.append(audit_entry(registration))
    audit_write(audit)
    PreferredVenue.objects.bulk_create(
        PreferredVenue(registration=registration, venue=venue, rank=rank) for rank, venue in enumerate(venues, start=1)
    )
    notices.notify_received(registration)
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
def registration_proof_add(*, registration: Registration, proof: UploadedFile, user: Any = None) -> Registration:
    """The worker's proof of job loss sent after registering (status page with NIK and code, or their account).

    Checked like every upload (``core.uploads.validate_document``: extension, first bytes, size, a
    whole image; kept images re-encoded by the storage). It may replace an earlier proof while the
    eligibility is still undecided; the earlier file is deleted from storage once this commits. The
    registration is checked against the rules again, its change is in the audit trail (the proof
    masked) and a changed result is sent to the worker. The registration's row is locked, so two
    uploads at once end with one proof on file and no file left behind.
    """
    registration = Registration.objects.select_for_update().select_related("wave", "person").get(pk=registration.pk)
    if registration.proof and registration.status not in UNDECIDED:
        raise ValidationError(
            {"proof": _("Your proof of job loss is on file and your registration has been decided already.")}
        )
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise ValidationError({"proof": _("This registration was withdrawn.")})
    earlier = registration.proof.name if registration.proof else ""
    before = registration.status
    registration.proof = proof
    _evaluate(registration, list(EligibilityRule.objects.filter(active=True)))
    registration.full_clean(
        exclude=["wave", "person", "regency", "field", "venue"], validate_unique=False, validate_constraints=False
    )
    with set_actor(user):
        registration.save(update_fields=["proof", "eligibility", "eligible", "evaluated_at", "status", "updated_at"])
    if earlier:
        storage = registration.proof.storage
        transaction.on_commit(lambda: storage.delete(earlier))
    if registration.status != before:
        notices.notify_eligibility([registration])
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
    before = {registration.pk: registration.status for registration in rows}
    for registration in rows:
        _evaluate(registration, rules)
    Registration.objects.bulk_update(rows, ["eligibility", "eligible", "evaluated_at", "status"], batch_size=1000)
    # Only those whose result changed hear of it again.
    notices.notify_eligibility(row for row in rows if row.status != before[row.pk])
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
    notices.notify_eligibility([registration])
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


# Allocation ---------------------------------------------------------------------------------------

# Registrants the allocation places: eligible ones, those waiting, and those placed by an earlier run.
ALLOCATABLE = (RegistrationStatus.ELIGIBLE, RegistrationStatus.WAITING, RegistrationStatus.ALLOCATED)


@dataclass(frozen=True)
class AllocationResult:
    """What an allocation run placed, per venue, and the run's record."""

    run: Any
    by_venue: dict[int, int]
    allocation: Any
    by_field: dict[int, int] = dataclass_field(default_factory=dict)


def wave_places(*, wave: IntakeWave, quotas: dict[int, int] | None = None) -> dict[int, int]:
    """Places per venue id for ``wave``: the given what-if quotas, else the wave's, else each active
    venue's capacity per wave."""
    from inkubator.venues.models import Venue

    places = dict(Venue.objects.filter(active=True).values_list("pk", "capacity_per_wave"))
    places.update({venue: n for venue, n in wave.quotas.values_list("venue_id", "places") if venue in places})
    if quotas:
        places.update({venue: n for venue, n in quotas.items() if venue in places})
    return places


def wave_field_places(*, wave: IntakeWave, field_quotas: dict[int, int] | None = None) -> dict[int, int]:
    """Places per business field id for ``wave``: the wave's quotas by field, with the given what-if
    quotas over them. A field with no quota is not capped (it is not in the result)."""
    places = dict(wave.field_quotas.values_list("field_id", "places"))
    places.update(field_quotas or {})
    return places


def wave_allocate(
    *, wave: IntakeWave, user: Any = None, quotas: dict[int, int] | None = None, preview: bool = False,
    field_quotas: dict[int, int] | None = None,
) -> AllocationResult:  # fmt: skip
    """Place the wave's eligible registrants at venues (``allocation.allocate``); the rest wait.

    ``quotas`` are places by venue id, ``field_quotas`` places by business field id across the venues
    (issue 12.4): each given one replaces the wave's for this run (and is kept by a real run).
    Registrants moved by hand (``allocation_locked``) keep their venue and take one of its places, and
    one of their field's.
    ``preview`` is the what-if: nothing changes but the recorded run. Otherwise registrations are
    written in bulk, ranked on the waiting list by time of registration, the wave marked allocated,
    and the run (with the quotas used) recorded and entered in the audit trail.
    """
    import time

    from auditlog.models import LogEntry

    from inkubator.venues.models import Venue

    from . import allocation
    from .models import AllocationRun

    started = time.perf_counter()
    with transaction.atomic():
        # Runs of one wave take turns (two admins at once): the quotas read are those the last run kept.
        list(IntakeWave.objects.select_for_update().filter(pk=wave.pk).values_list("pk", flat=True))
        places = wave_places(wave=wave, quotas=quotas)
        field_places = wave_field_places(wave=wave, field_quotas=field_quotas)
        rows = list(
            Registration.objects.filter(wave=wave, status__in=ALLOCATABLE)
            .select_related("regency", "person")  # the person: each placed registrant's notice is addressed to them
            .prefetch_related("preferences")
            .order_by("submitted_at", "pk")
            .select_for_update(of=("self",))
        )
        rows = [row for row in rows if row.is_eligible]
        kept = [row for row in rows if row.allocation_locked and row.venue_id]
        free = [row for row in rows if not (row.allocation_locked and row.venue_id)]
        left = dict(places)
        field_left = dict(field_places)
        for row in kept:
            left[row.venue_id] = left.get(row.venue_id, 0) - 1
            if row.field_id in field_left:
                field_left[row.field_id] -= 1
        venues = Venue.objects.filter(pk__in=[pk for pk, n in left.items() if n > 0]).prefetch_related("fields")
        venue_places = [
            allocation.Place(
                id=venue.pk,
                latitude=venue.latitude if venue.latitude is not None else venue.regency.latitude,
                longitude=venue.longitude if venue.longitude is not None else venue.regency.longitude,
                capacity=left[venue.pk],
                field_ids=frozenset(field.pk for field in venue.fields.all()),
            )
            for venue in venues.select_related("regency").order_by("pk")
        ]
        candidates = [
            allocation.Candidate(
                id=row.pk,
                latitude=row.regency.latitude,
                longitude=row.regency.longitude,
                field_id=row.field_id,
                preferences=tuple(p.venue_id for p in sorted(row.preferences.all(), key=lambda p: p.rank)),
            )
            for row in free
        ]
        result = allocation.allocate(candidates, venue_places, field_left)
        baseline = allocation.greedy(candidates, venue_places, field_left)
        by_venue: dict[int, int] = {}
        for venue_id in [*result.assigned.values(), *(row.venue_id for row in kept)]:
            by_venue[venue_id] = by_venue.get(venue_id, 0) + 1
        field_of = {row.pk: row.field_id for row in rows}
        by_field: dict[int, int] = {}
        for registration_id in [*result.assigned, *(row.pk for row in kept)]:
            by_field[field_of[registration_id]] = by_field.get(field_of[registration_id], 0) + 1
        run = AllocationRun(
            wave=wave, run_by=user if getattr(user, "pk", None) else None, preview=preview,
            quotas={str(k): v for k, v in sorted(places.items())}, candidates=len(rows),
            field_quotas=_by_field_code(field_places),
            allocated=len(result.assigned) + len(kept), kept=len(kept), waiting=len(result.waiting),
            total_km=Decimal(f"{result.total_km:.1f}"), greedy_km=Decimal(f"{baseline.total_km:.1f}"),
        )  # fmt: skip
        if not preview:
            rank = {pk: n for n, pk in enumerate(result.waiting, start=1)}
            for row in free:
                if row.pk in result.assigned:
                    row.venue_id, row.status, row.waiting_rank = (
                        result.assigned[row.pk],
                        RegistrationStatus.ALLOCATED,
                        None,
                    )
                else:
                    row.venue_id, row.status, row.waiting_rank = None, RegistrationStatus.WAITING, rank[row.pk]
            Registration.objects.bulk_update(free, ["venue", "status", "waiting_rank"], batch_size=2000)
            venue_of = Venue.objects.in_bulk({row.venue_id for row in free if row.venue_id})
            for row in free:
                row.wave, row.venue = wave, venue_of.get(row.venue_id)
            notices.notify_allocation(free)
            if quotas:
                for venue_id, n in quotas.items():
                    WaveQuota.objects.update_or_create(wave=wave, venue_id=venue_id, defaults={"places": n})
            for field_id, n in (field_quotas or {}).items():
                WaveFieldQuota.objects.update_or_create(wave=wave, field_id=field_id, defaults={"places": n})
            wave.status = WaveStatus.ALLOCATED
            wave.save(update_fields=["status"])
        run.seconds = Decimal(f"{time.perf_counter() - started:.2f}")
        run.full_clean()
        run.save()
        if not preview:
            LogEntry.objects.log_create(
                wave, action=LogEntry.Action.UPDATE, actor=run.run_by, force_log=True,
                changes={"allocation": ["", f"{run.allocated} allocated, {run.waiting} waiting (run {run.pk})"]},
            )  # fmt: skip
    return AllocationResult(run=run, by_venue=by_venue, allocation=result, by_field=by_field)


def _by_field_code(places: dict[int, int]) -> dict[str, int]:
    """Places by field, keyed by the field's code (a run's record holds no ids)."""
    from inkubator.centres.models import VocationalField

    codes = dict(VocationalField.objects.filter(pk__in=places).values_list("pk", "code"))
    return {codes[pk]: n for pk, n in sorted(places.items(), key=lambda item: codes.get(item[0], "")) if pk in codes}


@transaction.atomic
def registration_move(*, registration: Registration, venue: Any, user: Any) -> Registration:
    """Move an eligible registrant to ``venue`` by hand (or back to the waiting list with None);
    the move is kept when the allocation runs again. Audited with its actor."""
    if not registration.is_eligible or registration.status not in ALLOCATABLE:
        raise ValidationError(_("Only an eligible registrant can be placed."))
    registration.venue = venue
    registration.status = RegistrationStatus.ALLOCATED if venue is not None else RegistrationStatus.WAITING
    registration.allocation_locked = venue is not None
    registration.waiting_rank = None
    with set_actor(user):
        registration.save(update_fields=["venue", "status", "allocation_locked", "waiting_rank", "updated_at"])
    return registration


ENTREPRENEURSHIP_FIELD = "bisnis-manajemen"  # the service trains entrepreneurship: Bisnis dan Manajemen
TRAINING_DAYS = 30
TRAINING_HOURS = 160
MAX_BATCH = 500  # the training app's largest quota


@transaction.atomic
def wave_enrol(*, wave: IntakeWave, user: Any = None) -> dict[str, int]:
    """Turn the wave's allocation into training: one batch per venue (several past 500), and an
    enrolment for every allocated registrant not yet enrolled. Run again, it adds only what is new.

    Batches go through the training app's rules (``full_clean``); enrolments are written in bulk and
    the act is entered in the audit trail on the wave.
    """
    from auditlog.models import LogEntry

    from inkubator.centres.models import VocationalField
    from inkubator.training.choices import VenueKind as BatchVenueKind
    from inkubator.training.models import Enrollment, TrainingBatch
    from inkubator.venues.choices import VenueKind

    field = VocationalField.objects.get(code=ENTREPRENEURSHIP_FIELD)
    # The wave's batches are named by its opening day and the venue's code (never by ids, which differ
    # between databases): ``P260416-BPKK-BEKASI``, and ``-2``, ``-3`` … past 500 trainees.
    prefix = f"P{wave.opens_on:%y%m%d}-"
    existing = TrainingBatch.objects.filter(code__startswith=prefix, venue__isnull=False)
    enrolled = set(Enrollment.objects.filter(batch__in=existing).values_list("person_id", "batch__venue_id"))
    allocated = (
        Registration.objects.filter(wave=wave, status=RegistrationStatus.ALLOCATED)
        .select_related("venue", "venue__centre", "person")  # the person: the eve-of-training notice goes to them
        .order_by("venue_id", "submitted_at", "pk")
    )
    batches, enrolments = 0, []
    by_venue: dict[int, list[Registration]] = {}
    for registration in allocated:
        if (registration.person_id, registration.venue_id) not in enrolled:
            by_venue.setdefault(registration.venue_id, []).append(registration)
    for rows in by_venue.values():
        venue = rows[0].venue
        for start in range(0, len(rows), MAX_BATCH):
            chunk = rows[start : start + MAX_BATCH]
            part = start // MAX_BATCH + 1
            code = f"{prefix}{venue.code}" if part == 1 else f"{prefix}{venue.code[:29]}-{part}"
            batch = TrainingBatch.objects.filter(code=code).first()
            if batch is None:
                blkk = venue.kind == VenueKind.BLKK_INCUBATOR and venue.centre_id
                batch = TrainingBatch(
                    code=code,
                    venue_kind=BatchVenueKind.CENTRE if blkk else (
                        BatchVenueKind.BPKK if venue.kind == VenueKind.BPKK else BatchVenueKind.GOVERNMENT_BLK
                    ),
                    centre=venue.centre if blkk else None,
                    venue=venue,
                    venue_name="" if blkk else venue.name,
                    regency_id=venue.regency_id,
                    field=field,
                    start_date=wave.training_starts_on,
                    end_date=wave.training_starts_on + datetime.timedelta(days=TRAINING_DAYS),
                    hours=TRAINING_HOURS,
                    quota=min(MAX_BATCH, max(len(chunk), 1)),
                )  # fmt: skip
                batch.full_clean()
                with set_actor(user):
                    batch.save()
                batches += 1
            enrolments += [Enrollment(person_id=row.person_id, batch=batch) for row in chunk]
    Enrollment.objects.bulk_create(enrolments, batch_size=2000)
    batch_of = {enrolment.person_id: enrolment.batch for enrolment in enrolments}
    notices.notify_batch_start(
        (row, batch_of[row.person_id].start_date, row.venue.name)
        for rows in by_venue.values()
        for row in rows
        if row.person_id in batch_of
    )
    # Each enrolled registrant starts their path as a participant (ids come back from bulk_create).
    by_person = {enrolment.person_id: enrolment for enrolment in enrolments}
    Participant.objects.bulk_create(
        [
            Participant(registration=row, enrollment=by_person[row.person_id])
            for rows in by_venue.values()
            for row in rows
            if row.person_id in by_person
        ],
        batch_size=2000,
        ignore_conflicts=False,
    )
    LogEntry.objects.log_create(
        wave, action=LogEntry.Action.UPDATE, actor=user if getattr(user, "pk", None) else None, force_log=True,
        changes={"enrolled": ["", f"{len(enrolments)} enrolments in {batches} new batches"]},
    )  # fmt: skip
    return {"batches": batches, "enrolments": len(enrolments)}


# The participant's path -----------------------------------------------------------------------------

# Each stage after training, with what must be true to reach it (the gate), checked by ``participant_advance``.
PATH = (
    ParticipantStage.TRAINING,
    ParticipantStage.COUNSELLING,
    ParticipantStage.MATCHING,
    ParticipantStage.SUPPORT,
    ParticipantStage.RUNNING,
)


def _gate_problem(participant: Participant, stage: str) -> str | None:
    """Why ``participant`` cannot enter ``stage`` yet; None when the gate is open."""
    from inkubator.training.choices import EnrollmentStatus

    if stage == ParticipantStage.COUNSELLING:
        enrollment = participant.enrollment
        if enrollment is None or enrollment.status != EnrollmentStatus.COMPLETED:
            return _("Counselling starts once the training is completed.")
    if stage == ParticipantStage.MATCHING and not participant.sessions.exists():
        return _("Business matching needs at least one counselling session.")
    if stage == ParticipantStage.SUPPORT and not participant.offers.exists():
        return _("Capital, markets and licences need at least one offer from business matching.")
    if stage == ParticipantStage.RUNNING and participant.tenant_id is None:
        return _("A running business is recorded by starting the participant's business.")
    return None


@transaction.atomic
def participant_advance(*, participant: Participant, stage: str, user: Any) -> Participant:
    """Move a participant one stage on (through its gate), or out (dropped); audited with the actor. The row
    is locked and the move checked against the stage it has now (two staff clicking at once move it once)."""
    participant.stage = Participant.objects.select_for_update().values_list("stage", flat=True).get(pk=participant.pk)
    if participant.stage == ParticipantStage.DROPPED:
        raise ValidationError(_("The participant has dropped out."))
    if stage != ParticipantStage.DROPPED:
        if participant.stage not in PATH or stage not in PATH or PATH.index(stage) != PATH.index(participant.stage) + 1:
            raise ValidationError(_("A participant moves on one stage at a time."))
        problem = _gate_problem(participant, stage)
        if problem:
            raise ValidationError(problem)
    participant.stage = stage
    with set_actor(user):
        participant.save(update_fields=["stage", "updated_at"])
    return participant


@transaction.atomic
def counselling_record(*, participant: Participant, user: Any, **values: Any) -> CounsellingSession:
    """Record a counselling session (audited)."""
    session = CounsellingSession(participant=participant, recorded_by=user if getattr(user, "pk", None) else None,
                                 **values)  # fmt: skip
    session.full_clean()
    with set_actor(user):
        session.save()
    return session


@transaction.atomic
def offer_record(*, participant: Participant, user: Any, **values: Any) -> SupportOffer:
    """Record an offer from business matching and its status (audited; the amount masked in the trail)."""
    offer = SupportOffer(participant=participant, **values)
    offer.full_clean()
    with set_actor(user):
        offer.save()
    return offer


@transaction.atomic
def participant_start_business(*, participant: Participant, user: Any, business_name: str, sector: str,
                               joined_on: datetime.date) -> Participant:  # fmt: skip
    """The participant's business starts: a tenant of the incubation pipeline (source: laid-off workers'
    service) at their venue, owned by their account; the participant reaches "business running"."""
    from inkubator.incubation.choices import SourceProgramme
    from inkubator.incubation.services import tenant_create
    from inkubator.venues.choices import VenueKind

    if participant.stage != ParticipantStage.SUPPORT:
        raise ValidationError(_("A business starts after capital, markets and licences."))
    registration = participant.registration
    venue = registration.venue
    blkk = venue.kind == VenueKind.BLKK_INCUBATOR and venue.centre_id
    with set_actor(user):
        tenant = tenant_create(
            person=registration.person, business_name=business_name, sector=sector,
            source_programme=SourceProgramme.LAID_OFF, joined_on=joined_on,
            incubator=venue.centre if blkk else None, venue_name="" if blkk else venue.name,
            regency=venue.regency_id, user=user, entrepreneur=participant.account, venue=venue,
        )  # fmt: skip
    participant.tenant = tenant
    participant.save(update_fields=["tenant", "updated_at"])
    return participant_advance(participant=participant, stage=ParticipantStage.RUNNING, user=user)


@transaction.atomic
def participant_account_create(*, registration: Registration, password: str) -> Any:
    """The participant's own entrepreneur account, made by them with their NIK and code (public page).

    The username is their registration code (in lower case): nothing else to remember, and no NIK
    in a username. Only an allocated registrant with a participant record has one to make.
    """
    from inkubator.accounts.services import user_create
    from inkubator.core.roles import Role

    participant = Participant.objects.select_for_update().filter(registration=registration).first()
    if participant is None:
        raise ValidationError(_("An account is made once you have a place in a training cohort."))
    if participant.account_id:
        raise ValidationError(_("You already have an account: sign in with your registration code as username."))
    name = registration.person.name.split(" ", 1)
    user = user_create(
        username=registration.code.lower(), password=password, role=Role.ENTREPRENEUR,
        first_name=name[0][:150], last_name=(name[1] if len(name) > 1 else "")[:150], email=registration.email,
    )  # fmt: skip
    participant.account = user
    with set_actor(user):  # a public page: the new account is who acted
        participant.save(update_fields=["account", "updated_at"])
    notifications_attach(person=registration.person, account=user)  # what was sent before, now in the app too
    return user
