"""Output against the year's target by province and field; outcome rates by field, centre and cohort."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.training.selectors import outcome_rates, output_by, output_total
from tests.factories import make_user
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():  # noqa: ANN201
    batch = BatchFactory(end_date=datetime.date(2025, 4, 30))
    EnrollmentFactory.create_batch(2, batch=batch)
    EnrollmentFactory(batch=batch, status="dropped")
    EnrollmentFactory(batch=batch, status="active")
    for status, extra in (("employed", {"employer": "PT A"}), ("self_employed", {"business_name": "Warung"}),
                          ("unreachable", {}), ("not_working", {})):  # fmt: skip
        OutcomeFactory(enrollment__batch=batch, status=status, employer=extra.get("employer", ""),
                       business_name=extra.get("business_name", ""))  # fmt: skip
    return batch


def test_output_counts_trainees_not_dropped_and_graduates(data) -> None:  # noqa: ANN001
    admin = make_user(Role.MINISTRY_ADMIN)
    totals = output_total(user=admin, year=2025)
    assert totals == {"trainees": 7, "graduates": 6, "target": 232_000}
    (province,) = output_by(user=admin, year=2025, group="province")
    assert (province.key, province.trainees, province.graduates) == ("32", 7, 6)


def test_outcome_rates_are_shares_of_those_reached(data) -> None:  # noqa: ANN001
    (row,) = outcome_rates(user=make_user(Role.MINISTRY_ADMIN), wave=3, group="field")
    assert (row.surveyed, row.reached, row.employed, row.self_employed) == (4, 3, 1, 1)
    assert round(row.employed_rate) == 33 and row.reached_rate == 75
    (cohort,) = outcome_rates(user=make_user(Role.MINISTRY_ADMIN), wave=3, group="cohort")
    assert cohort.label == "2025"


def test_pages(client, data) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    output = client.get(reverse("training:output"), {"year": "2025"})
    assert output.status_code == 200 and output.context["totals"]["trainees"] == 7
    for group in ("field", "centre", "cohort"):
        assert client.get(reverse("training:outcomes"), {"by": group}).status_code == 200
    centre = client.get(reverse("training:centre_output", args=[data.centre.code]))
    assert centre.context["years"][0].trainees == 7


def test_other_region_sees_nothing(client, data) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    assert client.get(reverse("training:output"), {"year": "2025"}).context["totals"]["trainees"] == 0
    assert client.get(reverse("training:centre_output", args=[data.centre.code])).status_code == 404
