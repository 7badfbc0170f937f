"""Writes to user accounts: creation and scope, API tokens, two-factor devices; checked and audited."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from inkubator.centres.models import Centre
from inkubator.core.roles import Role, is_admin_role, is_ministry_admin
from inkubator.core.scoping import forget_scope, sees_everything, user_scope, working_area_q
from inkubator.partners.models import Partner
from inkubator.regions.models import Province, Regency

from .models import ApiToken, RecoveryCode, RecoveryCodeDevice, User, recovery_code_digest


def _check_scope(
    *,
    role: str,
    provinces: list[Province],
    regencies: list[Regency],
    centres: list[Centre],
    partner: Partner | None,
    venues: list[Any] = (),
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
    if role == Role.VENUE_STAFF and not venues:
        errors["venues"] = _("Venue staff work at one or more training venues.")
    elif role != Role.VENUE_STAFF and venues:
        errors["venues"] = _("Only venue staff are assigned training venues.")
    if errors:
        raise ValidationError(errors)


def _check_actor_scope(
    *,
    actor: Any,
    user: User | None,
    role: str,
    provinces: list[Province],
    regencies: list[Regency],
    centres: list[Centre],
    partner: Partner | None,
    venues: list[Any],
) -> None:
    """Who gives a user a role and a scope may give only what lies in their own scope, over both sides.

    ``actor`` None is the system (``adduser`` on the server, the demo): no check. A ministry admin
    may give anything. Anyone else must see the account being changed (``User.visible_to``), may not
    give a national or partner role, and only centres they see and provinces and regencies/cities of
    their own working area. Nothing is said about what lies outside, beyond that it is not theirs.
    """
    if actor is None or sees_everything(actor):
        return
    refused = _("You can only give roles and places within your own scope.")
    errors: dict[str, str] = {}
    if user is not None and user.pk and not User.objects.visible_to(actor).filter(pk=user.pk).exists():
        raise ValidationError(refused)
    if is_admin_role(role) or role == Role.PARTNER or partner is not None:
        errors["role"] = refused
    visible = set(Centre.objects.visible_to(actor).filter(pk__in=[c.pk for c in centres]).values_list("pk", flat=True))
    if any(c.pk not in visible for c in centres):
        errors["centres"] = refused
    if venues:
        model = type(venues[0])
        seen = set(model.objects.visible_to(actor).filter(pk__in=[v.pk for v in venues]).values_list("pk", flat=True))
        if any(v.pk not in seen for v in venues):
            errors["venues"] = refused
    area = working_area_q(actor)
    # A coordinator of some regencies of a province does not hand out the whole province.
    own_provinces = set(user_scope(actor).province_codes) if area is not None else set()
    if any(p.code not in own_provinces for p in provinces):
        errors["provinces"] = refused
    wanted = {r.pk for r in regencies}
    if wanted and (area is None or Regency.objects.filter(area, pk__in=wanted).count() != len(wanted)):
        errors["regencies"] = refused
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
    venues: Iterable[Any] = (),
    actor: Any = None,
) -> User:
    """Create a user with a role and its scope; the password must pass the password rules.

    ``actor`` (who creates it; None from the server's command line) gives only what lies in their
    own scope (``_check_actor_scope``); the new account, role and places are in the audit trail.
    """
    provinces, regencies, centres, venues = list(provinces), list(regencies), list(centres), list(venues)
    _check_scope(role=role, provinces=provinces, regencies=regencies, centres=centres, partner=partner, venues=venues)
    _check_actor_scope(
        actor=actor, user=None, role=role, provinces=provinces, regencies=regencies, centres=centres,
        partner=partner, venues=venues,
    )  # fmt: skip
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        partner=partner,
        is_staff=is_admin_role(role),
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    _save_with_scope(user, provinces=provinces, regencies=regencies, centres=centres, venues=venues)
    return user


def _save_with_scope(
    user: User, *, provinces: list[Province], regencies: list[Regency], centres: list[Centre], venues: list[Any] = ()
) -> None:
    """Validate and save the user, then set its scope relations (which need a saved user)."""
    user.full_clean()
    user.save()
    user.provinces.set(provinces)
    user.regencies.set(regencies)
    user.centres.set(centres)
    user.venues.set(venues)
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
    venues: Iterable[Any] = (),
    actor: Any = None,
) -> User:
    """Change a user's role and scope together, so that they never disagree.

    ``actor`` must see ``user`` and give only places of their own scope (``_check_actor_scope``);
    the change of role and of each place is in the audit trail (``m2m_fields`` in ``apps``).
    """
    provinces, regencies, centres, venues = list(provinces), list(regencies), list(centres), list(venues)
    _check_scope(role=role, provinces=provinces, regencies=regencies, centres=centres, partner=partner, venues=venues)
    _check_actor_scope(
        actor=actor, user=user, role=role, provinces=provinces, regencies=regencies, centres=centres,
        partner=partner, venues=venues,
    )  # fmt: skip
    user.role = role
    user.partner = partner
    user.is_staff = is_admin_role(role)
    _save_with_scope(user, provinces=provinces, regencies=regencies, centres=centres, venues=venues)
    return user


# API tokens -------------------------------------------------------------------------------------


def _token_audit(*, user: User, change: str, actor: Any) -> None:
    """The trail records tokens on their owner's account, by name: never a key or a digest."""
    LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes={"api_token": ["", change]}, actor=actor)


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int | None = None, actor: Any = None) -> tuple[ApiToken, str]:
    """Issue a personal API token; returns ``(token, key)``. The key is never stored: show it once.

    ``days`` defaults to ``API_TOKEN_DEFAULT_DAYS`` and is at most ``API_TOKEN_MAX_DAYS``.
    """
    name = (name or "").strip()
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    errors: dict[str, str] = {}
    if not user.is_active:
        errors["name"] = _("An inactive user cannot be given an API token.")
    if not name:
        errors["name"] = _("Give the token a name that says what uses it, e.g. “Provincial dashboard script”.")
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        errors["days"] = _("A token is valid for 1 to %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}
    if errors:
        raise ValidationError(errors)
    token, key = ApiToken.objects.create(
        user, expiry=timedelta(days=days), name=name, created_by=actor if actor is not None else user
    )
    token.full_clean()
    _token_audit(user=user, change=f"issued: {name} ({token.token_key}…)", actor=actor)
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Any) -> None:
    """Revoke a token at once: it is deleted, so the next request with its key answers 401."""
    _token_audit(user=token.user, change=f"revoked: {token.name} ({token.token_key}…)", actor=actor)
    token.delete()


