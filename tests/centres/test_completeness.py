"""The completeness list: least complete first, what is missing, the average; for admins and coordinators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.centres.factories_extra import centre_with_fields, regency
from tests.factories import AssetFactory, CentreFactory, StaffFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres() -> dict[str, object]:
    rich = centre_with_fields(
        "tik",
        name="BLKK Lengkap",
        regency=regency("35.78"),
        address="Jl. Uji",
        latitude=Decimal("-7.25"),
        longitude=Decimal("112.75"),
        contact_person="Budi",
        phone="031555",
    )
    StaffFactory(centre=rich)
    AssetFactory(centre=rich)
    return {
        "rich": rich,
        "bare": CentreFactory(name="BLKK Kosong", regency=regency("35.78")),
        "bekasi": CentreFactory(name="BLKK Bekasi", regency=regency("32.16"), address="Jl. Bekasi"),
    }


def rows(response) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(row.record.name, row.record.completeness) for row in response.context["table"].paginated_rows]


def test_least_complete_first_with_what_is_missing(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(reverse("centres:completeness"))
    assert [name for name, _ in rows(response)] == ["BLKK Kosong", "BLKK Bekasi", "BLKK Lengkap"]
    scores = dict(rows(response))
    assert scores["BLKK Kosong"] == 0 and 0 < scores["BLKK Bekasi"] < scores["BLKK Lengkap"] < 100
    body = response.content.decode()
    assert "A signed agreement (PKS)" in body and "Map coordinates" in body
    assert response.context["average"] == round(sum(scores.values()) / 3)


def test_coordinator_sees_only_their_region_and_filters(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    response = client.get(reverse("centres:completeness"))
    assert {name for name, _ in rows(response)} == {"BLKK Kosong", "BLKK Lengkap"}
    assert client.get(reverse("centres:completeness"), {"province": "32"}).context["table"].paginator.count == 0


def test_filter_by_regency(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("centres:completeness"), {"province": "32", "regency": "32.16"})
    assert [name for name, _ in rows(response)] == ["BLKK Bekasi"]
    assert response.context["average"] == rows(response)[0][1]


@pytest.mark.parametrize("role", [Role.CENTRE_MANAGER, Role.FACILITATOR])
def test_other_roles_get_404(client: Client, centres: dict, role: str) -> None:
    client.force_login(make_user(role, centres=[centres["rich"]]))
    assert client.get(reverse("centres:completeness")).status_code == 404


def test_empty_set_has_no_average(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    assert client.get(reverse("centres:completeness")).context["average"] is None


# session, user, scope (2), filter value, count, average, province and regency options, rows, session save (3)
COMPLETENESS_QUERIES = 13


@pytest.mark.parametrize("count", [5, 60])
def test_fixed_number_of_queries(client: Client, django_assert_max_num_queries, count: int) -> None:
    for _ in range(count):
        centre_with_fields("tik", "menjahit", regency=regency("35.78"))
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    with django_assert_max_num_queries(COMPLETENESS_QUERIES):
        response = client.get(reverse("centres:completeness"), {"province": "35"})
    assert response.context["table"].paginator.count == count
