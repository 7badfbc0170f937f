"""``manage.py api_token USERNAME [--rotate]``: print the user's API token, issuing one if needed.

Use the key as ``Authorization: Token <key>``. ``--rotate`` replaces the key (the old one stops
working at once). Issuing is recorded in the audit trail; the key itself is printed only here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkubator.api.services import api_token_issue


class Command(BaseCommand):
    help = "Print a user's API token (Authorization: Token <key>), issuing one if the user has none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="replace the existing key with a new one")

    def handle(self, *args: Any, **opts: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(username=opts["username"])
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Unknown user: {opts['username']}") from exc
        try:
            token, issued = api_token_issue(user=user, rotate=opts["rotate"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if issued:
            self.stderr.write(f"Issued a new API token for {user.username}.")
        self.stdout.write(token.key)
