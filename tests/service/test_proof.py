"""The proof of job loss sent after registering (issue 12.2): by the registrant with NIK + code on a
public page, or from the participant's account; checked like every upload, eligibility checked again,
audited, the earlier file deleted when replaced; nothing revealed or kept on a mismatch; 404 for others."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.service.choices import RegistrationStatus, RuleKind
from inkubator.service.models import EligibilityRule, Registration
from inkubator.service.services import (
    participant_account_create,
    registration_proof_add,
    wave_allocate,
    wave_enrol,
)
from tests.factories import PASSWORD, CentreFactory, make_user
from tests.venues.factories import make_venue

from .factories import NIK, open_wave, png, submit

pytestmark = pytest.mark.django_db


def only_proof_rule() -> None:
    """Every rule off but "proof present": the proof alone decides eligibility here."""
    EligibilityRule.objects.exclude(kind=RuleKind.PROOF_PRESENT).update(active=False)
    EligibilityRule.objects.filter(kind=RuleKind.PROOF_PRESENT).update(active=True)


def stored(name: str) -> bool:
    return (Path(settings.MEDIA_ROOT) / name).exists()


def proof_files() -> list[str]:
    """The proofs in storage (the tests' media folder)."""
    return sorted(path.name for path in (Path(settings.MEDIA_ROOT) / "service" / "proof").glob("*"))


def pdf(name: str = "surat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def test_the_registrant_sends_the_proof_with_nik_and_code_and_becomes_eligible() -> None:
    only_proof_rule()
    registration = submit(open_wave()).registration
    assert registration.status == RegistrationStatus.INELIGIBLE and not registration.proof
    page = Client().get(reverse("service:proof"))
    assert page.status_code == 200 and 'name="nik"' in page.content.decode()
    answer = Client().post(reverse("service:proof"), {"nik": NIK, "code": registration.code, "proof": pdf()})
    assert answer.status_code == 200 and b'data-testid="proof-received"' in answer.content
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ELIGIBLE and registration.eligible is True
    assert registration.proof.name.startswith("service/proof/") and stored(registration.proof.name)
    # The trail says the proof changed, not what it is (masked, no file name).
    entry = LogEntry.objects.get_for_object(registration).filter(changes__has_key="proof").latest("pk")
    assert registration.proof.name not in str(entry.changes)


def test_a_wrong_nik_or_code_reveals_nothing_and_keeps_nothing() -> None:
    registration = submit(open_wave()).registration
    before = proof_files()
    wrong_code = Client().post(reverse("service:proof"), {"nik": NIK, "code": "ABCDEFGHJK", "proof": pdf()})
    wrong_nik = Client().post(
        reverse("service:proof"), {"nik": "3216010101900009", "code": registration.code, "proof": pdf()}
    )
    assert wrong_code.status_code == wrong_nik.status_code == 404
    assert wrong_code.content.decode().count('data-testid="form-errors"') == 1
    assert "Budi" not in wrong_nik.content.decode()
    registration.refresh_from_db()
    assert not registration.proof
    after = proof_files()
    assert after == before


def test_a_file_that_is_not_what_it_claims_is_refused_like_every_upload() -> None:
    registration = submit(open_wave()).registration
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    answer = Client().post(reverse("service:proof"), {"nik": NIK, "code": registration.code, "proof": fake})
    assert answer.status_code == 400 and b"error-proof" in answer.content
    registration.refresh_from_db()
    assert not registration.proof


def test_a_proof_replaced_while_undecided_deletes_the_earlier_file(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    only_proof_rule()
    registration = submit(open_wave(), proof=png()).registration
    earlier = registration.proof.name
    assert stored(earlier)
    EligibilityRule.objects.update(active=False)  # undecided again: a rule was changed meanwhile
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_proof_add(registration=registration, proof=pdf())
    registration.refresh_from_db()
    assert registration.proof.name != earlier and stored(registration.proof.name) and not stored(earlier)


def test_a_decided_registration_keeps_its_proof() -> None:
    EligibilityRule.objects.update(active=False)
    registration = submit(open_wave(), proof=png()).registration
    make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    wave_allocate(wave=registration.wave)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ALLOCATED
    with pytest.raises(Exception, match="decided already"):
        registration_proof_add(registration=registration, proof=pdf())
    assert Registration.objects.get(pk=registration.pk).proof.name == registration.proof.name


@pytest.fixture
def participant() -> dict:
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    make_venue("32.16", code="BPKK-BEKASI", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration
    wave_allocate(wave=wave)
    wave_enrol(wave=wave)
    registration.refresh_from_db()
    account = participant_account_create(registration=registration, password=PASSWORD)
    return {"registration": registration, "account": account}


def test_the_participant_sends_the_proof_from_their_account(participant: dict) -> None:
    client = Client()
    client.force_login(participant["account"])
    mine = client.get(reverse("service:mine")).content.decode()
    assert 'data-testid="proof-missing"' in mine
    assert client.get(reverse("service:my_proof")).status_code == 200
    answer = client.post(reverse("service:my_proof"), {"proof": pdf()})
    assert answer.status_code == 302 and answer["Location"] == reverse("service:mine")
    registration = Registration.objects.get(pk=participant["registration"].pk)
    assert registration.proof and stored(registration.proof.name)
    entry = LogEntry.objects.get_for_object(registration).filter(changes__has_key="proof").latest("pk")
    assert entry.actor == participant["account"]


def test_only_the_participant_has_a_proof_page(participant: dict) -> None:
    others = [
        make_user(Role.ENTREPRENEUR),  # an entrepreneur who never came through the service
        make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]),
        make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]),  # another region
    ]
    for user in others:
        client = Client()
        client.force_login(user)
        assert client.get(reverse("service:my_proof")).status_code == 404
        assert client.post(reverse("service:my_proof"), {"proof": pdf()}).status_code == 404
    assert not Registration.objects.get(pk=participant["registration"].pk).proof
