"""Users are created with exactly the scope their role carries, and strong passwords."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from inkubator.accounts.services import user_create
from inkubator.core.roles import Role
from tests.factories import CentreFactory, PartnerFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "scope", "field"),
    [
        (Role.REGIONAL_COORDINATOR, {}, "provinces"),
        (Role.CENTRE_MANAGER, {}, "centres"),
        (Role.PARTNER, {}, "partner"),
        (Role.MINISTRY_ADMIN, {"provinces": ["32"]}, "provinces"),
        (Role.ENTREPRENEUR, {"centres": "one"}, "centres"),
    ],
)
def test_role_and_scope_must_agree(role: str, scope: dict, field: str) -> None:
    if scope.get("centres") == "one":
        scope = {"centres": [CentreFactory()]}
    with pytest.raises(ValidationError, match=f"'{field}'") as exc:
        make_user(role, **scope)
    assert field in exc.value.message_dict


def test_centre_manager_has_exactly_one_centre() -> None:
    with pytest.raises(ValidationError, match="Pengelola BLKK mengelola tepat satu BLK Komunitas"):
        make_user(Role.CENTRE_MANAGER, centres=[CentreFactory(), CentreFactory()])
    assert make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]).centres.count() == 1


@pytest.mark.parametrize("password", ["short1!", "alllettersonly", "1234567890123", "password123"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="Kata sandi"):
        user_create(username="lemah", password=password, role=Role.ENTREPRENEUR)


def test_only_ministry_admins_are_staff() -> None:
    assert make_user(Role.MINISTRY_ADMIN).is_staff
    assert not make_user(Role.PARTNER, partner=PartnerFactory()).is_staff
