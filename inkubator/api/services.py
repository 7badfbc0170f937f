"""Writes of the API app: issuing personal API tokens (DRF ``TokenAuthentication``)."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token


@transaction.atomic
def api_token_issue(*, user: Any, rotate: bool = False, actor: Any = None) -> tuple[Token, bool]:
    """Return ``user``'s API token, creating it if there is none; with ``rotate`` replace it.

    Returns ``(token, issued)`` where ``issued`` tells whether a new key was made. A new key is
    recorded in the audit trail against the user (never the key itself: it is the token's primary key,
    which is why ``Token`` is not registered with django-auditlog). Inactive users get no token.
    """
    if not user.is_active:
        raise ValidationError(_("An inactive user cannot be given an API token."))
    existing = Token.objects.filter(user=user).first()
    if existing is not None and not rotate:
        return existing, False
    if existing is not None:
        existing.delete()
    token = Token.objects.create(user=user)
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={"api_token": ["issued" if existing else "", "rotated" if existing else "issued"]},
        actor=actor,
    )
    return token, True
