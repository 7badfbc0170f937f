"""The public registration and status pages: no sign-in, NIK checked, one registration per NIK per wave,
honeypot and per-address limits, nothing revealed without the code."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from inkubator.people.models import Person
from inkubator.service.models import PreferredVenue, Registration
from tests.venues.factories import make_venue

from .factories import NIK, form_data, open_wave, png, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave():  # noqa: ANN201
    return open_wave()


def test_the_form_is_public_light_and_names_its_nik_input_nik(wave) -> None:  # noqa: ANN001
    response = Client().get(reverse("service:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="nik"' in html and 'enctype="multipart/form-data"' in html
    # No script, and one small stylesheet of our own (a file, not inline: the CSP allows no inline style).
    assert "<script" not in html and html.count('rel="stylesheet"') == 1 and "<style" not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert len(response.content) < 80_000
    assert Client().get("/layanan/").url == reverse("service:register")


def test_a_worker_registers_and_gets_a_code(wave) -> None:  # noqa: ANN001
    bpkk = make_venue(code="BPKK-BEKASI")
    response = Client().post(reverse("service:register"), {**form_data(venue_1=bpkk.pk), "proof": png()})
    assert response.status_code == 201, response.content.decode()[:3000]
    registration = Registration.objects.get()
    assert registration.code.encode() in response.content
    assert registration.person.nik == NIK and registration.person.name == "Budi Santoso"
    assert registration.phone == "+6281234567890" and registration.regency_id == "32.16"
    assert registration.proof.name.startswith("service/proof/") and "surat" not in registration.proof.name
    assert [p.venue for p in PreferredVenue.objects.filter(registration=registration)] == [bpkk]
    entry = LogEntry.objects.get_for_object(registration).get()
    assert "6281234567890" not in str(entry.changes) and registration.code not in str(entry.changes)


def test_a_second_registration_of_the_nik_answers_the_first_without_its_code(wave) -> None:  # noqa: ANN001
    client = Client()
    first = client.post(reverse("service:register"), form_data())
    code = Registration.objects.get().code
    again = client.post(reverse("service:register"), form_data(phone="0899-1111-2222"))
    assert again.status_code == 200
    assert Registration.objects.count() == 1 and Person.objects.count() == 1
    assert b"already-registered" in again.content and code.encode() not in again.content
    assert b"7890" in again.content  # where the code went: the first phone, masked
    assert first.status_code == 201


def test_a_person_on_record_keeps_their_details_and_a_wrong_birth_date_is_refused(wave) -> None:  # noqa: ANN001
    submit(open_wave("Gelombang 0"))
    response = Client().post(reverse("service:register"), form_data(name="Nama Lain"))
    assert response.status_code == 201
    assert Person.objects.get().name == "Budi Santoso"
    # The NIK of a woman born 1 January 1990 with a man's sex: the NIK check says so.
    response = Client().post(reverse("service:register"), form_data(nik="3216014101900002"))
    assert response.status_code == 200 and b"error-nik" in response.content


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nik": "1234"}, "nik"),
        ({"nik": "9916010101900001"}, "nik"),  # no such district
        ({"birth_date": "1991-01-01"}, "nik"),  # the NIK encodes another birth date
        ({"phone": "12345"}, "phone"),
        ({"consent": ""}, "consent"),
        ({"job_lost_on": "2999-01-01"}, "job_lost_on"),
    ],
)
def test_invalid_input_is_refused_by_field(wave, changes: dict, field: str) -> None:  # noqa: ANN001
    response = Client().post(reverse("service:register"), form_data(**changes))
    assert response.status_code == 200
    assert f'data-testid="error-{field}"'.encode() in response.content
    assert not Registration.objects.exists()


def test_a_proof_that_is_not_what_it_claims_is_refused(wave) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = Client().post(reverse("service:register"), {**form_data(), "proof": fake})
    assert response.status_code == 200 and b"error-proof" in response.content
    assert not Registration.objects.exists()


def test_the_honeypot_answers_as_if_received_and_writes_nothing(wave) -> None:  # noqa: ANN001
    response = Client().post(reverse("service:register"), form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Registration.objects.exists() and not Person.objects.exists()


def test_registration_is_rate_limited_per_address(wave, settings) -> None:  # noqa: ANN001
    settings.SERVICE_REGISTRATION_LIMIT = 2
    client = Client()
    assert client.post(reverse("service:register"), form_data(nik="1")).status_code == 200
    assert client.post(reverse("service:register"), form_data(nik="2")).status_code == 200
    assert client.post(reverse("service:register"), form_data()).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("service:register"), form_data()).status_code == 201


def test_no_open_wave_no_registration() -> None:
    response = Client().get(reverse("service:register"))
    assert response.status_code == 200 and b"registration-closed" in response.content


def test_status_needs_both_nik_and_code_and_reveals_nothing_else(wave, settings) -> None:  # noqa: ANN001
    registration = submit(wave).registration
    client = Client()
    found = client.post(reverse("service:status"), {"nik": NIK, "code": registration.code.lower()})
    assert found.status_code == 200 and b'data-testid="status"' in found.content
    html = found.content.decode()
    assert "Budi" not in html and "Tekstil" not in html and "7890" not in html
    for nik, code in ((NIK, "AAAAAAAAAA"), ("3216010101900002", registration.code), ("", "")):
        miss = client.post(reverse("service:status"), {"nik": nik, "code": code})
        assert registration.get_status_display() not in miss.content.decode()
    settings.SERVICE_STATUS_LIMIT = 1
    assert Client(REMOTE_ADDR="10.0.0.7").post(reverse("service:status"), {"nik": NIK, "code": "X"}).status_code == 404
    assert Client(REMOTE_ADDR="10.0.0.7").post(reverse("service:status"), {"nik": NIK, "code": "X"}).status_code == 429


def test_anonymous_users_reach_registration_and_status_only(wave) -> None:  # noqa: ANN001
    client = Client()
    assert client.get(reverse("service:status")).status_code == 200
    assert client.get(reverse("venues:list")).status_code == 302
    assert client.get("/api/v1/venues/").status_code == 401


def test_erasure_blanks_the_registration_and_keeps_the_row(wave) -> None:  # noqa: ANN001
    from inkubator.core.roles import Role
    from inkubator.privacy.services import subject_erase
    from tests.factories import make_user

    registration = submit(wave, email="budi@example.com").registration
    subject_erase(
        person=registration.person, user=make_user(Role.MINISTRY_ADMIN), basis="subject_request",
        basis_detail="", requester="Budi",
    )  # fmt: skip
    registration.refresh_from_db()
    assert (registration.phone, registration.email, registration.former_employer) == ("", "", "")
    assert registration.business_idea == "" and Person.objects.get().nik is None


def test_a_new_workers_registration_is_a_handful_of_statements(wave, django_assert_max_num_queries) -> None:  # noqa: ANN001
    """Issue 12's surge (>= 50 registrations/s on two workers): what the form checked is not looked up
    again, the wave, rules and reference data are kept per process, the person and the registration are
    audited in one insert and the notifications written in one."""
    client = Client()
    # The first submission of this process reads the rules and the regions, fields and venues once.
    assert client.post(reverse("service:register"), form_data(nik="3216010101900099")).status_code == 201
    data = form_data()
    with django_assert_max_num_queries(7):
        response = client.post(reverse("service:register"), data)
    assert response.status_code == 201
    person = Registration.objects.get(person__nik=NIK).person
    created = LogEntry.objects.get_for_object(person).get()
    assert created.action == LogEntry.Action.CREATE and NIK not in str(created.changes)
    assert created.actor is None and created.remote_addr == "127.0.0.1"


def test_a_closed_wave_or_a_changed_rule_applies_to_the_next_submission(wave) -> None:  # noqa: ANN001
    """What the public page keeps per process is forgotten when this process saves a change (another
    process sees it within seconds)."""
    from inkubator.service.choices import RuleKind, WaveStatus
    from inkubator.service.models import EligibilityRule
    from inkubator.service.services import rule_update, wave_update

    client = Client()
    assert client.post(reverse("service:register"), form_data()).status_code == 201
    kinds = {result["kind"] for result in Registration.objects.get().eligibility}
    assert RuleKind.PROOF_PRESENT in kinds
    rule_update(rule=EligibilityRule.objects.get(kind=RuleKind.PROOF_PRESENT), active=False)
    second = client.post(reverse("service:register"), form_data(nik="3216010101900003"))
    assert second.status_code == 201
    kinds = {result["kind"] for result in Registration.objects.get(person__nik="3216010101900003").eligibility}
    assert RuleKind.PROOF_PRESENT not in kinds
    wave_update(wave=wave, status=WaveStatus.CLOSED)
    closed = client.post(reverse("service:register"), form_data(nik="3216010101900004"))
    assert b"registration-closed" in closed.content
    assert not Registration.objects.filter(person__nik="3216010101900004").exists()
