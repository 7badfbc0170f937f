"""Every list of the partner and matching pages reads a page in the same number of queries and
templates at 5 and at 60 rows (core screens)."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.matching import services
from inkubator.matching.choices import ContributionKind
from inkubator.partners import services as partner_services
from tests.factories import PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant
from tests.screens import assert_queries_flat

from .conftest import client_for
from .factories import make_offer

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)
_serial = itertools.count(1)


@pytest.fixture
def admin_client():
    return client_for(make_user(Role.MINISTRY_ADMIN))


def test_the_partner_and_agreement_lists_stay_flat(admin_client) -> None:  # noqa: ANN001
    def partners(n: int) -> None:
        for _ in range(n):
            partner_services.partner_agreement_create(
                partner=PartnerFactory(), kind="mou", number=f"MOU-{next(_serial)}", title="Kerja sama",
                signed_on=DAY, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=400),
            )  # fmt: skip

    assert_queries_flat(admin_client, reverse("partners:list"), partners)
    assert_queries_flat(admin_client, reverse("partners:agreements"), partners)


def test_the_contribution_offer_and_match_lists_stay_flat(admin_client) -> None:  # noqa: ANN001
    centre = make_incubator()
    partner = PartnerFactory()
    admin = make_user(Role.MINISTRY_ADMIN)

    def rows(n: int) -> None:
        for _ in range(n):
            services.contribution_create(
                partner=partner, kind=ContributionKind.FUNDING, title="Dana", given_on=DAY, centre=centre
            )
            offer = make_offer(partner=partner, title=f"Offer {next(_serial)}", provinces=["32"])
            services.match_propose(tenant=make_tenant(incubator=centre), offer=offer, user=admin)

    assert_queries_flat(admin_client, reverse("matching:contributions"), rows, small=3, large=20)
    assert_queries_flat(admin_client, reverse("matching:offers"), rows, small=3, large=20)
    assert_queries_flat(admin_client, reverse("matching:matches"), rows, small=3, large=20)
