"""Writes to the partner register and its agreements: one transaction each, ``full_clean()``, audited.

django-auditlog records every create and update with the acting user (middleware on web requests,
``auditlog.context.set_actor`` in commands and imports); contact phones are masked in the trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from .models import Partner, PartnerAgreement

M = TypeVar("M", bound=models.Model)


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    """Apply ``changes``, validate the whole object (constraints included) and save it."""
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def partner_create(*, name: str, kind: str, provinces: Iterable[Any] = (), **fields: Any) -> Partner:
    """Register a partner organisation and the provinces it works in (none: nationwide)."""
    partner = _save(Partner(name=name.strip(), kind=kind), fields)
    partner.provinces.set(provinces)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, provinces: Iterable[Any] | None = None, **changes: Any) -> Partner:
    """Change a partner's details; ``provinces`` replaces its provinces of work when given."""
    _save(partner, changes)
    if provinces is not None:
        partner.provinces.set(provinces)
    return partner


@transaction.atomic
def partner_agreement_create(*, partner: Partner, kind: str, number: str, **fields: Any) -> PartnerAgreement:
    """Record an MoU or PKS of a partner (with the ministry, a province or a centre)."""
    return _save(PartnerAgreement(partner=partner, kind=kind, number=number.strip()), fields)


@transaction.atomic
def partner_agreement_update(*, agreement: PartnerAgreement, **changes: Any) -> PartnerAgreement:
    """Change an agreement's period, value, status or document."""
    return _save(agreement, changes)
