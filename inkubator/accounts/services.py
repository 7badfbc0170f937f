"""Writes to user accounts: creation and scope, checked and audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.core.scoping import forget_scope
from inkubator.partners.models import Partner
from inkubator.regions.models import Province, Regency

from .models import User


def _check_scope(
    *,
    role: str,
    provinces: list[Province],
    regencies: list[Regency],
    centres: list[Centre],
    partner: Partner | None,
) -> None:
    """Each role carries exactly the kind of scope it is bounded by."""
    errors: dict[str, str] = {}
    if role == Role.REGIONAL_COORDINATOR:
        if not provinces and not regencies:
            errors["provinces"] = _("A regional coordinator needs at least one province or regency/city.")
    elif provinces or regencies:
        errors["provinces"] = _("Only regional coordinators have provinces or regencies/cities in scope.")
    if role == Role.CENTRE_MANAGER and len(centres) != 1:
        errors["centres"] = _("A centre manager manages exactly one centre.")
    elif role not in (Role.CENTRE_MANAGER, Role.FACILITATOR) and centres:
        errors["centres"] = _("Only facilitators and centre managers are assigned centres.")
    if role == Role.PARTNER and partner is None:
        errors["partner"] = _("A partner user belongs to a partner organisation.")
    elif role != Role.PARTNER and partner is not None:
        errors["partner"] = _("Only partner users belong to a partner organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    provinces: Iterable[Province] = (),
    regencies: Iterable[Regency] = (),
    centres: Iterable[Centre] = (),
    partner: Partner | None = None,
) -> User:
    """Create a user with a role and its scope; the password must pass the password rules."""
    provinces, regencies, centres = list(provinces), list(regencies), list(centres)
    _check_scope(role=role, provinces=provinces, regencies=regencies, centres=centres, partner=partner)
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        partner=partner,
        is_staff=role == Role.MINISTRY_ADMIN,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    _save_with_scope(user, provinces=provinces, regencies=regencies, centres=centres)
    return user


def _save_with_scope(user: User, *, provinces: list[Province], regencies: list[Regency], centres: list[Centre]) -> None:
    """Validate and save the user, then set its scope relations (which need a saved user)."""
    user.full_clean()
    user.save()
    user.provinces.set(provinces)
    user.regencies.set(regencies)
    user.centres.set(centres)
    forget_scope(user)


@transaction.atomic
def user_set_scope(
    *,
    user: User,
    role: str,
    provinces: Iterable[Province] = (),
    regencies: Iterable[Regency] = (),
    centres: Iterable[Centre] = (),
    partner: Partner | None = None,
) -> User:
    """Change a user's role and scope together, so that they never disagree."""
    provinces, regencies, centres = list(provinces), list(regencies), list(centres)
    _check_scope(role=role, provinces=provinces, regencies=regencies, centres=centres, partner=partner)
    user.role = role
    user.partner = partner
    user.is_staff = role == Role.MINISTRY_ADMIN
    _save_with_scope(user, provinces=provinces, regencies=regencies, centres=centres)
    return user
