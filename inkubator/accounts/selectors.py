"""Reads of the accounts app: who must use two-factor sign-in, their devices, tokens and users to manage."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from inkubator.core.roles import effective_role, is_ministry_admin

from .models import ApiToken, RecoveryCode, User


def two_factor_required(user: Any) -> bool:
    """Whether ``user``'s role must pass a second factor (``TWO_FACTOR_REQUIRED_ROLES``)."""
    role = effective_role(user)
    return role is not None and role in settings.TWO_FACTOR_REQUIRED_ROLES


def totp_device(user: Any, *, confirmed: bool = True) -> TOTPDevice | None:
    """The user's authenticator app (confirmed) or the one being set up (unconfirmed)."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def recovery_codes_left(user: Any) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


def api_tokens_of(*, user: Any, owner: Any) -> QuerySet[ApiToken]:
    """``owner``'s tokens, as ``user`` may see them (their own; a ministry admin anyone's)."""
    return ApiToken.objects.visible_to(user).filter(user=owner).order_by("-created")


def can_manage_security(user: Any) -> bool:
    """Ministry admins reset others' two-factor sign-in and see and revoke every token."""
    return is_ministry_admin(user)


def user_search(users: QuerySet[User], query: str) -> QuerySet[User]:
    """``users`` whose username or name contains ``query`` (all of them for an empty one)."""
    if not query:
        return users
    return users.filter(Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query))


def users_security(*, user: Any, query: str = "") -> QuerySet[User]:
    """Users with their two-factor state and token count, for a ministry admin (none for others)."""
    users = User.objects.visible_to(user) if can_manage_security(user) else User.objects.none()
    return (
        user_search(users, query)
        .annotate(
            has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            token_count=Count("auth_token_set", distinct=True),
        )
        .order_by("username")
    )
