"""Writes of the training app: batches, enrolments, completion, certificates and tracer outcomes.

Each is one transaction and validates with ``full_clean()``; django-auditlog records every write
with the acting user. The bulk import of trainees writes through ``trainee_import`` instead (one
audit record per import, see ``imports.py``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from inkubator.people.models import Person
from inkubator.people.services import person_create

from .choices import EnrollmentStatus, OutcomeStatus, VenueKind
from .models import CompetencyCertificate, Enrollment, Outcome, TrainingBatch


def batch_code(*, batch: TrainingBatch) -> str:
    """A readable, unique code: venue, start month and field, numbered when several start that month."""
    prefix = batch.centre.code if batch.centre_id else f"GOV-{batch.regency_id}"
    stem = f"{prefix}-{batch.start_date:%y%m}-{batch.field.code}"[:36]
    taken = set(TrainingBatch.objects.filter(code__startswith=stem).values_list("code", flat=True))
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@transaction.atomic
def batch_create(
    *,
    field: Any,
    start_date: datetime.date,
    end_date: datetime.date,
    centre: Any = None,
    venue_kind: str = VenueKind.CENTRE,
    venue_name: str = "",
    regency: Any = None,
    code: str = "",
    **fields: Any,
) -> TrainingBatch:
    """Plan a batch at a centre (regency follows the centre) or at a government venue (regency given)."""
    batch = TrainingBatch(
        centre=centre,
        venue_kind=venue_kind,
        venue_name=venue_name.strip(),
        field=field,
        start_date=start_date,
        end_date=end_date,
        **fields,
    )
    if centre is not None:
        batch.regency_id = centre.regency_id
    elif regency is not None:
        batch.regency = regency
    batch.code = code.strip() or (batch_code(batch=batch) if batch.field_id and batch.start_date else "")
    batch.full_clean()
    batch.save()
    return batch


@transaction.atomic
def batch_update(*, batch: TrainingBatch, **changes: Any) -> TrainingBatch:
    """Change a batch's dates, hours, quota or funding."""
    for name, value in changes.items():
        setattr(batch, name, value)
    batch.full_clean()
    batch.save()
    return batch


@transaction.atomic
def enrollment_create(*, batch: TrainingBatch, person: Person) -> Enrollment:
    """Enrol an existing person in a batch, within its quota."""
    # The batch's row is locked while its places are counted: two enrolments for the last place take
    # turns, so the second counts the first and the quota is never exceeded (a count read before
    # another's insert is a stale read of a quantity, issue 16.1).
    locked = TrainingBatch.objects.select_for_update().only("pk", "quota").get(pk=batch.pk)
    taken = locked.enrollments.exclude(status=EnrollmentStatus.DROPPED).count()
    if taken >= locked.quota:
        raise ValidationError(_("The batch is full (quota %(quota)s).") % {"quota": locked.quota})
    enrollment = Enrollment(batch=batch, person=person)
    enrollment.full_clean()
    enrollment.save()
    return enrollment


@transaction.atomic
def trainee_enrol_new(*, batch: TrainingBatch, **person_fields: Any) -> Enrollment:
    """Register a new person and enrol them, both or neither."""
    return enrollment_create(batch=batch, person=person_create(**person_fields))


@transaction.atomic
def enrollment_update(*, enrollment: Enrollment, status: str, attendance: int | None = None) -> Enrollment:
    """Set a trainee's status (registered, in training, completed, dropped out) and attendance."""
    enrollment.status = status
    if attendance is not None:
        enrollment.attendance = attendance
    enrollment.full_clean()
    enrollment.save()
    return enrollment


@transaction.atomic
def certificate_record(
    *, enrollment: Enrollment, number: str, scheme: str, issued_on: datetime.date
) -> CompetencyCertificate:
    """Record (or correct) the competency certificate of a graduate."""
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise ValidationError(_("Only a trainee who completed the batch can be certified."))
    certificate = CompetencyCertificate.objects.filter(enrollment=enrollment).first() or CompetencyCertificate(
        enrollment=enrollment
    )
    certificate.number, certificate.scheme, certificate.issued_on = number.strip(), scheme.strip(), issued_on
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def outcome_record(
    *,
    enrollment: Enrollment,
    wave: int,
    status: str,
    user: Any = None,
    surveyed_at: datetime.date | None = None,
    **details: Any,
) -> Outcome:
    """Record what a graduate does at a survey wave (a second answer for the same wave replaces the first)."""
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise ValidationError(_("Only graduates (completed trainees) are traced."))
    outcome = Outcome.objects.filter(enrollment=enrollment, wave=wave).first() or Outcome(
        enrollment=enrollment, wave=wave
    )
    outcome.status = status
    outcome.surveyed_at = surveyed_at or datetime.date.today()
    outcome.surveyed_by = user if getattr(user, "is_authenticated", False) else None
    for name in ("employer", "sector", "wage_band", "business_name", "wants_incubation"):
        setattr(outcome, name, details.get(name, "" if name != "wants_incubation" else False))
    if status not in OutcomeStatus.values:
        raise ValidationError({"status": _("Choose an outcome.")})
    outcome.full_clean()
    outcome.save()
    return outcome
