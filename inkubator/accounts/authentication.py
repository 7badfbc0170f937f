"""API authentication by personal token: django-rest-knox, plus the time each token was last used."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication

from .models import ApiToken

# "Last used" is written at most once a minute per token, so that a busy script does not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``: a hashed, expiring ``ApiToken`` (401 when unknown, expired or revoked)."""

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        """Refuse (and delete) this token when expired. knox also scans all the owner's other tokens
        here, a query on every request; expired tokens of others are removed by ``api_tokens_purge``
        in the daily retention task instead."""
        if auth_token.is_expired:
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token: ApiToken) -> tuple[Any, ApiToken]:
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema documents the token: ``Authorization: Token <key>``."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")  # noqa: S106
