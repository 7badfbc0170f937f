"""Two partners, two incubators (Kabupaten Bekasi, Kota Kupang), their offers, matches and gifts."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from inkubator.core.roles import Role
from inkubator.matching import services
from inkubator.matching.choices import ContributionKind, OfferKind
from inkubator.partners import services as partner_services
from inkubator.regions.models import Regency
from tests.factories import PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant

from .factories import make_bank, make_offer

DAY = datetime.date(2026, 3, 2)


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> dict:
    admin = make_user(Role.MINISTRY_ADMIN)
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    kupang = make_incubator(regency=Regency.objects.get(code="53.71"))
    bank = make_bank()
    other = PartnerFactory(name="PT Sampoerna Uji")
    owner = make_user(Role.ENTREPRENEUR)
    tenant_b = make_tenant(incubator=bekasi, entrepreneur=owner)
    tenant_k = make_tenant(incubator=kupang)
    offer_a = make_offer(partner=bank, title="KUR Mikro BRI")
    offer_b = make_offer(partner=other, kind=OfferKind.MARKET, title="Pasar Sampoerna", slots=3)
    match_a = services.match_propose(tenant=tenant_b, offer=offer_a, user=admin)
    match_b = services.match_propose(tenant=tenant_k, offer=offer_b, user=admin)
    gift_a = services.contribution_create(
        partner=bank, kind=ContributionKind.FUNDING, title="Dana BRI", given_on=DAY, centre=bekasi, value=10_000_000
    )
    gift_b = services.contribution_create(
        partner=other, kind=ContributionKind.EQUIPMENT, title="Mesin jahit", given_on=DAY, centre=kupang
    )
    agreement_a = partner_services.partner_agreement_create(
        partner=bank, kind="mou", number="MOU-BRI-1", title="KUR", signed_on=DAY, starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=365),
    )  # fmt: skip
    agreement_b = partner_services.partner_agreement_create(
        partner=other, kind="pks", number="PKS-SAMP-1", title="Pasar", party="centre", centre=kupang,
        signed_on=DAY, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=365),
    )  # fmt: skip
    return {
        "admin": admin,
        "bekasi": bekasi,
        "kupang": kupang,
        "bank": bank,
        "other": other,
        "owner": owner,
        "tenant_b": tenant_b,
        "tenant_k": tenant_k,
        "offer_a": offer_a,
        "offer_b": offer_b,
        "match_a": match_a,
        "match_b": match_b,
        "gift_a": gift_a,
        "gift_b": gift_b,
        "agreement_a": agreement_a,
        "agreement_b": agreement_b,
        "bank_user": make_user(Role.PARTNER, partner=bank),
        "manager_b": make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
        "facilitator_b": make_user(Role.FACILITATOR, centres=[bekasi]),
        "coordinator_32": make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
    }
