"""The participant's path: made by enrolment, gates between stages, a business that becomes a tenant,
the participant's own account (NIK + code) and page; staff of another venue get 404."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from inkubator.core.roles import Role
from inkubator.incubation.models import Tenant
from inkubator.service.models import EligibilityRule, Participant
from inkubator.service.services import (
    counselling_record,
    offer_record,
    participant_account_create,
    participant_advance,
    participant_start_business,
    wave_allocate,
    wave_enrol,
)
from inkubator.training.models import Enrollment
from tests.factories import PASSWORD, make_user
from tests.venues.factories import make_venue

from .factories import NIK, open_wave, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def setting() -> dict:
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    venue = make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    registration.refresh_from_db()
    return {"wave": wave, "venue": venue, "registration": registration, "participant": registration.participant}


def test_enrolment_makes_a_participant_in_training(setting: dict) -> None:
    participant = setting["participant"]
    assert participant.stage == "training" and participant.enrollment.batch.venue == setting["venue"]
    assert wave_enrol(wave=setting["wave"])["enrolments"] == 0 and Participant.objects.count() == 1


def test_each_gate_holds_until_its_condition_is_met(setting: dict) -> None:
    participant, admin = setting["participant"], make_user(Role.MINISTRY_ADMIN)
    with pytest.raises(ValidationError, match="once the training is completed"):
        participant_advance(participant=participant, stage="counselling", user=admin)
    with pytest.raises(ValidationError, match="one stage at a time"):
        participant_advance(participant=participant, stage="matching", user=admin)
    Enrollment.objects.filter(pk=participant.enrollment_id).update(status="completed")
    participant.refresh_from_db()
    participant_advance(participant=participant, stage="counselling", user=admin)
    with pytest.raises(ValidationError, match="at least one counselling session"):
        participant_advance(participant=participant, stage="matching", user=admin)
    counselling_record(participant=participant, user=admin, held_on=TODAY, counsellor="Ibu Sari",
                       topic="Rencana usaha", notes="")  # fmt: skip
    participant_advance(participant=participant, stage="matching", user=admin)
    with pytest.raises(ValidationError, match="at least one offer"):
        participant_advance(participant=participant, stage="support", user=admin)
    offer_record(participant=participant, user=admin, kind="capital", provider="BRI (KUR)", description="",
                 amount=10_000_000, status="accepted", offered_on=TODAY)  # fmt: skip
    participant_advance(participant=participant, stage="support", user=admin)
    with pytest.raises(ValidationError, match="starting the participant's business"):
        participant_advance(participant=participant, stage="running", user=admin)
    participant_start_business(participant=participant, user=admin, business_name="Kopi Budi", sector="Kedai kopi",
                               joined_on=TODAY)  # fmt: skip
    participant.refresh_from_db()
    tenant = Tenant.objects.get()
    assert participant.stage == "running" and participant.tenant == tenant
    assert tenant.source_programme == "laid_off" and tenant.venue == setting["venue"]
    assert tenant.person == setting["registration"].person and tenant.venue_name == setting["venue"].name


def test_a_stale_copy_moves_from_the_stage_stored_now(setting: dict) -> None:
    """Two staff on one participant: the move is checked against the stage stored now, not the copy the
    page read, so a participant dropped meanwhile is not moved on."""
    participant, admin = setting["participant"], make_user(Role.MINISTRY_ADMIN)
    stale = Participant.objects.get(pk=participant.pk)
    participant_advance(participant=participant, stage="dropped", user=admin)
    Enrollment.objects.filter(pk=participant.enrollment_id).update(status="completed")
    with pytest.raises(ValidationError, match="dropped out"):
        participant_advance(participant=stale, stage="counselling", user=admin)
    assert Participant.objects.get(pk=participant.pk).stage == "dropped"


def test_the_participant_makes_an_account_and_sees_their_batch(setting: dict) -> None:
    registration = setting["registration"]
    client = Client()
    bad = client.post(reverse("service:account"), {"nik": NIK, "code": "SALAH12345", "password1": PASSWORD,
                                                   "password2": PASSWORD})  # fmt: skip
    assert bad.status_code == 200 and b"form-errors" in bad.content
    made = client.post(reverse("service:account"), {"nik": NIK, "code": registration.code, "password1": PASSWORD,
                                                    "password2": PASSWORD})  # fmt: skip
    assert made.status_code == 200 and registration.code.lower().encode() in made.content
    with translation.override("en"), pytest.raises(ValidationError, match="already have an account"):
        participant_account_create(registration=registration, password=PASSWORD)
    from inkubator.accounts.models import User

    account = User.objects.get(username=registration.code.lower())
    assert account.check_password(PASSWORD) and account.role == Role.ENTREPRENEUR
    client.force_login(account)
    page = client.get(reverse("service:mine"))
    assert page.status_code == 200 and b"my-batch" in page.content
    assert setting["participant"].enrollment.batch.code.encode() in page.content
    # Their own path only: the staff pages stay closed to them.
    assert client.get(reverse("service:registration_detail", args=[registration.pk])).status_code == 404
    other = Client()
    other.force_login(make_user(Role.ENTREPRENEUR))
    nothing = other.get(reverse("service:mine"))
    assert nothing.status_code == 200 and b"my-batch" not in nothing.content
    assert setting["participant"].enrollment.batch.code.encode() not in nothing.content
    assert reverse("service:register").encode() in nothing.content


def test_someone_without_a_place_has_no_account_to_make() -> None:
    waiting = submit(open_wave(), nik=f"{NIK[:12]}0042").registration
    with pytest.raises(ValidationError, match="once you have a place"):
        participant_account_create(registration=waiting, password=PASSWORD)


def test_staff_of_another_venue_get_404_and_venue_staff_guide_their_own(setting: dict) -> None:
    participant = setting["participant"]
    mine, theirs = Client(), Client()
    mine.force_login(make_user(Role.VENUE_STAFF, venues=[setting["venue"]]))
    theirs.force_login(make_user(Role.VENUE_STAFF, venues=[make_venue("53.71")]))
    data = {"session-held_on": TODAY.isoformat(), "session-counsellor": "Pak Dedi", "session-topic": "Pembukuan",
            "session-notes": ""}  # fmt: skip
    url = reverse("service:participant_session", args=[participant.pk])
    assert theirs.post(url, data).status_code == 404
    assert mine.post(url, data).status_code == 302 and participant.sessions.count() == 1
    korwil = Client()
    korwil.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert korwil.post(url, data).status_code == 404  # coordinators see, venues guide
    page = mine.get(reverse("service:registration_detail", args=[setting["registration"].pk]))
    assert b"participant-stage" in page.content and b"session-form" in page.content
    assert theirs.get(reverse("service:registration_detail", args=[setting["registration"].pk])).status_code == 404