@transaction.atomic
def api_tokens_revoke_all(*, user: User, actor: Any) -> int:
    """Revoke every token of ``user`` (e.g. when a key may have leaked); returns how many."""
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        api_token_revoke(token=token, actor=actor)
    return len(tokens)


def api_tokens_purge() -> int:
    """Delete every expired token (run by the daily retention task); returns how many."""
    deleted, _ = ApiToken.objects.filter(expiry__lte=timezone.now()).delete()
    return deleted


# Two-factor sign-in ------------------------------------------------------------------------------

RECOVERY_CODE_GROUPS = 5  # five groups of five base32 characters: 125 bits


def _two_factor_audit(*, user: User, change: tuple[str, str], actor: Any) -> None:
    LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes={"two_factor": list(change)}, actor=actor)


def _new_recovery_code() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(RECOVERY_CODE_GROUPS))


@transaction.atomic
def two_factor_begin(*, user: User) -> TOTPDevice:
    """The authenticator the user is setting up: an unconfirmed TOTP device with a fresh secret.

    Starting again replaces an unfinished one; a confirmed device stays until it is reset.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)


@transaction.atomic
def recovery_codes_renew(*, user: User, actor: Any = None) -> list[str]:
    """New recovery codes replacing the old ones; returned to be shown once (only digests are kept)."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name=str(_("Recovery codes")))
    codes = [_new_recovery_code() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=recovery_code_digest(c)) for c in codes])
    _two_factor_audit(user=user, change=("", "recovery codes renewed"), actor=actor if actor is not None else user)
    return codes


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Finish setting up: the first code from the app proves it holds the secret. Returns recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError({"code": _("This set-up has expired: start again.")})
    if not device.verify_token(str(code).strip().replace(" ", "")):
        raise ValidationError({"code": _("The code is wrong or has expired: type the 6 digits the app shows now.")})
    device.confirmed = True
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    _two_factor_audit(user=user, change=("", "enrolled"), actor=user)
    return recovery_codes_renew(user=user, actor=user)


@transaction.atomic
def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (a TOTP code or a recovery code), or None. A recovery code is
    used up and its use audited; django-otp slows down repeated wrong TOTP codes."""
    device = match_token(user, str(code).strip())
    if isinstance(device, RecoveryCodeDevice):
        _two_factor_audit(user=user, change=("", "signed in with a recovery code"), actor=user)
    return device


@transaction.atomic
def two_factor_reset(*, user: User, actor: User, reason: str) -> None:
    """A ministry admin removes someone's authenticator and recovery codes (a lost phone), with a reason.

    The person sets up a new authenticator at their next sign-in; their sessions verified with the old
    device are no longer verified. Nobody resets their own: another admin must.
    """
    reason = (reason or "").strip()
    if not is_ministry_admin(actor):
        raise ValidationError(_("Only a ministry administrator resets two-factor sign-in."))
    if actor.pk == user.pk:
        raise ValidationError({"reason": _("You cannot reset your own two-factor sign-in: ask another administrator.")})
    if len(reason) < 10:
        raise ValidationError({"reason": _("Say why (at least 10 characters), e.g. “phone lost, confirmed by call”.")})
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    _two_factor_audit(user=user, change=("enrolled", f"reset: {reason}"), actor=actor)


@transaction.atomic
def two_factor_enrol_known_secret(*, user: User, base32_secret: str) -> TOTPDevice:
    """Enrol ``user`` with a given secret: for the demo accounts only, whose secret is published."""
    TOTPDevice.objects.filter(user=user).delete()
    key = base64.b32decode(base32_secret).hex()
    device = TOTPDevice.objects.create(user=user, name=str(_("Demo authenticator")), key=key, confirmed=True)
    _two_factor_audit(user=user, change=("", "enrolled (demo secret)"), actor=None)
    return device
