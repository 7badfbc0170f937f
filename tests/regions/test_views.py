"""The region search page: who sees it and what it shows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.accounts.models import User
from inkubator.core.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions_loaded")]


def _login(client: Client, role: str) -> None:
    user = User.objects.create_user(username=f"user-{role}", password="Regions-test-123", role=role)
    client.force_login(user)


@pytest.mark.parametrize("role", [Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR])
def test_search_finds_the_regency(client: Client, role: str) -> None:
    _login(client, role)
    response = client.get(reverse("regions:search"), {"q": "Kab. Bekasi"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kabupaten Bekasi" in body and "32.16" in body
    assert "Cikarang Pusat" in body  # one of its districts


def test_province_lists_its_regencies(client: Client) -> None:
    _login(client, Role.MINISTRY_ADMIN)
    body = client.get(reverse("regions:search"), {"q": "Jabar"}).content.decode()
    assert "Jawa Barat" in body
    assert "Kabupaten Bekasi" in body and "Kota Bekasi" in body and "32.79" in body


def test_ambiguous_name_shows_candidates(client: Client) -> None:
    _login(client, Role.MINISTRY_ADMIN)
    body = client.get(reverse("regions:search"), {"q": "Bekasi"}).content.decode()
    assert 'data-testid="region-candidates"' in body
    assert "Kabupaten Bekasi" in body and "Kota Bekasi" in body


def test_empty_form(client: Client) -> None:
    _login(client, Role.MINISTRY_ADMIN)
    assert client.get(reverse("regions:search")).status_code == 200


@pytest.mark.parametrize("role", [Role.CENTRE_MANAGER, Role.FACILITATOR, Role.ENTREPRENEUR, Role.PARTNER])
def test_other_roles_get_404(client: Client, role: str) -> None:
    _login(client, role)
    assert client.get(reverse("regions:search"), {"q": "Kab. Bekasi"}).status_code == 404


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("regions:search"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
