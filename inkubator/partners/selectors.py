"""Reads of the partner register and agreements, all from ``visible_to``.

A partner user sees its own organisation and agreements; the ministry everything; coordinators,
facilitators and centre managers the register of active partners and the agreements of their centres.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Partner, PartnerAgreement

EXPIRY_WARNING_DAYS = 90


def partner_list(*, user: Any) -> QuerySet[Partner]:
    """Partners in scope with the provinces they work in."""
    return Partner.objects.visible_to(user).select_related("province").prefetch_related("provinces")


def partner_get(*, user: Any, pk: int) -> Partner:
    """One partner in scope; 404 otherwise."""
    return get_object_or_404(partner_list(user=user), pk=pk)


def banks(*, user: Any) -> QuerySet[Partner]:
    """The active partner banks the user sees: the lenders a loan form offers."""
    return Partner.objects.visible_to(user).filter(kind=Partner.Kind.BANK, active=True).order_by("name")


def agreement_list(*, user: Any) -> QuerySet[PartnerAgreement]:
    """Agreements in scope: the partner's own, a centre's, or all for the ministry."""
    return PartnerAgreement.objects.visible_to(user).select_related("partner", "centre", "province")


def agreement_get(*, user: Any, pk: int) -> PartnerAgreement:
    """One agreement in scope; 404 otherwise."""
    return get_object_or_404(agreement_list(user=user), pk=pk)


def agreements_expiring(
    *, user: Any, today: datetime.date, days: int = EXPIRY_WARNING_DAYS
) -> QuerySet[PartnerAgreement]:
    """Agreements in force that end within ``days`` (or have ended without being closed): the warnings."""
    return agreement_list(user=user).filter(
        status=PartnerAgreement.Status.ACTIVE, ends_on__lte=today + datetime.timedelta(days=days)
    )
