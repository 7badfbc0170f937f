"""API v1 mentoring endpoints: read-only, scoped like the pages, 404 outside, by session and token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.api.services import api_token_issue

from .factories import FacilitatorFactory, make_action, make_active_plan, make_plan, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture(params=("session", "token"))
def api_client(request: pytest.FixtureRequest) -> Callable[[Any], Client]:
    def make(user: Any) -> Client:
        if request.param == "session":
            client = Client()
            client.force_login(user)
            return client
        token, _ = api_token_issue(user=user)
        return Client(headers={"Authorization": f"Token {token.key}"})

    return make


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_facilitator_sees_only_their_assigned_centres(api_client, bekasi, surabaya, facilitator) -> None:
    other = FacilitatorFactory()
    plan = make_active_plan([bekasi], facilitator)
    elsewhere = make_plan([surabaya])
    mine, theirs = make_visit(bekasi, facilitator), make_visit(surabaya, other)
    action_mine, action_theirs = make_action(bekasi), make_action(surabaya)
    client = api_client(facilitator.user)
    assert ids(client.get(reverse("api:facilitator-list"))) == {facilitator.pk}
    assert ids(client.get(reverse("api:mentoring-plan-list"))) == {plan.pk}
    assert client.get(reverse("api:mentoring-plan-detail", args=[elsewhere.pk])).status_code == 404
    assignments = client.get(reverse("api:assignment-list")).json()["results"]
    assert [(a["centre"], a["facilitator"], a["focus"]) for a in assignments] == [
        (bekasi.code, facilitator.pk, "people_assets")
    ]
    assert ids(client.get(reverse("api:visit-list"))) == {mine.pk}
    assert client.get(reverse("api:visit-detail", args=[theirs.pk])).status_code == 404
    assert ids(client.get(reverse("api:action-item-list"))) == {action_mine.pk}
    assert client.get(reverse("api:action-item-detail", args=[action_theirs.pk])).status_code == 404
    assert client.get(reverse("api:facilitator-detail", args=[other.pk])).status_code == 404


def test_coordinator_sees_their_region_and_filters_narrow(api_client, bekasi, surabaya, korwil_jatim) -> None:
    here = FacilitatorFactory(regency=surabaya.regency)
    FacilitatorFactory()
    make_visit(surabaya, here)
    make_visit(bekasi, here)
    client = api_client(korwil_jatim)
    assert ids(client.get(reverse("api:facilitator-list"))) == {here.pk}
    visits = client.get(reverse("api:visit-list")).json()["results"]
    assert [v["centre"] for v in visits] == [surabaya.code]
    assert "latitude" not in visits[0]
    assert ids(client.get(reverse("api:visit-list"), {"centre": bekasi.code})) == set()


def test_anonymous_gets_401() -> None:
    assert Client().get(reverse("api:visit-list")).status_code == 401
