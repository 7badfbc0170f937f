"""What the laid-off workers' service tells a worker, and when (issue 12.7): their registration
received, the eligibility result, their place (or place on the waiting list), and the eve of their
training. Written in Indonesian whatever page language caused them: they go to the worker's phone.

Each function turns registrations into notification drafts; ``notifications_queue`` writes them in
the caller's transaction and the task worker sends them after the commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inkubator.notifications.services import Draft, notifications_queue

from .choices import RegistrationStatus
from .eligibility import explain
from .models import Registration

LANGUAGE = "id"
REMINDER_HOUR = 8  # the eve of training, at 08:00 local time


def _draft(registration: Registration, event: str, subject: str, body: str, **extra: Any) -> Draft:
    # No account yet at any of these steps (a participant makes one after enrolment): the account gets
    # them when it is made (``notifications_attach``).
    return Draft(event=f"service.{event}", subject=subject, body=body, person=registration.person,
                 phone=registration.phone, email=registration.email, **extra)  # fmt: skip


def _received(registration: Registration) -> Draft:
    return _draft(
        registration, "registration_received", _("Registration received"),
        _("Your registration for %(wave)s is received. Your registration code: %(code)s. Keep it: with your NIK "
          "it opens the status page and your account.") % {"wave": registration.wave.name, "code": registration.code},
    )  # fmt: skip


def _eligibility(registration: Registration) -> Draft:
    if registration.is_eligible:
        body = _("You meet the requirements of the service. You will be told the venue where you are placed.")
    else:
        failed = [explain(result) for result in registration.eligibility if not result.get("passed")]
        reasons = "; ".join(failed) or _("the ministry's decision")
        body = _("You do not meet the requirements of the service yet: %(reasons)s. Contact the venue or the "
                 "ministry if this is wrong.") % {"reasons": reasons}  # fmt: skip
    return _draft(registration, "eligibility_result", _("Eligibility result"), body)


def _allocation(registration: Registration) -> Draft:
    if registration.status == RegistrationStatus.ALLOCATED and registration.venue is not None:
        body = _("You have a place at %(venue)s. Training starts on %(date)s.") % {
            "venue": registration.venue.name,
            "date": date_format(registration.wave.training_starts_on, "j F Y"),
        }
    else:
        body = _("The venues are full for now: you are number %(rank)s on the waiting list.") % {
            "rank": registration.waiting_rank
        }
    return _draft(registration, "allocation", _("Your place in the training"), body)


def _batch_start(registration: Registration, start: datetime.date, venue: str) -> Draft:
    eve = timezone.make_aware(datetime.datetime.combine(start - datetime.timedelta(days=1),
                                                        datetime.time(REMINDER_HOUR)))  # fmt: skip
    return _draft(
        registration, "batch_start", _("Your training starts tomorrow"),
        _("Your training at %(venue)s starts on %(date)s. Bring your KTP.") % {
            "venue": venue, "date": date_format(start, "j F Y")},
        send_after=eve,  # already past (a late enrolment): sent at once
    )  # fmt: skip


def notify_received(registration: Registration) -> None:
    """A new registration: its code, and the eligibility checked as it arrived."""
    with translation.override(LANGUAGE):
        notifications_queue([_received(registration), _eligibility(registration)])


def notify_eligibility(registrations: Iterable[Registration]) -> None:
    """An eligibility decided again (the ministry's decision, rules changed)."""
    with translation.override(LANGUAGE):
        notifications_queue(_eligibility(registration) for registration in registrations)


def notify_allocation(registrations: Iterable[Registration]) -> None:
    """Places given by an allocation run, or places on the waiting list."""
    with translation.override(LANGUAGE):
        notifications_queue(_allocation(registration) for registration in registrations)


def notify_batch_start(rows: Iterable[tuple[Registration, datetime.date, str]]) -> None:
    """Enrolled registrants, each with their batch's first day and venue: a reminder on the eve."""
    with translation.override(LANGUAGE):
        notifications_queue(_batch_start(registration, start, venue) for registration, start, venue in rows)
