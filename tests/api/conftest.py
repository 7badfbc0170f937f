"""Fixtures of the API tests: two centres in two provinces and a client that signs in either way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from inkubator.api.services import api_token_issue
from inkubator.regions.models import Regency
from tests.factories import CentreFactory

AUTH_METHODS = ("session", "token")


@pytest.fixture
def bekasi(db: None) -> Any:
    """A centre in Kabupaten Bekasi (Jawa Barat, 32)."""
    return CentreFactory(code="BLKK-3216-001", name="BLK Komunitas Bekasi", regency=Regency.objects.get(code="32.16"))


@pytest.fixture
def surabaya(db: None) -> Any:
    """A centre in Kota Surabaya (Jawa Timur, 35)."""
    return CentreFactory(code="BLKK-3578-001", name="BLK Komunitas Surabaya", regency=Regency.objects.get(code="35.78"))


@pytest.fixture(params=AUTH_METHODS)
def auth(request: pytest.FixtureRequest) -> str:
    """Run the test once with the web session and once with a token."""
    return request.param


@pytest.fixture
def api_client(auth: str) -> Callable[[Any], Client]:
    """``api_client(user)``: a client signed in as ``user`` by session or by ``Authorization: Token``."""

    def make(user: Any) -> Client:
        if auth == "session":
            client = Client()
            client.force_login(user)
            return client
        token, _ = api_token_issue(user=user)
        return Client(headers={"Authorization": f"Token {token.key}"})

    return make


def codes(response: Any) -> list[str]:
    """The centre codes of a list answer, in order."""
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]
