"""Authentication of API v1: no data without credentials; 401 with a challenge, never 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.api.services import api_token_issue
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

URLS = [
    ("api:centre-list", []),
    ("api:centre-detail", ["BLKK-3216-001"]),
    ("api:host-institution-list", []),
    ("api:vocational-field-list", []),
    ("api:vocational-field-detail", ["tik"]),
    ("api:schema", []),
]


@pytest.mark.parametrize(("name", "args"), URLS)
def test_anonymous_gets_401_with_challenge(client: Client, bekasi, name: str, args: list[str]) -> None:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "results" not in response.content.decode()


@pytest.mark.parametrize("header", ["Token not-a-key", "Token ", "Bearer abc", "Token a b"])
def test_bad_token_gets_401(client: Client, bekasi, header: str) -> None:
    response = client.get(reverse("api:centre-list"), headers={"Authorization": header})
    assert response.status_code == 401
    assert "BLKK-3216-001" not in response.content.decode()


def test_token_of_deactivated_user_gets_401(client: Client, bekasi) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    token, _ = api_token_issue(user=user)
    user.is_active = False
    user.save()
    response = client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 401


def test_answers_are_not_stored_by_caches(client: Client, bekasi) -> None:
    token, _ = api_token_issue(user=make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_session_and_token_both_work(client: Client, bekasi) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    token, _ = api_token_issue(user=user)
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {token.key}"}).status_code == 200
    client.force_login(user)
    assert client.get(reverse("api:centre-list")).status_code == 200


def test_read_only(client: Client, bekasi) -> None:
    token, _ = api_token_issue(user=make_user(Role.MINISTRY_ADMIN))
    headers = {"Authorization": f"Token {token.key}"}
    assert client.post(reverse("api:centre-list"), {}, headers=headers).status_code == 405
    detail = reverse("api:centre-detail", args=[bekasi.code])
    assert client.delete(detail, headers=headers).status_code == 405


def test_session_of_deactivated_user_gets_401(client: Client, bekasi) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    client.force_login(user)
    assert client.get(reverse("api:centre-list")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("api:centre-list")).status_code == 401
