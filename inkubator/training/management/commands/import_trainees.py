"""``manage.py import_trainees FILE [--dry-run] [--commit-valid] [--user USERNAME]``: the streaming trainee import.

For lists of any size (a year's national intake is 232,000 rows): rows are read and checked one at a
time and staged in the database, so memory stays flat. Every bad row is printed with its row number,
column and reason. Nothing is written when any row has an error, unless ``--commit-valid`` asks to
write the good rows only (the import record then says so). Exit status 1 when nothing was written
because of errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from inkubator.imports.validation import MappingError
from inkubator.training.bulk import trainee_import
from inkubator.training.permissions import can_import_trainees

ERRORS_PRINTED = 1000


class Command(BaseCommand):
    """Import a trainee list (CSV or XLSX), streamed."""

    help = "Import a trainee list (CSV or XLSX) of any size. Nothing is written unless every row is correct."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument(
            "--commit-valid", action="store_true", help="Write the good rows even if others have errors."
        )
        parser.add_argument("--user", help="Import as this user, within their scope (default: the system).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options.get("user"))
        try:
            report = trainee_import(
                path=options["file"], user=user, dry_run=options["dry_run"], commit_valid=options["commit_valid"]
            )
        except FileNotFoundError as error:
            raise CommandError(_("No file at %(path)s.") % {"path": options["file"]}) from error
        except (ValidationError, MappingError) as error:
            raise CommandError("\n".join(error.messages)) from error
        for error in report.errors[:ERRORS_PRINTED]:
            self.stderr.write(str(error))
        if report.error_rows > ERRORS_PRINTED:
            self.stderr.write(_("… and more rows with errors."))
        self.stdout.write(
            _(
                "%(rows)s rows read, %(errors)s with errors (%(duplicates)s duplicates in the file). People: "
                "%(new)s new, %(existing)s already registered (%(updated)s to update). Enrolments: %(enrol_new)s new, "
                "%(enrol_updated)s to update, %(enrol_same)s unchanged."
            )
            % {
                "rows": report.rows_read,
                "errors": report.error_rows,
                "duplicates": report.duplicates_in_file,
                "new": report.people_created,
                "existing": report.people_existing,
                "updated": report.people_updated,
                "enrol_new": report.enrolments_created,
                "enrol_updated": report.enrolments_updated,
                "enrol_same": report.enrolments_unchanged,
            }
        )
        if report.written:
            note = _(" (rows with errors left out)") if report.committed_valid_only else ""
            self.stdout.write(self.style.SUCCESS(_("Imported (import %(id)s).") % {"id": report.run.pk} + note))
        elif options["dry_run"] and report.ok:
            self.stdout.write(_("Dry run: every row is correct; nothing was written."))
        elif options["dry_run"]:
            # Exit status 1 like ``manage.py import --dry-run``: a script checking a file must see the errors.
            raise CommandError(_("%(count)s rows have errors: nothing was written.") % {"count": report.error_rows})
        else:
            raise CommandError(
                _("%(count)s rows have errors: nothing was imported (use --commit-valid to import the good rows).")
                % {"count": report.error_rows}
            )

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user named %(username)s.") % {"username": username})
        if not can_import_trainees(user):
            raise CommandError(_("%(username)s may not import trainees.") % {"username": username})
        return user
