"""A partner's trainees: the enrolments of the batches it gave to, and of the batches its equipment or
instructor training at a centre came before, each enrolment once."""

from __future__ import annotations

import datetime

import pytest

from inkubator.matching import selectors, services
from inkubator.matching.choices import ContributionKind
from tests.training.factories import BatchFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_trainees_count_batches_given_to_and_batches_after_equipment_once(world: dict) -> None:
    other, kupang, bekasi = world["other"], world["kupang"], world["bekasi"]  # other equipped Kupang on DAY
    day = world["gift_b"].given_on
    late = BatchFactory(
        centre=kupang, start_date=day + datetime.timedelta(days=30), end_date=day + datetime.timedelta(days=90)
    )
    early = BatchFactory(
        centre=kupang, start_date=day - datetime.timedelta(days=60), end_date=day - datetime.timedelta(days=1)
    )
    direct = BatchFactory(centre=bekasi)
    for batch, trainees in ((late, 2), (early, 1), (direct, 3)):
        EnrollmentFactory.create_batch(trainees, batch=batch)
    for batch in (direct, late):  # the late batch is both given to and after the equipment: counted once
        services.contribution_create(
            partner=other, kind=ContributionKind.CERTIFICATION, title="Sertifikasi", given_on=day, batch=batch
        )

    summary = selectors.partner_summary(user=world["admin"], partner=other)
    assert summary["given"]["trainees"] == 2 + 3  # not the batch that started before the equipment came
    # The bank funded Bekasi (not equipment, no batch): none of these trainees are its.
    assert selectors.partner_summary(user=world["admin"], partner=world["bank"])["given"]["trainees"] == 0
