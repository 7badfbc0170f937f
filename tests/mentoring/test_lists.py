"""The plan list and the action-item list: filters, sort, pagination, export, each within scope."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from inkubator.core.roles import Role
from tests.factories import make_user

from .factories import make_action, make_plan

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:  # noqa: ANN001
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))


def test_plan_list_filters_and_exports_within_scope(client: Client, bekasi, surabaya, korwil_jabar) -> None:
    make_plan([bekasi], name="Jabar Semester 1")
    make_plan([bekasi], name="Jabar Semester 2")
    make_plan([surabaya], name="Jatim")
    client.force_login(korwil_jabar)
    response = client.get(reverse("mentoring:plan_list"))
    assert sorted(p.name for p in response.context["table"].data) == ["Jabar Semester 1", "Jabar Semester 2"]
    response = client.get(reverse("mentoring:plan_list"), {"q": "semester 2"})
    assert [p.name for p in response.context["table"].data] == ["Jabar Semester 2"]
    rows = sheet_rows(client.get(reverse("mentoring:plan_export", args=["xlsx"])))
    assert sorted(r[0] for r in rows[1:]) == ["Jabar Semester 1", "Jabar Semester 2"]
    assert client.get(reverse("mentoring:plan_export", args=["doc"])).status_code == 404


def test_action_list_shows_overdue_items_in_scope(client: Client, bekasi, surabaya, korwil_jabar) -> None:
    late = make_action(bekasi, title="Perbaiki mesin jahit", due_date=datetime.date(2020, 1, 1))
    make_action(bekasi, title="Susun SOP", due_date=datetime.date.today() + datetime.timedelta(days=9))
    make_action(surabaya, title="Di Jawa Timur", due_date=datetime.date(2020, 1, 1))
    client.force_login(korwil_jabar)
    response = client.get(reverse("mentoring:action_list"))
    assert [a.title for a in response.context["table"].data] == ["Perbaiki mesin jahit", "Susun SOP"]
    response = client.get(reverse("mentoring:action_list"), {"overdue": "true"})
    assert [a.pk for a in response.context["table"].data] == [late.pk]
    rows = sheet_rows(client.get(reverse("mentoring:action_export", args=["xlsx"]), {"overdue": "true"}))
    assert [r[3] for r in rows[1:]] == ["Perbaiki mesin jahit"]


def test_action_list_is_not_for_centre_managers(client: Client, bekasi) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    assert client.get(reverse("mentoring:action_list")).status_code == 404
    assert client.get(reverse("mentoring:action_export", args=["csv"])).status_code == 404


def test_queries_flat_at_5_and_60_rows(client: Client, bekasi, korwil_jabar) -> None:
    """Facilitators, plans and action items: a page in the same number of queries at 5 and 60 rows."""
    from tests.screens import assert_queries_flat

    from .factories import FacilitatorFactory

    client.force_login(korwil_jabar)
    assert_queries_flat(client, reverse("mentoring:facilitator_list"), lambda n: FacilitatorFactory.create_batch(n))
    assert_queries_flat(client, reverse("mentoring:plan_list"), lambda n: [make_plan([bekasi]) for _ in range(n)])
    assert_queries_flat(client, reverse("mentoring:action_list"), lambda n: [make_action(bekasi) for _ in range(n)])
