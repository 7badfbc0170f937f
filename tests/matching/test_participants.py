"""Business matching for the laid-off workers' service (issue 13.5): offers ranked for a participant with
the reasons, put to them by their venue's staff (recorded on their path, opening its next gate); staff
of another venue, coordinators of another province and partners get 404."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.incubation.choices import LicenceKind
from inkubator.matching import services
from inkubator.matching.choices import OfferKind
from inkubator.service.models import EligibilityRule
from inkubator.service.services import (
    counselling_record,
    participant_advance,
    participant_start_business,
    wave_allocate,
    wave_enrol,
)
from inkubator.training.models import Enrollment
from tests.factories import make_user
from tests.service.factories import open_wave, submit
from tests.venues.factories import make_venue

from .conftest import client_for
from .factories import make_bank, make_offer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english(_language_is_indonesian: None) -> None:
    from django.utils import translation

    translation.activate("en")


@pytest.fixture
def setting() -> dict:
    """A participant of a Bekasi venue in business matching; a bank's open KUR, one asking for an NIB,
    one for Papua only."""
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    venue = make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    registration.refresh_from_db()
    participant = registration.participant
    admin = make_user(Role.MINISTRY_ADMIN)
    Enrollment.objects.filter(pk=participant.enrollment_id).update(status="completed")
    participant.refresh_from_db()
    participant_advance(participant=participant, stage="counselling", user=admin)
    counselling_record(participant=participant, user=admin, held_on=TODAY, counsellor="Ibu Sari", topic="Rencana")
    participant_advance(participant=participant, stage="matching", user=admin)
    bank = make_bank(short_name="BRI")
    return {
        "participant": participant,
        "venue": venue,
        "admin": admin,
        "staff": make_user(Role.VENUE_STAFF, venues=[venue]),
        "open": make_offer(partner=bank, title="KUR Mikro BRI"),
        "needs_nib": make_offer(partner=bank, title="KUR Kecil BRI", required=[LicenceKind.NIB]),
        "papua": make_offer(partner=bank, title="KUR Papua", provinces=["94"]),
    }


def _page(setting: dict, user) -> dict:  # noqa: ANN001
    response = client_for(user).get(reverse("matching:participant_offers", args=[setting["participant"].pk]))
    assert response.status_code == 200
    return {offer.title: fit for offer, fit, _put in response.context["ranked"]}


def test_offers_are_ranked_for_a_participant_with_the_reasons(setting: dict) -> None:
    ranked = _page(setting, setting["staff"])
    assert list(ranked) == ["KUR Mikro BRI", "KUR Kecil BRI"]  # fitting first; Papua's is not listed
    # The page speaks Indonesian (the default language).
    assert (
        ranked["KUR Mikro BRI"].eligible and "memenuhi semua persyaratan penawaran" in ranked["KUR Mikro BRI"].reasons
    )
    assert not ranked["KUR Kecil BRI"].eligible
    assert ranked["KUR Kecil BRI"].problems == ["NIB (Nomor Induk Berusaha) belum ada"]
    link = client_for(setting["staff"]).get(
        reverse("service:registration_detail", args=[setting["participant"].registration_id])
    )
    assert reverse("matching:participant_offers", args=[setting["participant"].pk]) in link.content.decode()


def test_an_offer_put_to_a_participant_is_recorded_on_the_path_once(setting: dict) -> None:
    participant, client = setting["participant"], client_for(setting["staff"])
    url = reverse("matching:participant_propose", args=[participant.pk, setting["open"].pk])
    done = client.post(url, follow=True)
    assert [str(m) for m in get_messages(done.wsgi_request)] == ["KUR Mikro BRI sudah ditawarkan kepada peserta."]
    offer = participant.offers.get()
    assert (offer.kind, offer.provider, offer.description, offer.status) == (
        "capital",
        setting["open"].partner.name,
        "KUR Mikro BRI",
        "offered",
    )
    again = client.post(url, follow=True)
    assert [str(m) for m in get_messages(again.wsgi_request)] == ["Penawaran ini sudah ditawarkan kepada peserta."]
    refused = client.post(
        reverse("matching:participant_propose", args=[participant.pk, setting["needs_nib"].pk]), follow=True
    )
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "Tidak diusulkan: NIB (Nomor Induk Berusaha) belum ada."
    ]
    assert participant.offers.count() == 1
    page = client.get(reverse("matching:participant_offers", args=[participant.pk]))
    assert page.context["ranked"][0][2] and 'data-testid="put-' in page.content.decode()  # shown as already put
    # The path's gate to capital, markets and licences is open now.
    participant_advance(participant=participant, stage="support", user=setting["admin"])


def test_offers_are_put_only_in_business_matching(setting: dict) -> None:
    participant = setting["participant"]
    type(participant).objects.filter(pk=participant.pk).update(stage="counselling")  # the service reads the row
    with pytest.raises(ValidationError, match="in business matching"):
        services.participant_offer_propose(participant=participant, offer=setting["open"], user=setting["admin"])
    type(participant).objects.filter(pk=participant.pk).update(stage="matching")
    mentoring = make_offer(partner=None, kind=OfferKind.MENTORING, title="Mentoring", status="draft")
    with pytest.raises(ValidationError, match="Only a published offer"):
        services.participant_offer_propose(participant=participant, offer=mentoring, user=setting["admin"])


def test_a_participant_whose_business_runs_is_matched_as_a_tenant(setting: dict) -> None:
    participant, admin = setting["participant"], setting["admin"]
    services.participant_offer_propose(participant=participant, offer=setting["open"], user=admin)
    participant_advance(participant=participant, stage="support", user=admin)
    participant_start_business(
        participant=participant, user=admin, business_name="Kopi", sector="Kopi", joined_on=TODAY
    )
    response = client_for(admin).get(reverse("matching:participant_offers", args=[participant.pk]))
    assert response.url == reverse("matching:tenant_offers", args=[participant.tenant_id])


def test_other_venues_provinces_and_partners_get_404(setting: dict) -> None:
    participant = setting["participant"]
    page = reverse("matching:participant_offers", args=[participant.pk])
    propose = reverse("matching:participant_propose", args=[participant.pk, setting["open"].pk])
    for user in (
        make_user(Role.VENUE_STAFF, venues=[make_venue("53.71", code="BPKK-KUPANG")]),
        make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]),
        make_user(Role.PARTNER, partner=setting["open"].partner),
        make_user(Role.ENTREPRENEUR),
    ):
        client = client_for(user)
        assert (client.get(page).status_code, client.post(propose).status_code) == (404, 404), user.role
    # A coordinator of the province follows the participant's offers but does not put one.
    coordinator = client_for(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert (coordinator.get(page).status_code, coordinator.post(propose).status_code) == (200, 404)
    assert participant.offers.count() == 0


def test_a_contribution_to_a_service_cohort_is_seen_by_its_venue_and_named_with_it(setting: dict) -> None:
    """Issue 13.3: contributions go to a centre, a batch, a tenant or a service cohort (a batch at a venue)."""
    from inkubator.matching.choices import ContributionKind
    from inkubator.matching.models import Contribution

    batch = setting["participant"].enrollment.batch
    bank = setting["open"].partner
    gift = services.contribution_create(
        partner=bank, kind=ContributionKind.FUNDING, title="Modal usaha angkatan", given_on=TODAY, batch=batch,
        value=50_000_000, user=setting["admin"],
    )  # fmt: skip
    assert (gift.centre_id, gift.regency_id) == (None, batch.regency_id)
    assert list(Contribution.objects.visible_to(setting["staff"])) == [gift]
    other_venue = make_user(Role.VENUE_STAFF, venues=[make_venue("53.71", code="BPKK-KUPANG")])
    assert not Contribution.objects.visible_to(other_venue).exists()
    assert list(Contribution.objects.visible_to(make_user(Role.PARTNER, partner=bank))) == [gift]
    page = client_for(setting["admin"]).get(reverse("matching:contributions"))
    assert f"{batch.code} · {setting['venue'].name}" in page.content.decode()
    export = client_for(setting["admin"]).get(reverse("matching:contribution_export", args=["csv"]))
    assert setting["venue"].name in b"".join(export.streaming_content).decode("utf-8-sig")
