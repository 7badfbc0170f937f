"""``manage.py adduser`` creates scoped users for operators; the password comes from the environment."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from inkubator.accounts.models import User
from inkubator.core.roles import Role
from tests.factories import PASSWORD, CentreFactory

pytestmark = pytest.mark.django_db


def test_adds_a_coordinator_with_provinces_and_regencies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKUBATOR_PASSWORD", PASSWORD)
    call_command("adduser", "korwil.jabar", "--role", "regional_coordinator", "--province", "32", "--regency", "35.78")
    user = User.objects.get(username="korwil.jabar")
    assert user.role == Role.REGIONAL_COORDINATOR
    assert list(user.provinces.values_list("code", flat=True)) == ["32"]
    assert list(user.regencies.values_list("code", flat=True)) == ["35.78"]
    assert user.check_password(PASSWORD)


def test_adds_a_centre_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    centre = CentreFactory()
    monkeypatch.setenv("INKUBATOR_PASSWORD", PASSWORD)
    call_command("adduser", "pengelola1", "--role", "centre_manager", "--centre", centre.code)
    assert list(User.objects.get(username="pengelola1").centres.all()) == [centre]


def test_refuses_without_password_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INKUBATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="INKUBATOR_PASSWORD"):
        call_command("adduser", "x", "--role", "ministry_admin")


def test_refuses_unknown_codes_and_wrong_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKUBATOR_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="99"):
        call_command("adduser", "x", "--role", "regional_coordinator", "--province", "99")
    with pytest.raises(CommandError, match="centres"):
        call_command("adduser", "y", "--role", "centre_manager")
    assert not User.objects.filter(username__in=["x", "y"]).exists()


def test_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKUBATOR_PASSWORD", "pendek")
    with pytest.raises(CommandError, match="password"):
        call_command("adduser", "z", "--role", "ministry_admin")
