"""The programme indicators of the laid-off workers' service (issue 12.8), programme ``laid_off``.

Registered in ``ServiceConfig.ready()`` (``inkubator.core.indicators``), so the national, province,
regency and public dashboards, the targets page and the summaries pick them up like any other. The
service's funnel, each step placed in the year it happened:

* registered, eligible, allocated: registrations, in the year they were submitted;
* trained: participants whose enrolment was completed, in the year their batch ended;
* counselled, matched: participants with at least one counselling session / offer, in the year of it;
* businesses started: participants whose business became a tenant, in the year it joined;
* capital received: the rupiah of capital offers received (finances: never public).

A registration lies where the worker lives until allocated, then also at its venue's centre
(``Registration.scope``); a participant lies where its registration does.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from inkubator.core.indicators import Indicator

from .choices import OfferKind, OfferStatus, ParticipantStage, RegistrationStatus
from .models import Participant, Registration, SupportOffer

# Eligible: by the rules, unless the ministry decided otherwise (its override wins either way).
ELIGIBLE = Q(override=True) | Q(override__isnull=True, eligible=True)
PROGRAMME = "laid_off"

INDICATORS = (
    Indicator(
        "service_registered",
        _("Laid-off workers registered"),
        PROGRAMME,
        Registration,
        kind="flow",
        date="submitted_at",
        where=~Q(status=RegistrationStatus.WITHDRAWN),
        order=300,
    ),
    Indicator(
        "service_eligible",
        _("Laid-off workers eligible"),
        PROGRAMME,
        Registration,
        kind="flow",
        date="submitted_at",
        where=ELIGIBLE & ~Q(status=RegistrationStatus.WITHDRAWN),
        order=310,
    ),
    Indicator(
        "service_allocated",
        _("Laid-off workers allocated to a venue"),
        PROGRAMME,
        Registration,
        kind="flow",
        date="submitted_at",
        where=Q(status=RegistrationStatus.ALLOCATED),
        order=320,
    ),
    Indicator(
        "service_trained",
        _("Laid-off workers trained"),
        PROGRAMME,
        Participant,
        kind="flow",
        date="enrollment__batch__end_date",
        where=Q(enrollment__status="completed"),
        order=330,
    ),
    # A participant with three sessions was counselled once: counted distinct, in the year of a session.
    Indicator(
        "service_counselled",
        _("Laid-off workers given business counselling"),
        PROGRAMME,
        Participant,
        kind="flow",
        date="sessions__held_on",
        where=Q(sessions__isnull=False),
        total=Count("pk", distinct=True),
        order=340,
    ),
    Indicator(
        "service_matched",
        _("Laid-off workers matched with an offer"),
        PROGRAMME,
        Participant,
        kind="flow",
        date="offers__offered_on",
        where=Q(offers__isnull=False),
        total=Count("pk", distinct=True),
        order=350,
    ),
    Indicator(
        "service_businesses_started",
        _("Businesses started by laid-off workers"),
        PROGRAMME,
        Participant,
        kind="flow",
        date="tenant__joined_on",
        where=Q(stage=ParticipantStage.RUNNING, tenant__isnull=False),
        unit=_("businesses"),
        order=360,
    ),
    Indicator(
        "service_capital_received",
        _("Capital received by laid-off workers (Rp)"),
        PROGRAMME,
        SupportOffer,
        kind="flow",
        date="offered_on",
        where=Q(kind=OfferKind.CAPITAL, status=OfferStatus.RECEIVED),
        total=Sum("amount"),
        unit=_("rupiah"),
        public=False,
        order=370,
    ),
)
