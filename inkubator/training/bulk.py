"""The bulk import of trainees: any size, streamed, validated, then written in one transaction.

How it stays fast and flat (DESIGN.md, "Scale"): the file is read row by row by the import
framework's one reader (``imports.reading``, with this kind's limits) and each row is checked on
its own (``trainee_rows``); good rows go in
chunks into a temporary staging table (PostgreSQL ``COPY``, SQLite ``executemany``), bad rows leave
only their messages (kept up to ``MAX_KEPT_ERRORS``). Duplicates inside the file and matches with
the database are then found in SQL on the staging table, and the writes are set-based ``INSERT …
SELECT`` / ``UPDATE … FROM`` statements: Python holds one chunk at a time whatever the file's size.

Rules: a person is matched by NIK (one person per NIK); a matched person whose cells say the same
is left alone, a differing one is updated (an empty cell never erases); an enrolment already in the
database is left alone unless the row gives another status or attendance. A re-run of the same file
therefore writes nothing. When any row has an error, nothing is written unless the caller asks to
commit only the good rows (``commit_valid``), which the import record then says. One
``ImportRun`` and one audit entry record the whole import (django-auditlog cannot see bulk writes).
"""

# The SQL below is built from constants only (the staging table, column names, models' db_table);
# every value from a file travels as a parameter or through COPY.
# ruff: noqa: S608
from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.imports.mapping import ImportSpec
from inkubator.imports.models import ImportRun, ImportStatus
from inkubator.imports.parsing import HEADER_SEARCH_ROWS, MIN_HEADER_SCORE
from inkubator.imports.reading import file_format, iter_rows
from inkubator.people.models import Person
from inkubator.people.nik import district_codes

from .models import Enrollment
from .trainee_rows import STAGE_COLUMNS, TRAINEE_LIMITS, TRAINEE_SPEC, RowChecker, TraineeRow

# The advisory lock key of trainee writes (any constant unique to this use; "TRAINEE" in hex digits).
TRAINEE_WRITE_LOCK = 0x7261_1AEE
CHUNK = 5_000  # rows per staging write: a few MB at most in Python
MAX_KEPT_ERRORS = 10_000  # a file with more has a systematic problem that the first ones show
STAGE = "trainee_import_stage"
FIRST = "trainee_import_first"


