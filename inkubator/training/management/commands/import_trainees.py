"""``manage.py import_trainees FILE [--dry-run] [--commit-valid] [--user U] [--values(-out) F]``: an alias for scripts.

The trainee import has one command, ``manage.py import trainees FILE`` (the import framework hands
the file to ``training.bulk.trainee_import``, which streams it); this name does exactly that.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    """``manage.py import trainees`` under its former name."""

    help = "Alias of 'manage.py import trainees FILE': import a trainee list (CSV or XLSX) of any size."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument(
            "--commit-valid", action="store_true", help="Write the good rows even if others have errors."
        )
        parser.add_argument("--user", help="Import as this user, within their scope (default: the system).")
        parser.add_argument(
            "--values-out", metavar="FILE", help="With --dry-run: write the values that matched no master list."
        )
        parser.add_argument("--values", metavar="FILE", help="Apply such a file and keep it for the organisation.")

    def handle(self, *args: Any, **options: Any) -> None:
        extra = {key: options[key] for key in ("user", "values_out", "values") if options.get(key)}
        call_command(
            "import",
            "trainees",
            options["file"],
            dry_run=options["dry_run"],
            commit_valid=options["commit_valid"],
            stdout=self.stdout._out,
            stderr=self.stderr._out,
            **extra,
        )
