"""The trainee import through the import framework (``manage.py import trainees FILE [--dry-run]``).

The rows are checked by the same code as the streaming bulk import (``training.trainee_rows``), their
unknown sexes, statuses, batch codes … offered for reconciliation the same way, and
written by the same set-based statements (``training.bulk``), so a list gives the same result
whichever way it arrives. The framework holds the file's rows in memory (up to its row limit);
files of a year's national intake go through ``manage.py import_trainees`` (streaming) instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from inkubator.imports.validation import Action, ParsedRow, RowResult
from inkubator.people.models import Person
from inkubator.people.nik import district_codes
from inkubator.training.bulk import (
    TraineeImportReport,
    find_duplicates,
    stage_create,
    stage_drop,
    stage_load,
    write_staged,
)
from inkubator.training.models import Enrollment
from inkubator.training.trainee_rows import TRAINEE_SPEC, RowChecker, TraineeRow  # noqa: F401 (TRAINEE_SPEC: read by the framework)


class TraineeImporter:
    """Rows of a trainee list: a person (matched by NIK) and their enrolment in a batch."""

    spec = TRAINEE_SPEC

    def __init__(self, *, user: Any) -> None:
        self.checker = RowChecker(user=user, districts=district_codes())
        self.seen: dict[tuple[str, int], int] = {}  # (NIK, batch) → first row: duplicates in the file

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check the row; plan a create (new person or enrolment), an update, or nothing."""
        # The cells as the file writes them: the checker applies no mappings of its own here (the
        # framework's ``row.raw`` has them), and notes unknown values under the file's spelling.
        checker = self.checker
        staged, errors = checker.check(row.number, row.raw)
        already = {error.column for error in row.errors}  # the framework's own "required" errors
        for key, message in errors:
            if row.header(key) not in already:
                row.error(key, message)
        for _number, key, _cell in checker.found:
            written = row.written.get(key)
            row.unresolved(key, written, checker.suggest(key, row.raw.get(key)))
        checker.found.clear()
        if staged is None:
            return RowResult(row.number, Action.ERROR)
        first = self.seen.setdefault((staged.nik, staged.batch_id), row.number)
        if first != row.number:
            row.error("nik", _("The same person and batch as row %(row)s: a duplicate in the file.") % {"row": first})
            return RowResult(row.number, Action.ERROR)
        return RowResult(row.number, self._action(staged), plan=staged, label=staged.name)

    def _action(self, staged: TraineeRow) -> str:
        person = Person.objects.filter(nik=staged.nik).values("pk", "name", "sex", "phone", "address").first()
        if person is None:
            return Action.CREATE
        enrolment = Enrollment.objects.filter(person_id=person["pk"], batch_id=staged.batch_id).first()
        if enrolment is None:
            return Action.CREATE
        changed = person["name"] != staged.name or (staged.phone and person["phone"] != staged.phone)
        changed = changed or (staged.address and person["address"] != staged.address)
        changed = changed or (staged.status and enrolment.status != staged.status)
        return Action.UPDATE if changed else Action.UNCHANGED

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Write the planned rows through the staging table (inside the framework's transaction)."""
        counts = dict.fromkeys(Action.values, 0)
        for result in results:
            counts[result.action] += 1
        with connection.cursor() as cursor:
            # No try/finally: after a database error a DROP would hide it; the rollback removes the table.
            stage_create(cursor)
            stage_load(cursor, [result.plan for result in results if result.plan is not None])
            # Rows are unique per (NIK, batch) already; this marks each NIK's first row for the writes.
            first = find_duplicates(cursor, TraineeImportReport(), {"nik": str(TRAINEE_SPEC.column("nik").label)})
            write_staged(cursor, first)
            stage_drop(cursor)
        return counts
