"""Hashed, expiring API tokens: expired and revoked tokens answer 401; last use recorded; old clear keys migrated."""

from __future__ import annotations

import datetime
import hashlib
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.accounts.models import ApiToken
from inkubator.accounts.services import api_token_create, api_token_revoke
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db
LIST = "api:centre-list"


def get(client: Client, key: str) -> int:
    return client.get(reverse(LIST), headers={"Authorization": f"Token {key}"}).status_code


def test_only_a_digest_is_stored(client: Client) -> None:
    token, key = api_token_create(user=make_user(Role.MINISTRY_ADMIN), name="Skrip")
    row = ApiToken.objects.get()
    assert row.digest == hashlib.sha512(key.encode()).hexdigest() and row.token_key == key[:15]
    assert key not in str(ApiToken.objects.values().get())
    assert round((token.expiry - token.created).total_seconds() / 86400) == 90  # API_TOKEN_DEFAULT_DAYS
    assert get(client, key) == 200


def test_expired_token_gets_401(client: Client) -> None:
    token, key = api_token_create(user=make_user(Role.MINISTRY_ADMIN), name="Lama", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert get(client, key) == 401


def test_a_400_day_old_token_no_longer_works(client: Client) -> None:
    token, key = api_token_create(user=make_user(Role.MINISTRY_ADMIN), name="Tua", days=365)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    ApiToken.objects.filter(pk=token.pk).update(created=long_ago, expiry=long_ago + datetime.timedelta(days=365))
    assert get(client, key) == 401


def test_revoked_token_gets_401(client: Client) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    token, key = api_token_create(user=user, name="Dicabut")
    assert get(client, key) == 200
    api_token_revoke(token=token, actor=user)
    assert get(client, key) == 401


def test_last_use_is_recorded(client: Client) -> None:
    token, key = api_token_create(user=make_user(Role.MINISTRY_ADMIN), name="Dipakai")
    assert token.last_used_at is None
    get(client, key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_clear_keys_of_before_are_hashed_and_keep_working(client: Client) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    key = "0123456789abcdef0123456789abcdef01234567"  # a DRF authtoken key: 40 hex characters
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, created timestamp)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [key, user.pk, timezone.now()])
    migration = import_module("inkubator.accounts.migrations.0003_hash_clear_tokens")
    migration.hash_clear_tokens(apps, SimpleNamespace(connection=connection))  # it only reads the connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE authtoken_token")
    token = ApiToken.objects.get(user=user)
    assert token.name == migration.MIGRATED_NAME and token.expiry is not None
    assert get(client, key) == 200
