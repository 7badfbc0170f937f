"""API v1 serves exactly what the pages serve: each role's scope, 404 outside it, by session and token.

Every test runs twice, through ``auth``: once signed in by session, once by token.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from inkubator.centres.models import VocationalField
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, PartnerFactory, make_user

from .conftest import codes

pytestmark = pytest.mark.django_db

CENTRES = reverse("api:centre-list")
HOSTS = reverse("api:host-institution-list")
FIELDS = reverse("api:vocational-field-list")


def centre_url(centre) -> str:
    return reverse("api:centre-detail", args=[centre.code])


def host_url(centre) -> str:
    return reverse("api:host-institution-detail", args=[centre.host_id])


def host_ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_ministry_admin_sees_all(api_client, bekasi, surabaya) -> None:
    client = api_client(make_user(Role.MINISTRY_ADMIN))
    assert codes(client.get(CENTRES)) == [bekasi.code, surabaya.code]
    assert client.get(centre_url(surabaya)).status_code == 200
    assert host_ids(client.get(HOSTS)) == {bekasi.host_id, surabaya.host_id}


def test_coordinator_of_jawa_timur_sees_only_jawa_timur(api_client, bekasi, surabaya) -> None:
    client = api_client(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    assert codes(client.get(CENTRES)) == [surabaya.code]
    assert client.get(centre_url(surabaya)).status_code == 200
    assert client.get(centre_url(bekasi)).status_code == 404
    assert host_ids(client.get(HOSTS)) == {surabaya.host_id}
    assert client.get(host_url(bekasi)).status_code == 404
    # A filter cannot widen the scope.
    assert codes(client.get(CENTRES, {"province": "32"})) == []


def test_coordinator_of_a_regency(api_client, bekasi, surabaya) -> None:
    client = api_client(make_user(Role.REGIONAL_COORDINATOR, regencies=["32.16"]))
    assert codes(client.get(CENTRES)) == [bekasi.code]
    assert client.get(centre_url(surabaya)).status_code == 404


def test_manager_of_a_gets_404_on_b(api_client, bekasi, surabaya) -> None:
    neighbour = CentreFactory(code="BLKK-3216-002", regency=Regency.objects.get(code="32.16"))
    client = api_client(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    assert codes(client.get(CENTRES)) == [bekasi.code]
    assert client.get(centre_url(bekasi)).status_code == 200
    # Another centre, in the same regency or elsewhere, answers as if it did not exist.
    for other in (neighbour, surabaya):
        response = client.get(centre_url(other))
        assert response.status_code == 404
        assert other.name not in response.content.decode()
        assert client.get(host_url(other)).status_code == 404
    assert host_ids(client.get(HOSTS)) == {bekasi.host_id}


def test_facilitator_sees_assigned_centres(api_client, bekasi, surabaya) -> None:
    unassigned = CentreFactory(code="BLKK-3216-009", regency=Regency.objects.get(code="32.16"))
    client = api_client(make_user(Role.FACILITATOR, centres=[bekasi, surabaya]))
    assert codes(client.get(CENTRES)) == [bekasi.code, surabaya.code]
    assert client.get(centre_url(unassigned)).status_code == 404
    assert host_ids(client.get(HOSTS)) == {bekasi.host_id, surabaya.host_id}


@pytest.mark.parametrize("role", [Role.ENTREPRENEUR, Role.PARTNER])
def test_entrepreneur_and_partner_see_no_centres(api_client, bekasi, surabaya, role: str) -> None:
    scope = {"partner": PartnerFactory()} if role == Role.PARTNER else {}
    client = api_client(make_user(role, **scope))
    response = client.get(CENTRES)
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert client.get(centre_url(bekasi)).status_code == 404
    assert host_ids(client.get(HOSTS)) == set()
    assert client.get(host_url(bekasi)).status_code == 404


@pytest.mark.parametrize(
    "scope",
    [
        {"role": Role.MINISTRY_ADMIN},
        {"role": Role.REGIONAL_COORDINATOR, "provinces": ["35"]},
        {"role": Role.FACILITATOR},
        {"role": Role.ENTREPRENEUR},
        {"role": Role.PARTNER},
    ],
)
def test_vocational_fields_visible_to_every_signed_in_user(api_client, scope: dict) -> None:
    scope = dict(scope)  # the parameter is shared between the session and token runs
    role = scope.pop("role")
    if role == Role.PARTNER:
        scope["partner"] = PartnerFactory()
    client = api_client(make_user(role, **scope))
    response = client.get(FIELDS, {"page_size": 200})
    assert response.status_code == 200
    assert response.json()["count"] == VocationalField.objects.count() > 0
    assert client.get(reverse("api:vocational-field-detail", args=["tik"])).status_code == 200


def test_centre_manager_gets_fields_too(api_client, bekasi) -> None:
    client = api_client(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    assert client.get(FIELDS).json()["count"] == VocationalField.objects.count()


def test_unknown_code_is_404_like_out_of_scope(api_client, bekasi) -> None:
    client = api_client(make_user(Role.MINISTRY_ADMIN))
    assert client.get(reverse("api:centre-detail", args=["NO-SUCH-CODE"])).status_code == 404
    assert client.get(reverse("api:vocational-field-detail", args=["no-such-field"])).status_code == 404
