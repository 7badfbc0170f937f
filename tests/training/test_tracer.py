"""The tracer worklist: graduates due at 3 and 6 months without an answer; the quick form records one."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.training.models import Outcome
from inkubator.training.selectors import months_before, tracer_worklist
from tests.factories import make_user
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 9, 15)


def test_months_before() -> None:
    assert months_before(datetime.date(2025, 5, 31), 3) == datetime.date(2025, 2, 28)
    assert months_before(datetime.date(2025, 1, 15), 6) == datetime.date(2024, 7, 15)


def test_who_is_due() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    ended_june = BatchFactory(start_date=datetime.date(2025, 4, 1), end_date=datetime.date(2025, 6, 15))
    ended_july = BatchFactory(start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 7, 1))
    due = EnrollmentFactory(batch=ended_june)
    EnrollmentFactory(batch=ended_june, status="dropped")  # dropouts are not traced
    EnrollmentFactory(batch=ended_july)  # ended less than 3 months ago
    reached = OutcomeFactory(enrollment__batch=ended_june).enrollment
    assert list(tracer_worklist(user=admin, wave=3, today=TODAY)) == [due]
    assert list(tracer_worklist(user=admin, wave=3, today=TODAY, done=True)) == [reached]
    assert list(tracer_worklist(user=admin, wave=6, today=TODAY)) == []
    assert set(tracer_worklist(user=admin, wave=6, today=datetime.date(2025, 12, 15))) == {due, reached}


def test_quick_form_records_with_htmx(client) -> None:  # noqa: ANN001
    enrolment = EnrollmentFactory(
        batch__end_date=datetime.date(2024, 1, 31), batch__start_date=datetime.date(2023, 12, 1)
    )
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[enrolment.batch.centre]))
    worklist = client.get(reverse("training:tracer"))
    assert list(worklist.context["page"]) == [enrolment]
    url = reverse("training:outcome", args=[enrolment.pk, 3])
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200 and "training/_outcome_form.html" in [t.name for t in form.templates]
    bad = client.post(
        url, {"wave": 3, "status": "employed", "surveyed_at": "2024-05-02"}, headers={"HX-Request": "true"}
    )
    assert "employer" in bad.context["form"].errors
    done = client.post(
        url,
        {"wave": 3, "status": "employed", "employer": "PT Sinar Jaya", "sector": "manufacturing", "wage_band": "2to3",
         "surveyed_at": "2024-05-02"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert done.status_code == 200 and b"outcome-recorded" in done.content
    outcome = Outcome.objects.get(enrollment=enrolment, wave=3)
    assert outcome.employer == "PT Sinar Jaya" and outcome.surveyed_by.role == Role.CENTRE_MANAGER
    assert list(client.get(reverse("training:tracer")).context["page"]) == []
