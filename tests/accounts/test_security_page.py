"""The account security page: a user's own API tokens (made, shown once, listed, revoked); admins see anyone's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.accounts.models import ApiToken
from inkubator.accounts.services import api_token_create
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db
PAGE = reverse("accounts:security")


def test_owner_makes_lists_and_revokes_a_token(client: Client) -> None:
    user = make_user(Role.ENTREPRENEUR)
    client.force_login(user)
    response = client.post(PAGE, {"action": "token", "name": "Skrip laporan", "days": "30"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Skrip laporan"
    page = client.get(PAGE).content.decode()
    assert "Skrip laporan" in page and key not in page  # shown once
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {key}"}).status_code == 200
    client.post(PAGE, {"action": "revoke", "token": token.digest})
    assert not ApiToken.objects.exists()
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {key}"}).status_code == 401


def test_a_bad_token_form_names_the_field(client: Client) -> None:
    client.force_login(make_user(Role.ENTREPRENEUR))
    response = client.post(PAGE, {"action": "token", "name": "", "days": "999"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "days"}


def test_another_users_token_cannot_be_revoked_there(client: Client) -> None:
    token, _ = api_token_create(user=make_user(Role.ENTREPRENEUR), name="Milik orang lain")
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.post(PAGE, {"action": "revoke", "token": token.digest}).status_code == 404
    assert "Milik orang lain" not in client.get(PAGE).content.decode()
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_ministry_admin_lists_and_revokes_anyones_token(client: Client) -> None:
    owner = make_user(Role.ENTREPRENEUR)
    token, _ = api_token_create(user=owner, name="Skrip mitra")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    url = reverse("accounts:user_security", args=[owner.pk])
    assert "Skrip mitra" in client.get(url).content.decode()
    assert client.post(url, {"action": "revoke", "token": token.digest}).status_code == 302
    assert not ApiToken.objects.exists()
