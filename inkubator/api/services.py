"""Writes of the API app: issuing personal API tokens (hashed, expiring: ``accounts.ApiToken``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from inkubator.accounts.models import ApiToken
from inkubator.accounts.services import api_token_create, api_token_revoke


@transaction.atomic
def api_token_issue(
    *, user: Any, rotate: bool = False, actor: Any = None, name: str = "", days: int | None = None
) -> tuple[ApiToken, bool]:
    """Issue a new token for ``user``; with ``rotate`` revoke the user's other tokens first.

    Returns ``(token, True)``; ``token.key`` holds the key for this call only (only its digest is
    stored, so an existing token can never be shown again). Audited by ``api_token_create``.
    """
    if rotate:
        for old in ApiToken.objects.filter(user=user):
            api_token_revoke(token=old, actor=actor)
    token, key = api_token_create(user=user, name=name or "manage.py api_token", days=days, actor=actor)
    token.key = key  # type: ignore[attr-defined]
    return token, True
