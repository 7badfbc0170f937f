"""Options of the dependent region selects (htmx): children of a parent, scoped on request."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db
URL = "regions:options"


def codes(response) -> list[str]:  # noqa: ANN001
    assert response.status_code == 200
    return [code for code in re.findall(r'value="([^"]*)"', response.content.decode()) if code]


@pytest.fixture
def admin(client: Client) -> Client:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    return client


def test_regencies_of_a_province_by_parent_or_by_the_select_name(admin: Client) -> None:
    by_parent = codes(admin.get(reverse(URL), {"level": "regency", "parent": "32"}))
    assert "32.16" in by_parent and "32.75" in by_parent and all(c.startswith("32.") for c in by_parent)
    assert codes(admin.get(reverse(URL), {"level": "regency", "province": "32"})) == by_parent


def test_districts_and_villages(admin: Client) -> None:
    districts = codes(admin.get(reverse(URL), {"level": "district", "regency": "32.16"}))
    assert districts and all(c.startswith("32.16.") for c in districts)
    villages = codes(admin.get(reverse(URL), {"level": "village", "district": districts[0]}))
    assert villages and all(c.startswith(f"{districts[0]}.") for c in villages)


def test_the_current_value_stays_selected(admin: Client) -> None:
    body = admin.get(reverse(URL), {"level": "regency", "province": "32", "regency": "32.16"}).content.decode()
    assert '<option value="32.16" selected>' in body


def test_no_parent_resets_the_select(admin: Client) -> None:
    response = admin.get(reverse(URL), {"level": "district", "regency": ""})
    assert codes(response) == [] and "<option" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"level": "city", "parent": "32"}, {"level": "district", "parent": "32"}, {"level": "regency", "parent": "x"}],
)
def test_bad_requests(admin: Client, query: dict) -> None:
    assert admin.get(reverse(URL), query).status_code == 400


def test_unknown_parent_is_404(admin: Client) -> None:
    assert admin.get(reverse(URL), {"level": "regency", "parent": "99"}).status_code == 404


def test_scoped_options_of_a_coordinator(client: Client) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"], regencies=["32.16"]))
    assert sorted(codes(client.get(reverse(URL), {"level": "province", "scoped": "1"}))) == ["32", "35"]
    # A province holding only one of the coordinator's regencies offers just that one.
    assert codes(client.get(reverse(URL), {"level": "regency", "province": "32", "scoped": "1"})) == ["32.16"]
    assert "35.78" in codes(client.get(reverse(URL), {"level": "regency", "province": "35", "scoped": "1"}))
    assert codes(client.get(reverse(URL), {"level": "district", "regency": "32.16", "scoped": "1"}))
    # Without scoped=1 regions are public reference data.
    assert "32.75" in codes(client.get(reverse(URL), {"level": "regency", "province": "32"}))


def test_scoped_parent_of_another_region_is_404(client: Client) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    assert client.get(reverse(URL), {"level": "regency", "province": "53", "scoped": "1"}).status_code == 404
    assert client.get(reverse(URL), {"level": "district", "regency": "32.16", "scoped": "1"}).status_code == 404


def test_manager_gets_unscoped_public_options(client: Client) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]))
    assert "53.71" in codes(client.get(reverse(URL), {"level": "regency", "province": "53", "scoped": "1"}))


def test_anonymous_is_sent_to_login(client: Client) -> None:
    assert client.get(reverse(URL), {"level": "province"}).status_code == 302
