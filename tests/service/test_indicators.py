"""The service's programme indicators (issue 12.8): each step of the funnel counted from the records,
within the user's scope; targets settable at the service's scale; the public dashboard shows the
counts but never the capital received."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.programmes.indicators import INDICATORS, available_indicators, indicator_total
from inkubator.programmes.models import Programme
from inkubator.programmes.selectors import progress_of
from inkubator.programmes.services import target_set
from inkubator.service.models import EligibilityRule, Participant
from inkubator.service.services import (
    counselling_record,
    offer_record,
    participant_advance,
    participant_start_business,
    wave_allocate,
    wave_enrol,
)
from inkubator.training.models import Enrollment, TrainingBatch
from tests.factories import make_user
from tests.venues.factories import make_venue

from .factories import NIK, NIK_WOMAN, open_wave, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CODES = (
    "service_registered",
    "service_eligible",
    "service_allocated",
    "service_trained",
    "service_counselled",
    "service_matched",
    "service_businesses_started",
    "service_capital_received",
)


@pytest.fixture
def funnel() -> dict:
    """Three registrants allocated to one venue; one of them walks the whole path to a running business."""
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    venue = make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    submit(wave)
    submit(wave, nik=NIK_WOMAN, sex="F")
    submit(wave, nik="3216010202900003", birth=datetime.date(1990, 2, 2))
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    # The batch ends this year, so that every step lands in the year the test reads.
    TrainingBatch.objects.update(start_date=TODAY - datetime.timedelta(days=40), end_date=TODAY)
    admin = make_user(Role.MINISTRY_ADMIN)
    walker = Participant.objects.get(registration__person__nik=NIK)
    Enrollment.objects.filter(pk=walker.enrollment_id).update(status="completed")
    walker.refresh_from_db()
    participant_advance(participant=walker, stage="counselling", user=admin)
    for topic in ("Rencana usaha", "Pembukuan"):  # two sessions: counselled once
        counselling_record(participant=walker, user=admin, held_on=TODAY, counsellor="Ibu Sari", topic=topic, notes="")
    participant_advance(participant=walker, stage="matching", user=admin)
    offer_record(participant=walker, user=admin, kind="capital", provider="BRI (KUR)", description="",
                 amount=10_000_000, status="received", offered_on=TODAY)  # fmt: skip
    offer_record(participant=walker, user=admin, kind="market", provider="Pasar Kita", description="",
                 amount=None, status="offered", offered_on=TODAY)  # fmt: skip
    participant_advance(participant=walker, stage="support", user=admin)
    participant_start_business(participant=walker, user=admin, business_name="Kopi Budi", sector="Kedai kopi",
                               joined_on=TODAY)  # fmt: skip
    return {"venue": venue, "admin": admin}


def test_each_step_of_the_funnel_is_counted_once_per_worker(funnel: dict) -> None:
    totals = {code: indicator_total(INDICATORS[code], user=funnel["admin"], year=TODAY.year) for code in CODES}
    assert totals == {
        "service_registered": 3,
        "service_eligible": 3,
        "service_allocated": 3,
        "service_trained": 1,
        "service_counselled": 1,
        "service_matched": 1,
        "service_businesses_started": 1,
        "service_capital_received": 10_000_000,
    }
    assert indicator_total(INDICATORS["service_registered"], user=funnel["admin"], year=TODAY.year - 1) == 0


def test_a_venue_s_staff_count_their_venue_and_another_venue_s_staff_count_nothing(funnel: dict) -> None:
    own = make_user(Role.VENUE_STAFF, venues=[funnel["venue"]])
    other = make_user(Role.VENUE_STAFF, venues=[make_venue("53.71", code="BLK-KUPANG")])
    for code in CODES:
        indicator = INDICATORS[code]
        everyone = indicator_total(indicator, user=funnel["admin"], year=TODAY.year)
        assert indicator_total(indicator, user=own, year=TODAY.year) == everyone, code
        assert indicator_total(indicator, user=other, year=TODAY.year) == 0, code


def test_the_service_s_three_month_scale_can_be_set_as_a_target_and_its_progress_read(funnel: dict) -> None:
    target = target_set(user=funnel["admin"], programme=Programme.objects.get(code="laid_off"),
                        indicator="service_registered", year=TODAY.year, value=10_000,
                        note="5.000–10.000 dalam tiga bulan pertama")  # fmt: skip
    progress = progress_of(target=target, user=funnel["admin"], today=TODAY)
    assert progress.actual == 3 and progress.target.value == 10_000


def test_the_public_sees_the_counts_but_never_the_capital_received() -> None:
    public = {indicator.code for indicator in available_indicators() if indicator.public}
    assert set(CODES) - public == {"service_capital_received"}


def test_the_national_dashboard_lists_the_service_s_figures(client, funnel: dict) -> None:  # noqa: ANN001
    client.force_login(funnel["admin"])
    page = client.get(reverse("dashboards:national"), {"year": TODAY.year})
    assert page.status_code == 200
    body = page.content.decode()
    for code in CODES:
        assert str(INDICATORS[code].label) in body, code
