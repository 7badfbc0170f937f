"""Each role lands on its own home with its own figures."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, PartnerFactory, make_user

pytestmark = pytest.mark.django_db


def test_every_role_has_its_own_home(client: Client) -> None:
    bekasi = CentreFactory(name="BLK Komunitas Rumah")
    CentreFactory(regency=Regency.objects.get(code="35.78"))
    partner = PartnerFactory(name="PT Mitra Rumah")
    homes = {
        Role.MINISTRY_ADMIN: ({}, "dashboards/home_ministry_admin.html", "2"),
        Role.REGIONAL_COORDINATOR: ({"provinces": ["32"]}, "dashboards/home_regional_coordinator.html", "1"),
        Role.FACILITATOR: ({"centres": [bekasi]}, "dashboards/home_facilitator.html", "1"),
        Role.CENTRE_MANAGER: ({"centres": [bekasi]}, "dashboards/home_centre_manager.html", "BLK Komunitas Rumah"),
        Role.ENTREPRENEUR: ({}, "dashboards/home_entrepreneur.html", "Usaha saya"),
        Role.PARTNER: ({"partner": partner}, "dashboards/home_partner.html", "PT Mitra Rumah"),
    }
    for role, (scope, template, expected) in homes.items():
        client.force_login(make_user(role, **scope))
        response = client.get(reverse("dashboards:home"))
        assert response.status_code == 200, role
        assert template in [t.name for t in response.templates], role
        assert expected in response.content.decode(), role


def test_menu_follows_the_role(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    assert reverse("audit:list") in client.get("/").content.decode()
    client.force_login(make_user(Role.ENTREPRENEUR))
    body = client.get("/").content.decode()
    assert reverse("audit:list") not in body
    assert reverse("centres:list") not in body


def test_an_entrepreneur_with_a_business_is_offered_the_monthly_report(client: Client) -> None:
    from tests.incubation.factories import make_tenant

    user = make_user(Role.ENTREPRENEUR)
    tenant = make_tenant(entrepreneur=user)
    client.force_login(user)
    body = client.get(reverse("dashboards:home")).content.decode()
    assert tenant.business.name in body
    assert reverse("incubation:report_create", args=[tenant.pk]) in body
    assert client.get(reverse("incubation:report_create", args=[tenant.pk])).status_code == 200
