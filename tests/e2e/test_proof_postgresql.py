"""Proofs of job loss sent at once for one registration on PostgreSQL (threads, real transactions): a worker
tapping "send" on two phones, or the status page and their account at the same moment.

Each upload locks the registration's row, replaces the proof and deletes the file it replaced once it
commits: at the end one proof is on file and it is the only file of that registration left in storage.
Transactional like the browser tests, so it lives with them (see tests/e2e/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from inkubator.service.choices import RegistrationStatus
from inkubator.service.models import EligibilityRule, Registration
from inkubator.service.services import registration_proof_add
from tests.e2e.test_races_postgresql import at_once
from tests.service.factories import open_wave, submit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]

UPLOADS = 5


def test_proofs_sent_at_once_leave_one_proof_and_no_stray_file() -> None:
    EligibilityRule.objects.update(active=False)
    registration = submit(open_wave()).registration
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.SUBMITTED)
    folder = Path(settings.MEDIA_ROOT) / "service" / "proof"
    before = set(folder.glob("*")) if folder.exists() else set()

    def send(n: int):  # noqa: ANN202
        def work() -> str:
            body = b"%PDF-1.4\n% upload " + str(n).encode() + b"\ntrailer<<>>\n%%EOF\n"
            proof = SimpleUploadedFile(f"surat-{n}.pdf", body, content_type="application/pdf")
            return registration_proof_add(registration=registration, proof=proof).proof.name

        return work

    results = at_once([send(n) for n in range(UPLOADS)])
    assert all(isinstance(r, str) for r in results), results
    kept = Registration.objects.get(pk=registration.pk).proof.name
    assert kept in results
    new_files = set(folder.glob("*")) - before
    assert {path.name for path in new_files} == {Path(kept).name}, (kept, new_files)
    for path in new_files:  # what this test's commits left in the media folder
        path.unlink()
