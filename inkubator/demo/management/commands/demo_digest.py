"""``manage.py demo_digest``: the digest of the demo tables, one ``table rows:sha256`` line each."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inkubator.demo.digest import demo_digest


class Command(BaseCommand):
    help = "Print a digest of every table the demo writes (equal on SQLite and PostgreSQL for the same seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, required=True, help="The day the load was pinned to."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        for table, digest in demo_digest(today=opts["today"]).items():
            self.stdout.write(f"{table} {digest}")
