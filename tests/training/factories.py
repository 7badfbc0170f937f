"""Builders of batches, enrolments and outcomes (over the register's factories)."""

from __future__ import annotations

import datetime

import factory

from inkubator.training.models import Enrollment, Outcome, TrainingBatch
from tests.factories import CentreFactory, field
from tests.people.factories import PersonFactory


class BatchFactory(factory.django.DjangoModelFactory):
    """A TIK batch at a centre in Kabupaten Bekasi, from 1 March to 30 April 2025."""

    class Meta:
        model = TrainingBatch

    code = factory.Sequence(lambda n: f"B-{n:05d}")
    centre = factory.SubFactory(CentreFactory)
    regency = factory.LazyAttribute(lambda o: o.centre.regency)
    field = factory.LazyFunction(lambda: field("tik"))
    start_date = datetime.date(2025, 3, 1)
    end_date = datetime.date(2025, 4, 30)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A trainee who completed the batch."""

    class Meta:
        model = Enrollment

    person = factory.SubFactory(PersonFactory)
    batch = factory.SubFactory(BatchFactory)
    status = "completed"
    attendance = 95


class OutcomeFactory(factory.django.DjangoModelFactory):
    """Employed at three months."""

    class Meta:
        model = Outcome

    enrollment = factory.SubFactory(EnrollmentFactory)
    wave = 3
    status = "employed"
    employer = "PT Maju Jaya"
    surveyed_at = datetime.date(2025, 8, 1)
