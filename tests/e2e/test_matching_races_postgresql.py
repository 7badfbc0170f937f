"""Races on PostgreSQL (threads, real transactions): two acceptances of an offer's last place at once
give it to one match; the other is refused and stays waiting."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from inkubator.core.roles import Role
from inkubator.matching import services
from inkubator.matching.choices import MatchStatus
from inkubator.matching.models import Match
from tests.e2e.test_races_postgresql import at_once
from tests.factories import make_user
from tests.incubation.factories import make_tenant
from tests.matching.factories import make_bank, make_offer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]


def test_two_acceptances_of_the_last_place_at_once_take_it_once() -> None:
    bank = make_bank()
    admin = make_user(Role.MINISTRY_ADMIN)
    mitra = make_user(Role.PARTNER, partner=bank)
    offer = make_offer(partner=bank, slots=1)
    matches = [services.match_propose(tenant=make_tenant(), offer=offer, user=admin) for _ in range(4)]

    def accept(match: Match, user: object) -> object:
        try:
            return services.match_accept(match=match, user=user).status
        except ValidationError as error:
            return error

    results = at_once(
        [lambda m=m, u=u: accept(m, u) for m, u in zip(matches, [mitra, admin, mitra, admin], strict=True)]
    )
    assert sum(result == MatchStatus.AGREED for result in results) == 1
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 3 and all(r.code == "no_place_left" for r in refused)
    assert Match.objects.filter(offer=offer, status=MatchStatus.AGREED).count() == 1
    assert Match.objects.filter(offer=offer, status=MatchStatus.PROPOSED).count() == 3
