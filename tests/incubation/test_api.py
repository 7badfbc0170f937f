"""The incubation API: read-only, scoped; an entrepreneur sees only their own record; no NIK or phone."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation import services
from inkubator.regions.models import Regency
from tests.factories import make_user

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> dict:
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    kupang = make_incubator(regency=Regency.objects.get(code="53.71"))
    owner = make_user(Role.ENTREPRENEUR)
    mine = make_tenant(incubator=bekasi, entrepreneur=owner)
    other = make_tenant(incubator=kupang)
    for tenant in (mine, other):
        services.report_submit(
            tenant=tenant,
            month=datetime.date(2026, 1, 1),
            revenue=1_000_000,
            costs=1,
            workers=1,
            customers=1,
            user=None,
        )
        services.coaching_session_create(
            tenant=tenant, coach=make_user(Role.MINISTRY_ADMIN), date=datetime.date(2026, 1, 5), topic="Pemasaran",
            actions=[("Buat akun marketplace", datetime.date(2026, 1, 20))],
        )  # fmt: skip
    return {"owner": owner, "mine": mine, "other": other, "bekasi": bekasi}


def ids(response) -> set[int]:  # noqa: ANN001
    assert response.status_code == 200
    return {row["id"] if "tenant" not in row else row["tenant"] for row in response.json()["results"]}


@pytest.mark.parametrize("name", ["tenant", "stage-move", "coaching-session", "monthly-figure"])
def test_entrepreneur_sees_only_their_own(world: dict, name: str) -> None:
    client = client_for(world["owner"])
    assert ids(client.get(reverse(f"api:{name}-list"))) == {world["mine"].pk}


def test_entrepreneur_gets_404_on_another_tenant(world: dict) -> None:
    client = client_for(world["owner"])
    assert client.get(reverse("api:tenant-detail", args=[world["other"].pk])).status_code == 404
    assert client.get(reverse("api:tenant-detail", args=[world["mine"].pk])).status_code == 200


def test_incubator_sees_its_tenants_and_coordinator_no_single_figures(world: dict) -> None:
    manager = client_for(make_user(Role.CENTRE_MANAGER, centres=[world["bekasi"]]))
    assert ids(manager.get(reverse("api:tenant-list"))) == {world["mine"].pk}
    assert manager.get(reverse("api:tenant-detail", args=[world["other"].pk])).status_code == 404
    coordinator = client_for(make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]))
    assert ids(coordinator.get(reverse("api:tenant-list"))) == {world["other"].pk}
    assert coordinator.get(reverse("api:monthly-figure-list")).json()["results"] == []


def test_no_personal_identifiers_in_output(world: dict) -> None:
    row = client_for(world["owner"]).get(reverse("api:tenant-detail", args=[world["mine"].pk])).json()
    text = str(row)
    assert world["mine"].person.nik not in text and "phone" not in row and "nik" not in row
    assert row["name"] == world["mine"].person.name and row["stage"] == "pre_incubation"


def test_read_only(world: dict) -> None:
    admin = client_for(make_user(Role.MINISTRY_ADMIN))
    assert admin.post(reverse("api:tenant-list"), {}).status_code == 405
