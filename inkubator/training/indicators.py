"""The programme indicators training gives: trainees enrolled and trained, graduates in work.

Registered in ``TrainingConfig.ready()`` (``inkubator.core.indicators``). Every figure counts
enrolments, placed in the year their batch ended and where the batch ran (the enrolment's ``Scope``:
a batch at a government venue counts for its regency/city but no centre).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from inkubator.core.indicators import Indicator

from .choices import EnrollmentStatus, OutcomeStatus
from .models import Enrollment

COMPLETED = Q(status=EnrollmentStatus.COMPLETED)

INDICATORS = (
    Indicator(
        "trainees_enrolled",
        _("Trainees enrolled"),
        "blkk",
        Enrollment,
        kind="flow",
        date="batch__end_date",
        order=100,
    ),
    Indicator(
        "trainees_trained",
        _("Trainees trained"),
        "blkk",
        Enrollment,
        kind="flow",
        date="batch__end_date",
        where=COMPLETED,
        order=110,
    ),
    # A graduate with two tracer answers of the same status (3 and 6 months) counts once.
    Indicator(
        "graduates_employed",
        _("Graduates employed"),
        "blkk",
        Enrollment,
        kind="flow",
        date="batch__end_date",
        where=COMPLETED & Q(outcomes__status=OutcomeStatus.EMPLOYED),
        total=Count("pk", distinct=True),
        order=120,
    ),
    Indicator(
        "graduates_self_employed",
        _("Graduates self-employed"),
        "blkk",
        Enrollment,
        kind="flow",
        date="batch__end_date",
        where=COMPLETED & Q(outcomes__status=OutcomeStatus.SELF_EMPLOYED),
        total=Count("pk", distinct=True),
        order=130,
    ),
)
