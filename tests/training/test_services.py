"""Batch, enrolment, certificate and outcome rules, enforced by the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inkubator.training.services import batch_create, certificate_record, enrollment_create, outcome_record
from tests.factories import CentreFactory, field
from tests.people.factories import PersonFactory
from tests.training.factories import BatchFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 3, 1), datetime.date(2025, 4, 30)


def test_centre_batch_takes_the_centres_regency_and_a_code() -> None:
    centre = CentreFactory()
    batch = batch_create(centre=centre, field=field("las"), start_date=START, end_date=END)
    assert batch.regency_id == centre.regency_id and batch.quota == 16
    assert batch.code == f"{centre.code}-2503-las"
    assert batch_create(centre=centre, field=field("las"), start_date=START, end_date=END).code.endswith("-2")


def test_dates_in_order_and_venue_named() -> None:
    with pytest.raises(ValidationError, match="tidak dapat selesai sebelum dimulai") as error:
        batch_create(centre=CentreFactory(), field=field(), start_date=END, end_date=START)
    assert "end_date" in error.value.message_dict
    with pytest.raises(ValidationError, match="Isi nama balai pelatihan pemerintah") as error:
        batch_create(venue_kind="government_blk", regency=CentreFactory().regency, field=field(), start_date=START,
                     end_date=END)  # fmt: skip
    assert "venue_name" in error.value.message_dict


def test_quota_is_kept() -> None:
    batch = BatchFactory(quota=1)
    enrollment_create(batch=batch, person=PersonFactory())
    with pytest.raises(ValidationError, match=r"Pelatihan sudah penuh \(kuota 1\)"):
        enrollment_create(batch=batch, person=PersonFactory())


def test_outcomes_only_for_graduates_and_complete() -> None:
    active = EnrollmentFactory(status="active")
    with pytest.raises(ValidationError, match="Hanya lulusan"):
        outcome_record(enrollment=active, wave=3, status="not_working")
    graduate = EnrollmentFactory()
    with pytest.raises(ValidationError, match="Isi nama pemberi kerja") as error:
        outcome_record(enrollment=graduate, wave=3, status="employed")
    assert "employer" in error.value.message_dict
    with pytest.raises(ValidationError, match="Isi nama usaha") as error:
        outcome_record(enrollment=graduate, wave=3, status="self_employed")
    assert "business_name" in error.value.message_dict
    outcome = outcome_record(enrollment=graduate, wave=3, status="self_employed", business_name="Jahit Bu Siti",
                             wants_incubation=True, employer="ignored")  # fmt: skip
    assert outcome.employer == "" and outcome.wants_incubation
    again = outcome_record(enrollment=graduate, wave=3, status="employed", employer="PT Sinar")
    assert again.pk == outcome.pk and again.business_name == ""


def test_certificate_only_after_completion() -> None:
    with pytest.raises(ValidationError, match="Hanya peserta yang lulus pelatihan yang dapat disertifikasi"):
        certificate_record(enrollment=EnrollmentFactory(status="dropped"), number="1", scheme="x", issued_on=END)
    certificate = certificate_record(enrollment=EnrollmentFactory(), number="BNSP-1", scheme="Operator Komputer",
                                     issued_on=END)  # fmt: skip
    assert certificate.number == "BNSP-1"
