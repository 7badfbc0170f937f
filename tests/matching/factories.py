"""Builders of partner, offer and match records for tests, through the real services."""

from __future__ import annotations

import datetime
from typing import Any

from inkubator.incubation import services as incubation_services
from inkubator.incubation.choices import LicenceKind, MilestoneKind
from inkubator.incubation.models import Tenant
from inkubator.matching import services
from inkubator.matching.choices import OfferKind, OfferStatus
from inkubator.matching.models import Offer
from inkubator.partners.models import Partner
from tests.factories import PartnerFactory


def make_bank(name: str = "PT Bank Rakyat Indonesia (Persero) Tbk", **kwargs: Any) -> Partner:
    return PartnerFactory(name=name, kind=Partner.Kind.BANK, **kwargs)


def make_offer(*, partner: Partner | None = None, kind: str = OfferKind.FINANCE, **fields: Any) -> Offer:
    """A published offer (KUR finance unless told otherwise) open nationwide."""
    defaults: dict[str, Any] = {"title": f"Offer {kind}", "status": OfferStatus.PUBLISHED}
    if kind == OfferKind.FINANCE:
        defaults.update(scheme="KUR Mikro", amount_min=10_000_000, amount_max=100_000_000)
    if kind == OfferKind.LICENCE:
        defaults.update(licence_kind=LicenceKind.HALAL)
    defaults.update(fields)
    provinces = defaults.pop("provinces", ())
    return services.offer_create(kind=kind, partner=partner, provinces=provinces, **defaults)


def give_nib(tenant: Tenant, *, number: str = "9120001234567") -> None:
    incubation_services.licence_create(
        business=tenant.business, kind=LicenceKind.NIB, number=number, issued_on=datetime.date(2025, 3, 1)
    )


def give_bank_account(tenant: Tenant) -> None:
    incubation_services.milestone_create(
        tenant=tenant, kind=MilestoneKind.BANK_ACCOUNT, title="Rekening usaha", achieved_on=datetime.date(2025, 2, 1)
    )
