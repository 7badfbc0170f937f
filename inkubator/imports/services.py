"""Writes of the import: keep an upload, set its mapping, validate it, commit it; the command line's import.

An import writes in one place only, ``_commit``: one ``transaction.atomic()`` under the acting
user (``auditlog.context.set_actor``), reached only when every row validated. The rows are
validated again at that moment (the register may have changed since the preview), so nothing is
ever half-written: either every row goes in, or none does and the errors say why.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .files import check_import_file, remove_upload, sha256_of, store_upload, stored_path
from .models import ImportRun, ImportStatus
from .parsing import Table, read_table
from .registry import importer_for, limits_for, spec_for
from .validation import Action, Importer, ValidationReport, check_mapping, validate_rows
from .values import ValueMap, merge, value_map_for, value_mappings_save

# At most this many errors are kept on an ImportRun for its preview and report (a file with more
# has a systematic problem the first thousands show).
MAX_KEPT_ERRORS = 10_000
# Rows listed for one unmatched value (the count says how many more).
MAX_LISTED_ROWS = 50


class ImportFailed(Exception):
    """Some row failed validation at commit time: nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{report.counts[Action.ERROR]} rows with errors")
        self.report = report


@dataclass
class ImportOutcome:
    """What an import of a file found and did (``run`` is set when it wrote)."""

    table: Table
    mapping: dict[int, str]
    report: ValidationReport
    run: ImportRun | None = None
    written: dict[str, int] | None = None


def _read(kind: str, path: Path, fmt: str) -> Table:
    return read_table(path, fmt=fmt, header_score=spec_for(kind).header_score, limits=limits_for(kind))


# A commit that loses a deadlock or serialization conflict to another writer is rolled back whole and
# tried again, this many times in all; then the run is recorded as failed with the database's reason.
COMMIT_ATTEMPTS = 4
RETRYABLE = {"40P01", "40001"}  # deadlock_detected, serialization_failure


def _retryable(error: BaseException) -> bool:
    cause = error.__cause__ or error
    return getattr(cause, "sqlstate", None) in RETRYABLE or getattr(cause, "pgcode", None) in RETRYABLE


def _commit(*, importer: Importer, report: ValidationReport, run: ImportRun, user: Any) -> dict[str, int]:
    """``_commit_once`` with the bounded retry; a commit that still fails leaves a failed run and a clear error."""
    for attempt in range(1, COMMIT_ATTEMPTS + 1):
        try:
            return _commit_once(importer=importer, report=report, run=run, user=user)
        except (ValidationError, IntegrityError):
            raise
        except DatabaseError as error:
            if _retryable(error) and attempt < COMMIT_ATTEMPTS:
                time.sleep(random.uniform(0.05, 0.2) * attempt)  # noqa: S311 - jitter, not a secret
                continue
            reason = str(error.__cause__ or error).strip().splitlines()[0][:500]
            run.status = ImportStatus.FAILED
            run.errors = [[0, "", reason]]
            run.save()
            raise ValidationError(
                _("The import could not be written (%(reason)s); nothing of it was written. Try again.")
                % {"reason": reason},
                code="failed",
            ) from error
    raise AssertionError("unreachable")  # pragma: no cover


def _commit_once(*, importer: Importer, report: ValidationReport, run: ImportRun, user: Any) -> dict[str, int]:
    """Write every planned row and record the run: one transaction, audited as ``user``."""
    with transaction.atomic(), set_actor(user):
        written = importer.commit(report.results)
        run.status = ImportStatus.COMMITTED
        run.rows_read = report.rows_read
        run.created_count = written[Action.CREATE]
        run.updated_count = written[Action.UPDATE]
        run.unchanged_count = written[Action.UNCHANGED]
        run.error_count = 0
        run.errors = []
        run.warnings = [warning.as_list() for warning in report.warnings[:MAX_KEPT_ERRORS]]
        run.warning_count = len(report.warnings)
        run.committed_at = timezone.now()
        run.full_clean()
        run.save()
    return written


def import_file(
    *,
    kind: str,
    path: Path | str,
    user: Any = None,
    dry_run: bool = False,
    mapping: Mapping[int, str] | None = None,
    values: ValueMap | None = None,
) -> ImportOutcome:
    """Import a file from disk (the command line): check, read, map by the known headers, validate, commit.

    Commits only when every row validates and ``dry_run`` is false; then records an ``ImportRun``.
    Raises ``ValidationError`` for a file that cannot be read and ``MappingError`` when a required
    column is missing.
    """
    path = Path(path)
    with path.open("rb") as stream:
        fmt = check_import_file(name=path.name, stream=stream, limits=limits_for(kind))
        digest = sha256_of(stream)
    table = _read(kind, path, fmt)
    importer = importer_for(kind, user=user)
    chosen = dict(mapping) if mapping is not None else importer.spec.suggest_mapping(table.headers)
    # The organisation's reconciled values, then those given now (they win).
    known_values = merge(value_map_for(kind=kind, user=user), values)
    report = validate_rows(importer=importer, table=table, mapping=chosen, values=known_values)
    outcome = ImportOutcome(table=table, mapping=chosen, report=report)
    if dry_run or not report.ok:
        return outcome
    run = ImportRun(
        kind=kind,
        user=user,
        original_name=path.name[:255],
        size=path.stat().st_size,
        sha256=digest,
        headers=table.headers,
        header_row=table.header_row,
        mapping={str(index): key for index, key in chosen.items()},
    )
    outcome.written = _commit(importer=importer, report=report, run=run, user=user)
    outcome.run = run
    return outcome


