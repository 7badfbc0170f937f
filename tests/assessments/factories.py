"""Builders of assessment test data: the default instrument, rounds, assigned and filled assessments.

Everything goes through ``inkubator.assessments.services`` so that tests meet the same rules as users.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from inkubator.assessments import services
from inkubator.assessments.models import Assessment, Indicator, Instrument, Round
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from tests.factories import make_user

PDF = b"%PDF-1.4\n%test evidence\n"


def default_instrument() -> Instrument:
    """The shipped default instrument, published."""
    return services.instrument_create_default()


def open_round(instrument: Instrument | None = None, name: str = "Putaran 2026") -> Round:
    """An open round on ``instrument`` (the default one unless given)."""
    the_round = services.round_create(
        name=name,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        instrument=instrument or default_instrument(),
    )
    return services.round_advance(round=the_round)


def assigned(the_round: Round, centre: Centre, assessor=None) -> Assessment:  # noqa: ANN001
    """The centre's assessment in the round, assigned to ``assessor`` (a new facilitator unless given)."""
    assessor = assessor or make_user(Role.FACILITATOR)
    services.round_assign(round=the_round, centres=[centre], assessor=assessor)
    return Assessment.objects.get(round=the_round, centre=centre)


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fill(assessment: Assessment, value: Callable[[Indicator], int], *, evidence: bool = True) -> Assessment:
    """Answer every indicator with ``value(indicator)`` and attach evidence where it is required."""
    indicators = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).select_related(
        "dimension__instrument"
    )
    for indicator in indicators:
        services.assessment_answer_set(assessment=assessment, indicator=indicator, value=value(indicator))
        if evidence and indicator.evidence_required:
            services.evidence_add(assessment=assessment, indicator=indicator, file=pdf(), user=assessment.assessor)
    assessment.refresh_from_db()
    return assessment


def top(indicator: Indicator) -> int:
    return indicator.scale_max


def middle(indicator: Indicator) -> int:
    return (indicator.scale_min + indicator.scale_max + 1) // 2


def bottom(indicator: Indicator) -> int:
    return indicator.scale_min


def verified(the_round: Round, centre: Centre, value: Callable[[Indicator], int], verifier=None) -> Assessment:  # noqa: ANN001
    """A filled, submitted and verified assessment of ``centre``."""
    assessment = fill(assigned(the_round, centre), value)
    services.assessment_submit(assessment=assessment)
    return services.assessment_verify(assessment=assessment, user=verifier or make_user(Role.MINISTRY_ADMIN))
