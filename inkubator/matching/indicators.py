"""The programme indicators business matching gives: capital accessed, licences obtained, market deals.

Registered in ``MatchingConfig.ready()``. A match lies where its tenant lies (``Match.scope``); all
are flows, placed in the year of the outcome.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from inkubator.core.indicators import Indicator

from .choices import MatchStatus, OfferKind
from .models import Match

DONE = Q(status=MatchStatus.OUTCOME)

INDICATORS = (
    Indicator(
        "capital_accessed",
        _("Capital accessed through partners (Rp)"),
        "incubators",
        Match,
        kind="flow",
        date="outcome_on",
        where=DONE & Q(offer__kind=OfferKind.FINANCE),
        total=Sum("loan_amount"),
        unit=_("rupiah"),
        public=False,
        order=230,
    ),
    Indicator(
        "loans_disbursed",
        _("Loans disbursed to tenants through partners"),
        "incubators",
        Match,
        kind="flow",
        date="outcome_on",
        where=DONE & Q(offer__kind=OfferKind.FINANCE),
        total=Count("pk"),
        unit=_("loans"),
        order=231,
    ),
    Indicator(
        "licences_obtained",
        _("Licences obtained through partners"),
        "incubators",
        Match,
        kind="flow",
        date="outcome_on",
        where=DONE & Q(offer__kind=OfferKind.LICENCE),
        unit=_("licences"),
        order=232,
    ),
    Indicator(
        "market_deals",
        _("Market deals through partners"),
        "incubators",
        Match,
        kind="flow",
        date="outcome_on",
        where=DONE & Q(offer__kind=OfferKind.MARKET),
        unit=_("deals"),
        order=233,
    ),
)
