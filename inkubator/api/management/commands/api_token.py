"""``manage.py api_token USERNAME [--name NAME] [--days N] [--rotate]``: issue an API token and print its key once.

Use the key as ``Authorization: Token <key>``. Only a digest of the key is stored, so it cannot be
shown again: keep it, or issue another. ``--rotate`` first revokes the user's other tokens (they stop
working at once). Tokens expire after ``--days`` (default ``API_TOKEN_DEFAULT_DAYS``, 90) and are
listed and revoked on the account's security page. Issuing is recorded in the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkubator.api.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key (shown once; Authorization: Token <key>)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for (listed on the security page)")
        parser.add_argument("--days", type=int, default=None, help="days until it expires (default 90)")
        parser.add_argument("--rotate", action="store_true", help="revoke the user's other tokens first")

    def handle(self, *args: Any, **opts: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(username=opts["username"])
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Unknown user: {opts['username']}") from exc
        try:
            token, _ = api_token_issue(user=user, rotate=opts["rotate"], name=opts["name"], days=opts["days"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(
            f"Issued API token {token.name!r} for {user.username}, valid until {token.expiry:%Y-%m-%d}. "
            "The key is shown only now."
        )
        self.stdout.write(token.key)
