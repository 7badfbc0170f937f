"""Erasure deletes the person's stored files (issue 12: a proof of job loss is a termination letter with
their name, NIK and employer): the file leaves storage once the erasure commits, the field is blanked,
the deletion is in the audit trail without the file's name, and an erasure that rolls back keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from inkubator.privacy.models import DataSubjectRequest
from inkubator.privacy.services import subject_erase
from inkubator.service.models import Registration
from tests.service.factories import open_wave, png, submit

pytestmark = pytest.mark.django_db

REQUEST = {"basis": "subject_request", "basis_detail": "", "requester": "Yang bersangkutan, surat 3 Maret 2026"}


def stored(name: str) -> bool:
    return (Path(settings.MEDIA_ROOT) / name).exists()


def test_erasure_deletes_the_proof_from_storage_and_audits_it(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    registration = submit(open_wave(), proof=png()).registration
    name = registration.proof.name
    assert stored(name)
    with django_capture_on_commit_callbacks(execute=True):
        request = subject_erase(person=registration.person, user=None, **REQUEST)
    registration.refresh_from_db()
    assert not registration.proof and not stored(name)
    entry = LogEntry.objects.get_for_object(registration).filter(changes__has_key="file").get()
    assert entry.changes["file"] == ["", "deleted from storage"]
    assert name not in str(entry.changes) and Path(name).stem not in entry.object_repr
    deleted = gettext("%(files)s stored files deleted.") % {"files": 1}
    assert DataSubjectRequest.objects.get(pk=request.pk).outcome.endswith(deleted)


def test_an_erasure_that_rolls_back_keeps_the_file(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    registration = submit(open_wave(), proof=png()).registration
    name = registration.proof.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="later step failed"),
        transaction.atomic(),
    ):
        subject_erase(person=registration.person, user=None, **REQUEST)
        raise RuntimeError("a later step failed")
    assert stored(name) and Registration.objects.get(pk=registration.pk).proof.name == name


def test_a_person_without_files_is_erased_as_before() -> None:
    registration = submit(open_wave()).registration
    request = subject_erase(person=registration.person, user=None, **REQUEST)
    assert not LogEntry.objects.filter(changes__has_key="file").exists()
    assert "%(files)s" not in request.outcome and not request.outcome.endswith(
        gettext("%(files)s stored files deleted.") % {"files": 0}
    )
