"""``manage.py api_token USERNAME``: issues a token and prints its key once; ``--rotate`` revokes the others."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from inkubator.accounts.models import ApiToken
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_prints_a_new_key_that_works_and_is_not_stored(client: Client, bekasi) -> None:
    user = make_user(Role.CENTRE_MANAGER, centres=[bekasi], username="pengelola")
    key = run("pengelola", "--name", "Skrip rekap")
    token = ApiToken.objects.get(user=user)
    assert key.startswith("ink_") and token.name == "Skrip rekap"
    assert not ApiToken.objects.filter(digest=key).exists() and key not in token.digest
    response = client.get(reverse("api:centre-detail", args=[bekasi.code]), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert run("pengelola") != key  # a key cannot be shown again: each run issues a new one
    assert ApiToken.objects.filter(user=user).count() == 2


def test_rotate_revokes_the_others(client: Client) -> None:
    make_user(Role.MINISTRY_ADMIN, username="admin1")
    old = run("admin1")
    new = run("admin1", "--rotate")
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {old}"}).status_code == 401
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {new}"}).status_code == 200


def test_days_bound_the_expiry() -> None:
    make_user(Role.MINISTRY_ADMIN, username="admin3")
    run("admin3", "--days", "7")
    token = ApiToken.objects.get(user__username="admin3")
    assert round((token.expiry - token.created).total_seconds() / 86400) == 7
    with pytest.raises(CommandError, match="1 sampai 365 hari"):
        run("admin3", "--days", "999")


def test_issue_is_audited_without_the_key() -> None:
    user = make_user(Role.MINISTRY_ADMIN, username="admin2")
    key = run("admin2", "--name", "Dasbor")
    run("admin2", "--rotate", "--name", "Dasbor 2")
    changes = [e.changes["api_token"][1] for e in LogEntry.objects.get_for_object(user).order_by("pk")
               if "api_token" in (e.changes or {})]  # fmt: skip
    assert [c.split(" (")[0] for c in changes] == ["issued: Dasbor", "revoked: Dasbor", "issued: Dasbor 2"]
    assert not LogEntry.objects.filter(changes__icontains=key).exists()
    assert not LogEntry.objects.filter(changes__icontains=key[15:]).exists()


def test_unknown_user() -> None:
    with pytest.raises(CommandError, match="Unknown user"):
        run("nobody")


def test_inactive_user_gets_no_token() -> None:
    user = make_user(Role.MINISTRY_ADMIN, username="gone")
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="tidak aktif"):
        run("gone")
    assert not ApiToken.objects.filter(user=user).exists()
