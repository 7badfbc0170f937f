"""What the service tells a worker (issue 12.7): registration received with its code, the eligibility
result, the place or the waiting list, and the eve of training — by SMS, e-mail when given, and in the
app once the worker has an account; in Indonesian; nobody else sees them."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.notifications.models import Channel, Notification, Status
from inkubator.notifications.sms import LocmemSmsBackend
from inkubator.service.models import EligibilityRule, Registration
from inkubator.service.services import participant_account_create, registration_override, wave_allocate, wave_enrol
from tests.factories import PASSWORD, make_user
from tests.venues.factories import make_venue

from .factories import NIK_WOMAN, open_wave, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _outbox() -> None:
    LocmemSmsBackend.outbox.clear()


def events(registration: Registration, channel: str = Channel.SMS) -> list[str]:
    rows = Notification.objects.filter(person=registration.person, channel=channel).order_by("pk")
    return [row.event.removeprefix("service.") for row in rows]


def test_a_registration_is_confirmed_with_its_code_and_its_eligibility(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    EligibilityRule.objects.update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        registration = submit(open_wave(), email="budi@example.id").registration
    assert (
        events(registration) == events(registration, Channel.EMAIL) == ["registration_received", "eligibility_result"]
    )
    texts = [text for to, text in LocmemSmsBackend.outbox if to == registration.phone]
    assert len(texts) == 2 and registration.code in texts[0] and texts[0].startswith("Pendaftaran diterima")
    assert "memenuhi syarat" in texts[1]
    assert len(mail.outbox) == 2
    # A second submission of the same NIK answers the first: nothing is sent twice.
    submit(registration.wave)
    assert len(events(registration)) == 2


def test_the_reasons_of_a_refusal_are_told_and_a_ministry_decision_is_told_again() -> None:
    registration = submit(open_wave(), job_lost_on=timezone.localdate() - datetime.timedelta(days=900)).registration
    refusal = Notification.objects.get(
        person=registration.person, channel=Channel.SMS, event="service.eligibility_result"
    )
    assert "belum memenuhi syarat" in refusal.body and "bulan" in refusal.body
    registration_override(registration=registration, user=make_user(Role.MINISTRY_ADMIN), eligible=True,
                          reason="Surat PHK diperiksa")  # fmt: skip
    assert events(registration)[-1] == "eligibility_result"


def test_places_the_waiting_list_and_the_eve_of_training() -> None:
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    venue = make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=1)
    submit(wave)
    submit(wave, nik=NIK_WOMAN, sex="F")
    wave_allocate(wave=wave)
    first = Registration.objects.get(status="allocated")  # one place: the other waits
    second = Registration.objects.get(status="waiting")
    placed = Notification.objects.get(person=first.person, channel=Channel.SMS, event="service.allocation")
    waiting = Notification.objects.get(person=second.person, channel=Channel.SMS, event="service.allocation")
    assert venue.name in placed.body and "daftar tunggu" in waiting.body and "1" in waiting.body
    wave_enrol(wave=wave)
    eve = Notification.objects.get(person=first.person, channel=Channel.SMS, event="service.batch_start")
    start = wave.training_starts_on
    assert eve.status == Status.QUEUED and timezone.localtime(eve.send_after).date() == start - datetime.timedelta(
        days=1
    )
    assert not Notification.objects.filter(person=second.person, event="service.batch_start").exists()


def test_the_participant_finds_them_in_the_app_and_nobody_else_does() -> None:
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    account = participant_account_create(registration=registration, password=PASSWORD)
    client = Client()
    client.force_login(account)
    page = client.get(reverse("notifications:list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Pendaftaran diterima" in body and registration.code in body
    assert "Pelatihan Anda mulai besok" not in body  # the reminder is not due yet
    assert Notification.objects.filter(recipient=account, channel=Channel.IN_APP, read_at__isnull=False).count() == 3
    other = Client()
    other.force_login(make_user(Role.ENTREPRENEUR))
    assert registration.code not in other.get(reverse("notifications:list")).content.decode()
    assert Client().get(reverse("notifications:list")).status_code == 302
