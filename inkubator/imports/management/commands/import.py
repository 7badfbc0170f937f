"""``manage.py import centres FILE [--dry-run] [--user USERNAME]``: the import from the command line.

Reads the file, maps its columns by the headers it has, validates every row and, when every row is
correct, writes them all in one transaction (recorded as an ``ImportRun``). Any row with an error:
nothing is written, the errors are listed by row and column, and the exit status is 1.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from inkubator.imports.cells import choice_key
from inkubator.imports.registry import can_import, import_kinds, kind_entry, spec_for
from inkubator.imports.services import import_file
from inkubator.imports.validation import Action, MappingError
from inkubator.imports.values import read_values_file, value_mappings_save, write_values_file

ERRORS_PRINTED = 1000


class Command(BaseCommand):
    """Import a CSV or XLSX file into the register."""

    help = "Import a CSV or XLSX file of one registered kind. Nothing is written unless every row is correct."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=import_kinds(), help="What the file holds.")
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument(
            "--commit-valid",
            action="store_true",
            help="For kinds that stream (trainees): write the good rows even if others have errors.",
        )
        parser.add_argument(
            "--values-out",
            metavar="FILE",
            help="With --dry-run: write column,value,suggestion,rows for every value that matched no master list.",
        )
        parser.add_argument(
            "--values",
            metavar="FILE",
            help="Apply such a file (the suggestion column, possibly edited, is what each value means) and keep "
            "it for the organisation's next imports.",
        )
        parser.add_argument(
            "--user",
            help="Import as this user, within their scope (default: the system, with full scope).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, path, dry_run = options["kind"], options["file"], options["dry_run"]
        user = self._user(options.get("user"), kind)
        if options.get("values_out") and not dry_run:
            raise CommandError(_("--values-out goes with --dry-run."))
        values = None
        if options.get("values"):
            try:
                entries = read_values_file(options["values"], columns=[column.key for column in spec_for(kind).columns])
            except FileNotFoundError as error:
                raise CommandError(_("No file at %(path)s.") % {"path": options["values"]}) from error
            except ValueError as error:
                raise CommandError(str(error)) from error
            saved = value_mappings_save(kind=kind, user=user, entries=entries)
            values = {}
            for column, value, replacement in entries:
                values.setdefault(column, {})[choice_key(value)] = replacement.strip()
            self.stdout.write(_("%(count)s value mappings applied and kept.") % {"count": saved})
        entry = kind_entry(kind)
        if entry.file_import:
            return self._stream(
                entry,
                path=path,
                user=user,
                dry_run=dry_run,
                commit_valid=options["commit_valid"],
                values=values,
                values_out=options.get("values_out"),
            )
        if options["commit_valid"]:
            raise CommandError(_("--commit-valid is only for kinds that stream (trainees)."))
        try:
            outcome = import_file(kind=kind, path=path, user=user, dry_run=dry_run, values=values)
        except FileNotFoundError as error:
            raise CommandError(_("No file at %(path)s.") % {"path": path}) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except MappingError as error:
            raise CommandError("\n".join(error.messages)) from error

        table, report = outcome.table, outcome.report
        spec = spec_for(kind)
        self.stdout.write(
            _("%(file)s: header on row %(row)s; %(count)s rows read.")
            % {"file": path, "row": table.header_row, "count": report.rows_read}
        )
        mapped = ", ".join(
            f"'{table.headers[index]}' → {spec.column(key).label}" for index, key in sorted(outcome.mapping.items())
        )
        self.stdout.write(_("Columns: %(columns)s") % {"columns": mapped})
        ignored = [header for index, header in enumerate(table.headers) if index not in outcome.mapping]
        if ignored:
            self.stdout.write(_("Ignored columns: %(columns)s") % {"columns": ", ".join(f"'{h}'" for h in ignored)})
        counts = outcome.written if outcome.written is not None else report.counts
        verb = (
            _("Created: %(create)s, updated: %(update)s, unchanged: %(unchanged)s.")
            if outcome.written is not None
            else _("To create: %(create)s, to update: %(update)s, unchanged: %(unchanged)s.")
        )
        self.stdout.write(
            verb
            % {
                "create": counts[Action.CREATE],
                "update": counts[Action.UPDATE],
                "unchanged": counts[Action.UNCHANGED],
            }
        )
        unresolved = report.unresolved()
        if options.get("values_out"):
            write_values_file(options["values_out"], unresolved)
            self.stdout.write(
                _("%(count)s values matched no master list: written to %(path)s.")
                % {"count": len(unresolved), "path": options["values_out"]}
            )
        for warning in report.warnings:
            self.stdout.write(_("Warning: %(warning)s") % {"warning": warning})
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)s rows have errors: nothing was imported.") % {"count": report.counts[Action.ERROR]}
            )
        if dry_run:
            self.stdout.write(_("Dry run: every row is correct; nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported (import %(id)s).") % {"id": outcome.run.pk}))

    def _stream(
        self,
        entry: Any,
        *,
        path: str,
        user: Any,
        dry_run: bool,
        commit_valid: bool,
        values: dict[str, dict[str, str]] | None,
        values_out: str | None,
    ) -> None:
        """A kind that streams its files itself (registered ``file_import``): its report, the same exit status."""
        try:
            report = entry.resolve(entry.file_import)(
                path=path, user=user, dry_run=dry_run, commit_valid=commit_valid, values=values
            )
        except FileNotFoundError as error:
            raise CommandError(_("No file at %(path)s.") % {"path": path}) from error
        except (ValidationError, MappingError) as error:
            raise CommandError("\n".join(error.messages)) from error
        if values_out:
            unresolved = report.unresolved()
            write_values_file(values_out, unresolved)
            self.stdout.write(
                _("%(count)s values matched no master list: written to %(path)s.")
                % {"count": len(unresolved), "path": values_out}
            )
        for error in list(report.errors)[:ERRORS_PRINTED]:
            self.stderr.write(str(error))
        if report.error_rows > ERRORS_PRINTED:
            self.stderr.write(_("… and more rows with errors."))
        self.stdout.write(report.summary())
        if report.written and report.error_rows:
            # Only the good rows were asked for and written; a script must still see that rows failed.
            raise CommandError(
                _("%(count)s rows have errors and were left out; the other rows were imported (import %(id)s).")
                % {"count": report.error_rows, "id": report.run.pk}
            )
        if report.written:
            self.stdout.write(self.style.SUCCESS(_("Imported (import %(id)s).") % {"id": report.run.pk}))
        elif report.error_rows:
            raise CommandError(_("%(count)s rows have errors: nothing was imported.") % {"count": report.error_rows})
        else:
            self.stdout.write(_("Dry run: every row is correct; nothing was written."))

    def _user(self, username: str | None, kind: str) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user named %(username)s.") % {"username": username})
        if not can_import(user, kind):
            raise CommandError(_("%(username)s may not import %(kind)s.") % {"username": username, "kind": kind})
        return user