@dataclass
class ImportErrorLine:
    """One problem: the row as numbered in the file, the column as headed in the file, the message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column '%(column)s': %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class TraineeImportReport:
    """What an import found and (unless dry) did."""

    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    mapping: dict[int, str] = field(default_factory=dict)
    rows_read: int = 0
    error_rows: int = 0
    duplicates_in_file: int = 0
    errors: list[ImportErrorLine] = field(default_factory=list)
    people_existing: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    enrolments_created: int = 0
    enrolments_updated: int = 0
    enrolments_unchanged: int = 0
    written: bool = False
    committed_valid_only: bool = False
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return self.error_rows == 0

    def summary(self) -> str:
        """One paragraph of what the import found and (unless dry) did, for the command line."""
        return _(
            "%(rows)s rows read, %(errors)s with errors (%(duplicates)s duplicates in the file). People: "
            "%(new)s new, %(existing)s already registered (%(updated)s to update). Enrolments: %(enrol_new)s new, "
            "%(enrol_updated)s to update, %(enrol_same)s unchanged."
        ) % {
            "rows": self.rows_read,
            "errors": self.error_rows,
            "duplicates": self.duplicates_in_file,
            "new": self.people_created,
            "existing": self.people_existing,
            "updated": self.people_updated,
            "enrol_new": self.enrolments_created,
            "enrol_updated": self.enrolments_updated,
            "enrol_same": self.enrolments_unchanged,
        }

    def add_error(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append(ImportErrorLine(row, column, message))


# Reading ---------------------------------------------------------------------------------------


def read_rows(path: Path, fmt: str, spec: ImportSpec) -> tuple[list[str], int, Iterator[tuple[int, tuple[Any, ...]]]]:
    """The header (found among the first rows as the one naming most known columns) and the rows after it."""
    rows = iter_rows(path, fmt=fmt, limits=TRAINEE_LIMITS)
    candidates: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in rows:
        if any(value is not None for value in values):
            candidates.append((number, values))
            if len(candidates) >= HEADER_SEARCH_ROWS:
                break
    if not candidates:
        raise ValidationError(_("The file has no rows."), code="empty")
    scores = [spec.header_score(values) for _n, values in candidates]
    index = scores.index(max(scores)) if max(scores) >= MIN_HEADER_SCORE else 0
    header_row, header_values = candidates[index]
    headers = ["" if value is None else str(value).strip() for value in header_values]

    def rest() -> Iterator[tuple[int, tuple[Any, ...]]]:
        yield from candidates[index + 1 :]
        yield from rows

    return headers, header_row, rest()


# Staging and writing ---------------------------------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def stage_create(cursor: Any) -> None:
    """The session-private staging table (``stage_drop`` removes it; PostgreSQL also drops it at commit)."""
    date, big = ("date", "bigint") if _postgres() else ("text", "integer")
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGE} (row integer, nik varchar(16), name varchar(150), name_key varchar(150), "
        f"sex varchar(1), birth_place varchar(100), birth_date {date}, phone varchar(16), address varchar(255), "
        f"regency_id varchar(5), education varchar(10), batch_id {big}, status varchar(12), attendance integer, "
        f"dup_of integer)" + (" ON COMMIT DROP" if _postgres() else "")
    )


def stage_load(cursor: Any, rows: list[TraineeRow]) -> None:
    """Append checked rows to the staging table."""
    columns = ", ".join(STAGE_COLUMNS)
    if _postgres():
        with cursor.copy(f"COPY {STAGE} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(STAGE_COLUMNS))
        raw = cursor.connection if hasattr(cursor, "connection") else cursor
        raw.executemany(f"INSERT INTO {STAGE} ({columns}) VALUES ({marks})", [_sqlite_row(row) for row in rows])


def _sqlite_row(row: TraineeRow) -> tuple[Any, ...]:
    return (*row[:6], row.birth_date.isoformat(), *row[7:])


def stage_drop(cursor: Any) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {FIRST}")
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


def _scalar(cursor: Any, sql: str, params: tuple[Any, ...] = ()) -> int:
    cursor.execute(sql, params)
    return int(cursor.fetchone()[0] or 0)


def find_duplicates(cursor: Any, report: TraineeImportReport, headers: dict[str, str]) -> str:
    """Rows repeating an earlier row's NIK and batch, or its NIK under another name: errors, unstaged.

    Returns the table of one row per NIK (``first_rows``) for ``count_plan`` and ``write_staged``.
    """
    cursor.execute(f"CREATE INDEX {STAGE}_nik ON {STAGE} (nik, batch_id, row)")
    cursor.execute(f"CREATE INDEX {STAGE}_row ON {STAGE} (row)")
    if _postgres():
        # Temporary tables are never analysed by autovacuum: without statistics the planner picks
        # nested loops over the whole staging table. What it needs is the row count and the spread of
        # the join keys: a sample of 3,000 rows of those three columns gives them, where the default
        # (30,000 rows of every column) took a tenth of a 30,000-row import.
        cursor.execute("SET LOCAL default_statistics_target = 10")
        cursor.execute(f"ANALYZE {STAGE} (nik, batch_id, row)")
        cursor.execute("SET LOCAL default_statistics_target TO DEFAULT")
    repeated = f"SELECT nik FROM {STAGE} GROUP BY nik HAVING COUNT(*) > 1"
    # The earlier row of the same person in the same batch.
    cursor.execute(
        f"UPDATE {STAGE} SET dup_of = (SELECT MIN(s2.row) FROM {STAGE} s2 WHERE s2.nik = {STAGE}.nik "
        f"AND s2.batch_id = {STAGE}.batch_id AND s2.row < {STAGE}.row) WHERE nik IN ({repeated})"
    )
    cursor.execute(f"SELECT row, dup_of FROM {STAGE} WHERE dup_of IS NOT NULL ORDER BY row LIMIT {MAX_KEPT_ERRORS}")
    for row, first in cursor.fetchall():
        report.add_error(
            row,
            headers["nik"],
            _("The same person and batch as row %(row)s: a duplicate in the file.") % {"row": first},
        )
    same_batch = _scalar(cursor, f"SELECT COUNT(*) FROM {STAGE} WHERE dup_of IS NOT NULL")
    cursor.execute(f"DELETE FROM {STAGE} WHERE dup_of IS NOT NULL")
    # The same NIK under another name than in its first row: one of the two is wrong.
    cursor.execute(
        f"UPDATE {STAGE} SET dup_of = (SELECT f.row FROM {STAGE} f WHERE f.nik = {STAGE}.nik ORDER BY f.row LIMIT 1) "
        f"WHERE nik IN ({repeated})"
    )
    cursor.execute(
        f"UPDATE {STAGE} SET dup_of = NULL WHERE dup_of IS NOT NULL AND (dup_of = row OR name_key = "
        f"(SELECT f.name_key FROM {STAGE} f WHERE f.row = {STAGE}.dup_of))"
    )
    cursor.execute(f"SELECT row, dup_of FROM {STAGE} WHERE dup_of IS NOT NULL ORDER BY row LIMIT {MAX_KEPT_ERRORS}")
    for row, first in cursor.fetchall():
        report.add_error(
            row,
            headers["nik"],
            _("The same NIK as row %(row)s under another name: check which one is right.") % {"row": first},
        )
    other_name = _scalar(cursor, f"SELECT COUNT(*) FROM {STAGE} WHERE dup_of IS NOT NULL")
    cursor.execute(f"DELETE FROM {STAGE} WHERE dup_of IS NOT NULL")
    report.duplicates_in_file = same_batch + other_name
    report.error_rows += report.duplicates_in_file
    return first_rows(cursor)


def first_rows(cursor: Any) -> str:
    """The table of one row per NIK, the first (it carries the person's details): usually the stage itself.

    Marking first rows with an UPDATE rewrote every staged row (232,000) through the temporary
    buffers, 18 s of the import; a NIK in two batches is rare, so only then are the first rows
    copied out into a table of their own.
    """
    if not _scalar(cursor, f"SELECT COUNT(*) FROM (SELECT nik FROM {STAGE} GROUP BY nik HAVING COUNT(*) > 1) r"):
        return STAGE
    on_commit = " ON COMMIT DROP" if _postgres() else ""
    cursor.execute(f"DROP TABLE IF EXISTS {FIRST}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {FIRST}{on_commit} AS SELECT * FROM {STAGE} "
        f"WHERE row IN (SELECT MIN(row) FROM {STAGE} GROUP BY nik)"
    )
    cursor.execute(f"CREATE UNIQUE INDEX {FIRST}_nik ON {FIRST} (nik)")
    if _postgres():
        cursor.execute(f"ANALYZE {FIRST}")
    return FIRST


def _person_differs(p: str, s: str) -> str:
    """SQL: the staged row would change the person (an empty staged cell changes nothing)."""
    optional = " OR ".join(
        f"({s}.{column} <> '' AND {s}.{column} <> {p}.{column})"
        for column in ("birth_place", "phone", "address", "education")
    )
    return f"({p}.name <> {s}.name OR {p}.sex <> {s}.sex OR {p}.birth_date <> {s}.birth_date OR {optional})"


def _enrolment_differs(e: str, s: str) -> str:
    return (
        f"(({s}.status <> '' AND {e}.status <> {s}.status) OR "
        f"({s}.attendance IS NOT NULL AND ({e}.attendance IS NULL OR {e}.attendance <> {s}.attendance)))"
    )


def count_plan(cursor: Any, report: TraineeImportReport, first: str = STAGE) -> None:
    """What the write would do, counted on the staging table (the report of a dry run too).

    ``first``: the table of one row per NIK (``first_rows``).
    """
    person, enrolment = _q(Person._meta.db_table), _q(Enrollment._meta.db_table)
    staged_people = _scalar(cursor, f"SELECT COUNT(*) FROM {first}")
    report.people_existing = _scalar(cursor, f"SELECT COUNT(*) FROM {first} s JOIN {person} p ON p.nik = s.nik")
    report.people_updated = _scalar(
        cursor,
        f"SELECT COUNT(*) FROM {first} s JOIN {person} p ON p.nik = s.nik WHERE " + _person_differs("p", "s"),
    )
    report.people_created = staged_people - report.people_existing
    report.people_unchanged = report.people_existing - report.people_updated
    staged = _scalar(cursor, f"SELECT COUNT(*) FROM {STAGE}")
    existing = (
        f"FROM {STAGE} s JOIN {person} p ON p.nik = s.nik JOIN {enrolment} e ON e.person_id = p.id "
        f"AND e.batch_id = s.batch_id"
    )
    existing_enrolments = _scalar(cursor, f"SELECT COUNT(*) {existing}")
    report.enrolments_updated = _scalar(cursor, f"SELECT COUNT(*) {existing} WHERE " + _enrolment_differs("e", "s"))
    report.enrolments_created = staged - existing_enrolments
    report.enrolments_unchanged = existing_enrolments - report.enrolments_updated


def lock_writes(cursor: Any) -> None:
    """Make this transaction the only trainee import writing people and enrolments until it ends.

    Overlapping imports wrote the same people in different orders and deadlocked (47 of 50 in
    parallel). Their reading, checking and staging stay parallel; only the set-based writes, a
    fraction of the time, take turns on a transaction-level advisory lock (released at commit or
    rollback; taking it twice in one transaction is harmless). SQLite writes one at a time anyway.
    """
    if _postgres():
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (TRAINEE_WRITE_LOCK,))


def write_staged(cursor: Any, first: str = STAGE) -> tuple[int, int, int, int]:
    """Set-based writes from the staging table: (people created, updated, enrolments created, updated).

    New rows go in with ``ON CONFLICT DO NOTHING`` on the natural keys (NIK; person and batch) rather
    than ``NOT EXISTS`` against the table being filled: PostgreSQL would otherwise scan the rows the
    same statement inserts, once per staged row. (SQLite needs the ``WHERE`` before ``ON CONFLICT``.)
    """
    lock_writes(cursor)
    person, enrolment = _q(Person._meta.db_table), _q(Enrollment._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    optional = ", ".join(
        f"{column} = CASE WHEN s.{column} <> '' THEN s.{column} ELSE {person}.{column} END"
        for column in ("birth_place", "phone", "address", "education")
    )
    cursor.execute(
        f"UPDATE {person} SET name = s.name, name_key = s.name_key, sex = s.sex, birth_date = s.birth_date, "
        f"{optional}, updated_at = %s FROM {first} s WHERE {person}.nik = s.nik AND " + _person_differs(person, "s"),
        (now,),
    )
    people_updated = cursor.rowcount
    cursor.execute(
        f"INSERT INTO {person} (nik, name, name_key, sex, birth_place, birth_date, phone, address, regency_id, "
        f"village_id, education, created_at, updated_at) "
        f"SELECT s.nik, s.name, s.name_key, s.sex, s.birth_place, s.birth_date, s.phone, s.address, s.regency_id, "
        f"NULL, s.education, %s, %s FROM {first} s WHERE true ON CONFLICT (nik) DO NOTHING",
        (now, now),
    )
    people_created = cursor.rowcount
    cursor.execute(
        f"UPDATE {enrolment} SET status = CASE WHEN s.status <> '' THEN s.status ELSE {enrolment}.status END, "
        f"attendance = COALESCE(s.attendance, {enrolment}.attendance), updated_at = %s "
        f"FROM {STAGE} s JOIN {person} p ON p.nik = s.nik "
        f"WHERE {enrolment}.person_id = p.id AND {enrolment}.batch_id = s.batch_id AND "
        + _enrolment_differs(enrolment, "s"),
        (now,),
    )
    enrolments_updated = cursor.rowcount
    cursor.execute(
        f"INSERT INTO {enrolment} (person_id, batch_id, status, attendance, created_at, updated_at) "
        f"SELECT p.id, s.batch_id, CASE WHEN s.status <> '' THEN s.status ELSE 'registered' END, s.attendance, %s, %s "
        f"FROM {STAGE} s JOIN {person} p ON p.nik = s.nik WHERE true ON CONFLICT (person_id, batch_id) DO NOTHING",
        (now, now),
    )
    return people_created, people_updated, cursor.rowcount, enrolments_updated


# The import ------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Bounded retry of a whole import that lost a deadlock or a serialization conflict to another writer
# of the same people (the write phases of trainee imports never meet: see ``lock_writes``).
ATTEMPTS = 4
RETRYABLE = {"40P01", "40001"}  # deadlock_detected, serialization_failure


def _retryable(error: BaseException) -> bool:
    cause = error.__cause__ or error
    return getattr(cause, "sqlstate", None) in RETRYABLE or getattr(cause, "pgcode", None) in RETRYABLE


def trainee_import(
    *,
    path: Path | str,
    user: Any = None,
    dry_run: bool = False,
    commit_valid: bool = False,
    original_name: str = "",
) -> TraineeImportReport:
    """Import a trainee list (CSV or XLSX at ``path``) for ``user`` (None: the system, full scope).

    Writes only when no row has an error (or ``commit_valid``: the good rows only) and not ``dry_run``;
    then records an ``ImportRun`` and one audit entry. Raises ``ValidationError`` for an unreadable file
    and ``MappingError`` when a required column is missing from the header. An import that loses a
    deadlock or serialization conflict is rolled back whole and run again (``ATTEMPTS`` times); one
    that still cannot be written is recorded as a failed ``ImportRun`` with its reason and raises
    ``ValidationError`` with that reason (nothing of it was written).
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _trainee_import_once(
                path=path, user=user, dry_run=dry_run, commit_valid=commit_valid, original_name=original_name
            )
        except DatabaseError as error:
            if _retryable(error) and attempt < ATTEMPTS:
                time.sleep(random.uniform(0.05, 0.2) * attempt)  # noqa: S311 - jitter, not a secret
                continue
            reason = str(error.__cause__ or error).strip().splitlines()[0][:500]
            _record_failure(path=Path(path), user=user, original_name=original_name or Path(path).name, reason=reason)
            raise ValidationError(
                _("The import could not be written (%(reason)s); nothing of it was written. Try again.")
                % {"reason": reason},
                code="failed",
            ) from error
    raise AssertionError("unreachable")  # pragma: no cover


def _trainee_import_once(
    *, path: Path | str, user: Any, dry_run: bool, commit_valid: bool, original_name: str
) -> TraineeImportReport:
    from inkubator.imports.validation import check_mapping

    path = Path(path)
    fmt = file_format(path.name)
    headers, header_row, rows = read_rows(path, fmt, TRAINEE_SPEC)
    mapping = TRAINEE_SPEC.suggest_mapping(headers)
    check_mapping(TRAINEE_SPEC, mapping, headers)
    report = TraineeImportReport(headers=headers, header_row=header_row, mapping=mapping)
    header_of = {key: headers[index] for index, key in mapping.items()}
    for column in TRAINEE_SPEC.columns:
        header_of.setdefault(column.key, str(column.label))
    checker = RowChecker(user=user, districts=district_codes())
    keyed = list(mapping.items())
    with transaction.atomic(), connection.cursor() as cursor:
        stage_create(cursor)
        # No try/finally around the staging table: after a database error the transaction is
        # aborted and a DROP would only hide the error; the rollback removes the table anyway.
        chunk: list[TraineeRow] = []
        for number, values in rows:
            cells = {key: values[index] if index < len(values) else None for index, key in keyed}
            if all(value is None for value in cells.values()):
                continue
            report.rows_read += 1
            row, errors = checker.check(number, cells)
            if row is None:
                report.error_rows += 1
                for key, message in errors:
                    report.add_error(number, header_of[key], message)
                continue
            chunk.append(row)
            if len(chunk) >= CHUNK:
                stage_load(cursor, chunk)
                chunk = []
        if chunk:
            stage_load(cursor, chunk)
        del chunk
        if not report.rows_read:
            # A header alone would record an empty import: most likely the wrong file.
            raise ValidationError(_("The file has a header but no rows under it."), code="empty")
        first = find_duplicates(cursor, report, header_of)
        report.errors.sort(key=lambda error: error.row)
        count_plan(cursor, report, first)
        if dry_run or (not report.ok and not commit_valid):
            stage_drop(cursor)
            return report
        # From here on this import writes alone; what others wrote meanwhile is committed and
        # counted again, so a person another import just added is matched and updated here.
        lock_writes(cursor)
        count_plan(cursor, report, first)
        created, updated, enrolled, changed = write_staged(cursor, first)
        report.people_created, report.people_updated = created, updated
        report.enrolments_created, report.enrolments_updated = enrolled, changed
        report.written = True
        report.committed_valid_only = not report.ok
        report.run = _record(report, path=path, user=user, original_name=original_name or path.name)
        stage_drop(cursor)
    return report


def _record_failure(*, path: Path, user: Any, original_name: str, reason: str) -> ImportRun:
    """A failed import's record (outside its rolled-back transaction): who tried which file and why it failed."""
    now = timezone.now()
    run = ImportRun(
        kind="trainees",
        user=user if getattr(user, "is_authenticated", False) else None,
        original_name=original_name[:255],
        size=path.stat().st_size if path.exists() else 0,
        sha256=_digest(path) if path.exists() else "",
        status=ImportStatus.FAILED,
        errors=[[0, "", reason]],
        error_count=0,
        validated_at=now,
    )
    run.save()
    return run


def _record(report: TraineeImportReport, *, path: Path, user: Any, original_name: str) -> ImportRun:
    """The import's own record and its audit entry: who, which file, what it did, and whether bad rows were left out."""
    now = timezone.now()
    run = ImportRun(
        kind="trainees",
        user=user,
        original_name=original_name[:255],
        size=path.stat().st_size,
        sha256=_digest(path),
        status=ImportStatus.COMMITTED,
        headers=report.headers,
        header_row=report.header_row,
        mapping={str(index): key for index, key in report.mapping.items()},
        rows_read=report.rows_read,
        created_count=report.enrolments_created,
        updated_count=report.enrolments_updated + report.people_updated,
        unchanged_count=report.enrolments_unchanged,
        error_count=report.error_rows,
        errors=[[e.row, e.column, e.message] for e in report.errors[:1000]],
        validated_at=now,
        committed_at=now,
    )
    run.full_clean()
    run.save()
    LogEntry.objects.log_create(
        run,
        action=LogEntry.Action.CREATE,
        actor=user if getattr(user, "is_authenticated", False) else None,
        changes={
            "trainee_import": ["", original_name[:255]],
            "rows_read": ["", str(report.rows_read)],
            "people_created": ["", str(report.people_created)],
            "people_updated": ["", str(report.people_updated)],
            "enrolments_created": ["", str(report.enrolments_created)],
            "enrolments_updated": ["", str(report.enrolments_updated)],
            "rows_left_out_with_errors": ["", str(report.error_rows)],
            "committed_valid_rows_only": ["", "yes" if report.committed_valid_only else "no"],
        },
    )
    return run
