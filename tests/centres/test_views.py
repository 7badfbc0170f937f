"""Centre profile: scoped, and 404 outside the scope (the list is tested in test_list.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bekasi_and_surabaya():
    return (
        CentreFactory(name="BLK Komunitas Bekasi", regency=Regency.objects.get(code="32.16")),
        CentreFactory(name="BLK Komunitas Surabaya", regency=Regency.objects.get(code="35.78")),
    )


def test_detail_in_scope(client: Client, bekasi_and_surabaya) -> None:
    bekasi, _ = bekasi_and_surabaya
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    response = client.get(reverse("centres:detail", args=[bekasi.code]))
    assert response.status_code == 200
    assert "Kabupaten Bekasi" in response.content.decode()


@pytest.mark.parametrize(
    "scope",
    [
        {"role": Role.REGIONAL_COORDINATOR, "provinces": ["32"]},
        {"role": Role.FACILITATOR, "centres": "bekasi"},
        {"role": Role.CENTRE_MANAGER, "centres": "bekasi"},
        {"role": Role.ENTREPRENEUR},
    ],
)
def test_detail_of_another_region_or_centre_is_404(client: Client, bekasi_and_surabaya, scope: dict) -> None:
    bekasi, surabaya = bekasi_and_surabaya
    role = scope.pop("role")
    if scope.get("centres") == "bekasi":
        scope["centres"] = [bekasi]
    client.force_login(make_user(role, **scope))
    assert client.get(reverse("centres:detail", args=[surabaya.code])).status_code == 404
