"""``manage.py api_token USERNAME``: prints the user's key, issuing one once; ``--rotate`` replaces it."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_prints_key_and_issues_once(client: Client, bekasi) -> None:
    user = make_user(Role.CENTRE_MANAGER, centres=[bekasi], username="pengelola")
    key = run("pengelola")
    assert key == Token.objects.get(user=user).key and len(key) == 40
    assert run("pengelola") == key
    response = client.get(reverse("api:centre-detail", args=[bekasi.code]), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200


def test_rotate_replaces_key(client: Client) -> None:
    make_user(Role.MINISTRY_ADMIN, username="admin1")
    old = run("admin1")
    new = run("admin1", "--rotate")
    assert new != old
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {old}"}).status_code == 401
    assert client.get(reverse("api:centre-list"), headers={"Authorization": f"Token {new}"}).status_code == 200


def test_issue_is_audited_without_the_key() -> None:
    user = make_user(Role.MINISTRY_ADMIN, username="admin2")
    key = run("admin2")
    run("admin2")  # no new key, no new entry
    run("admin2", "--rotate")
    entries = LogEntry.objects.get_for_object(user).filter(changes__has_key="api_token")
    assert [e.changes["api_token"] for e in entries.order_by("pk")] == [["", "issued"], ["issued", "rotated"]]
    assert not LogEntry.objects.filter(object_repr__contains=key).exists()
    assert not LogEntry.objects.filter(object_pk=key).exists()


def test_unknown_user() -> None:
    with pytest.raises(CommandError, match="Unknown user"):
        run("nobody")


def test_inactive_user_gets_no_token() -> None:
    user = make_user(Role.MINISTRY_ADMIN, username="gone")
    user.is_active = False
    user.save()
    with pytest.raises(CommandError):
        run("gone")
    assert not Token.objects.filter(user=user).exists()
