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


def test_one_offer_put_to_a_service_participant_six_times_at_once_is_recorded_once() -> None:
    from django.utils import timezone

    from inkubator.service.models import EligibilityRule, SupportOffer
    from inkubator.service.services import counselling_record, participant_advance, wave_allocate, wave_enrol
    from inkubator.training.models import Enrollment
    from tests.service.factories import open_wave, submit
    from tests.venues.factories import make_venue

    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    registration.refresh_from_db()
    participant, admin = registration.participant, make_user(Role.MINISTRY_ADMIN)
    Enrollment.objects.filter(pk=participant.enrollment_id).update(status="completed")
    participant.refresh_from_db()
    participant_advance(participant=participant, stage="counselling", user=admin)
    counselling_record(
        participant=participant, user=admin, held_on=timezone.localdate(), counsellor="Ibu Sari", topic="Rencana"
    )
    participant_advance(participant=participant, stage="matching", user=admin)
    offer = make_offer(partner=make_bank())

    def put() -> object:
        try:
            return services.participant_offer_propose(participant=participant, offer=offer, user=admin).pk
        except ValidationError as error:
            return error

    results = at_once([put] * 6)
    assert sum(isinstance(result, int) for result in results) == 1
    assert sum(isinstance(result, ValidationError) for result in results) == 5
    assert SupportOffer.objects.filter(participant=participant).count() == 1
