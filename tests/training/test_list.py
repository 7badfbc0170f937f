"""The batch list: fill rate, filters, sort, pages and the XLSX export of the same rows."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inkubator.core.roles import Role
from tests.factories import CentreFactory, field, make_user
from tests.screens import assert_queries_flat
from tests.training.factories import BatchFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches():  # noqa: ANN201
    half = BatchFactory(code="HALF", quota=16, start_date=datetime.date(2024, 2, 1))
    EnrollmentFactory.create_batch(8, batch=half)
    EnrollmentFactory(batch=half, status="dropped")  # a dropout frees the place
    surabaya = CentreFactory(regency_id="35.78", province_id="35", host__regency_id="35.78")
    BatchFactory(code="SBY", centre=surabaya, field=field("las"))
    return half


def test_fill_rate_filters_and_sort(client, batches) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    page = client.get(reverse("training:batches"))
    rows = {row.record.code: row.record for row in page.context["table"].page.object_list}
    assert rows["HALF"].trainees == 8 and rows["HALF"].fill_rate == 50
    assert [
        r.record.code for r in client.get(reverse("training:batches"), {"province": "35"}).context["table"].rows
    ] == ["SBY"]
    assert [
        r.record.code for r in client.get(reverse("training:batches"), {"field": field("las").pk}).context["table"].rows
    ] == ["SBY"]
    assert [r.record.code for r in client.get(reverse("training:batches"), {"year": "2024"}).context["table"].rows] == [
        "HALF"
    ]
    ordered = client.get(reverse("training:batches"), {"sort": "-fill_rate"}).context["table"].rows
    assert [r.record.code for r in ordered] == ["HALF", "SBY"]


def test_xlsx_export_holds_the_filtered_rows(client, batches) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("training:export", args=["xlsx"]), {"province": "32"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 2 and values[1][0] == "HALF" and values[1][9] == 50


def test_pagination(client) -> None:  # noqa: ANN001
    centre = CentreFactory()
    for _ in range(30):
        BatchFactory(centre=centre)
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    first = client.get(reverse("training:batches"))
    assert len(first.context["table"].page.object_list) == 25
    assert len(client.get(reverse("training:batches"), {"page": 2}).context["table"].page.object_list) == 5


def test_manager_plans_a_batch_at_their_centre_only(client) -> None:  # noqa: ANN001
    centre, other = CentreFactory(), CentreFactory()
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    data = {"field": field("menjahit").pk, "start_date": "2025-07-01", "end_date": "2025-08-15", "hours": 240,
            "quota": 16, "funding": "ministry"}  # fmt: skip
    refused = client.post(reverse("training:batch_create"), {**data, "centre": other.pk})
    assert "centre" in refused.context["form"].errors
    assert client.post(reverse("training:batch_create"), {**data, "centre": centre.pk}).status_code == 302
    assert centre.training_batches.get().field.code == "menjahit"


def test_queries_flat_at_5_and_60_batches(client) -> None:  # noqa: ANN001
    centre = CentreFactory()
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centre]))

    def add(n: int) -> None:
        for batch in BatchFactory.create_batch(n, centre=centre):
            EnrollmentFactory(batch=batch)

    assert_queries_flat(client, reverse("training:batches"), add)