def import_upload(*, user: Any, kind: str, file: UploadedFile) -> ImportRun:
    """Check and keep an uploaded file, read its header and suggest the mapping: the first step."""
    spec = spec_for(kind)
    fmt = check_import_file(name=file.name or "", stream=file, size=file.size, limits=limits_for(kind))
    digest = sha256_of(file)
    stored = store_upload(stream=file, fmt=fmt)
    try:
        table = _read(kind, stored_path(stored), fmt)
    except ValidationError:
        remove_upload(stored)
        raise
    run = ImportRun(
        kind=kind,
        user=user,
        original_name=Path(file.name or "").name[:255],
        stored_name=stored,
        size=file.size or 0,
        sha256=digest,
        headers=table.headers,
        header_row=table.header_row,
        mapping={str(index): key for index, key in spec.suggest_mapping(table.headers).items()},
        rows_read=len(table.rows),
    )
    run.full_clean()
    run.save()
    return run


def import_set_mapping(*, run: ImportRun, mapping: Mapping[int, str]) -> ImportRun:
    """Keep the column mapping the user chose (checked: required targets fed once each)."""
    check_mapping(spec_for(run.kind), mapping, run.headers)
    run.mapping = {str(index): key for index, key in mapping.items()}
    run.status = ImportStatus.UPLOADED
    run.full_clean()
    run.save(update_fields=["mapping", "status"])
    return run


def run_mapping(run: ImportRun) -> dict[int, str]:
    """An ImportRun's mapping with integer column indexes."""
    return {int(index): key for index, key in run.mapping.items()}


def run_table(run: ImportRun) -> Table:
    """The kept upload of a run, read again."""
    return _read(run.kind, stored_path(run.stored_name), run.stored_name.rsplit(".", 1)[-1])


def _validate(run: ImportRun) -> tuple[Importer, ValidationReport]:
    importer = importer_for(run.kind, user=run.user)
    values = value_map_for(kind=run.kind, user=run.user)
    report = validate_rows(importer=importer, table=run_table(run), mapping=run_mapping(run), values=values)
    return importer, report


def _keep_report(run: ImportRun, report: ValidationReport) -> None:
    counts = report.counts
    run.rows_read = report.rows_read
    run.created_count = counts[Action.CREATE]
    run.updated_count = counts[Action.UPDATE]
    run.unchanged_count = counts[Action.UNCHANGED]
    run.error_count = counts[Action.ERROR]
    run.errors = [error.as_list() for error in report.errors[:MAX_KEPT_ERRORS]]
    run.warnings = [warning.as_list() for warning in report.warnings[:MAX_KEPT_ERRORS]]
    run.warning_count = len(report.warnings)
    run.unresolved = [
        [entry.key, entry.column, entry.value, entry.suggestions[:5], entry.rows[:MAX_LISTED_ROWS]]
        for entry in report.unresolved()[:MAX_KEPT_ERRORS]
    ]
    run.validated_at = timezone.now()
    run.status = ImportStatus.VALIDATED
    run.save()


def import_validate(*, run: ImportRun) -> ValidationReport:
    """Validate every row of a kept upload with its mapping; keep the counts and errors for the preview.

    Runs inline: a 4,300-row list takes seconds. For bigger files this becomes a django-tasks task
    (``@task`` calling this function with the run's id; the preview polls the run's status).
    """
    _importer, report = _validate(run)
    _keep_report(run, report)
    return report


def import_reconcile(*, run: ImportRun, entries: list[tuple[str, str, str]]) -> ValidationReport:
    """Keep what the user says unmatched values mean (for their organisation) and validate the run again."""
    value_mappings_save(kind=run.kind, user=run.user, entries=entries)
    return import_validate(run=run)


def import_queue(*, run: ImportRun) -> ImportRun:
    """Hand a validated run to the task worker, which commits it (``tasks.import_commit_task``).

    A national list takes longer than a web request may (a row goes through the centre services and
    the audit trail), so the page only queues it and then waits for the run's status.
    """
    from .tasks import import_commit_task  # the task module imports this one

    run.status = ImportStatus.QUEUED
    run.save(update_fields=["status"])
    import_commit_task.enqueue(str(run.pk))
    return run


def import_commit(*, run: ImportRun) -> ImportRun:
    """Validate again and, when every row is good, write them all in one transaction.

    Raises :class:`ImportFailed` (nothing written, the new errors kept on the run and the run back
    to "validated" so that the preview shows them) otherwise.
    The kept file is removed once imported: the run keeps its name, size and SHA-256.
    """
    if run.status == ImportStatus.COMMITTED:
        return run
    importer, report = _validate(run)
    if not report.ok:
        _keep_report(run, report)
        raise ImportFailed(report)
    try:
        _commit(importer=importer, report=report, run=run, user=run.user)
    except (ValidationError, IntegrityError) as error:
        # The register changed between validation and commit (another user's edit): nothing was written.
        run.refresh_from_db()
        messages = error.messages if isinstance(error, ValidationError) else []
        run.errors = [[0, "", message] for message in messages or [_("The register changed meanwhile; check again.")]]
        run.error_count = 1
        run.status = ImportStatus.VALIDATED
        run.save(update_fields=["errors", "error_count", "status"])
        raise ImportFailed(report) from error
    stored, run.stored_name = run.stored_name, ""
    run.save(update_fields=["stored_name"])
    remove_upload(stored)
    return run
