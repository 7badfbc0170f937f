"""The bulk import of trainees: any size, streamed, validated, then written in one transaction.

How it stays fast and flat (DESIGN.md, "Scale"): the file is read row by row by the import
framework's one reader (``imports.reading``, with this kind's limits) and each row is checked on
its own (``trainee_rows``); good rows go in
chunks into a temporary staging table (PostgreSQL ``COPY``, SQLite ``executemany``), bad rows leave
only their messages (kept up to ``MAX_KEPT_ERRORS``). Duplicates inside the file and matches with
the database are then found in SQL on the staging table, and the writes are set-based ``INSERT …
SELECT`` / ``UPDATE … FROM`` statements: Python holds one chunk at a time whatever the file's size.
On PostgreSQL a file of new people without a bad row (a centre's first list, the common case) is
written while it is read instead (``_import_writing_as_read``): each checked chunk is COPYed into the
tables by a second thread while the next chunk is checked, still in one transaction that commits
after the last row; any bad row or known NIK rolls that back and the file goes the staged way.

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

import datetime
import gc
import hashlib
import queue
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.imports.cells import as_text
from inkubator.imports.mapping import ImportSpec
from inkubator.imports.models import ImportRun, ImportStatus
from inkubator.imports.parsing import HEADER_SEARCH_ROWS, MIN_HEADER_SCORE
from inkubator.imports.reading import file_format, iter_rows
from inkubator.imports.values import Unresolved, UnresolvedTally, ValueMap, merge, value_map_for
from inkubator.people.models import Person
from inkubator.people.name_copies import name_copies_refresh
from inkubator.people.nik import district_codes

from .choices import EnrollmentStatus
from .models import Enrollment
from .trainee_rows import STAGE_COLUMNS, TRAINEE_LIMITS, TRAINEE_SPEC, Problem, RowChecker, TraineeRow

# The advisory lock key of trainee writes (any constant unique to this use; "TRAINEE" in hex digits).
TRAINEE_WRITE_LOCK = 0x7261_1AEE
CHUNK = 5_000  # rows per staging write: a few MB at most in Python
CHECK_CHUNK = 1_000  # rows checked together (``RowChecker.check_chunk``): the writes' chunks are whole ones
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
    # Cells that named nothing in a master list (sex, status, batch code …), each once with its rows.
    tally: UnresolvedTally = field(default_factory=UnresolvedTally)

    def unresolved(self) -> list[Unresolved]:
        """Each distinct value that matched no master list, once, with its suggestions and rows."""
        return self.tally.entries()

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
    if _postgres():
        # Temporary tables are never analysed by autovacuum: without statistics the planner picks
        # nested loops over the whole staging table. What it needs is the row count and the spread of
        # the join keys: a sample of 3,000 rows of those three columns gives them, where the default
        # (30,000 rows of every column) took a tenth of a 30,000-row import.
        cursor.execute("SET LOCAL default_statistics_target = 10")
        cursor.execute(f"ANALYZE {STAGE} (nik, batch_id, row)")
        cursor.execute("SET LOCAL default_statistics_target TO DEFAULT")
    # Most files repeat no NIK: one grouping (a hash over the staged rows) says so, and then there is
    # nothing to mark, delete or split; the indexes and updates below cost a tenth of an import.
    if not _scalar(cursor, f"SELECT COUNT(*) FROM (SELECT nik FROM {STAGE} GROUP BY nik HAVING COUNT(*) > 1) r"):
        return STAGE
    cursor.execute(f"CREATE INDEX {STAGE}_nik ON {STAGE} (nik, batch_id, row)")
    cursor.execute(f"CREATE INDEX {STAGE}_row ON {STAGE} (row)")
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
    if people_updated:
        # A renamed person's name is also kept on rows sorted by it (the tenant list): refresh those copies.
        # ``first`` is this module's own staging table name, never text from the file.
        staged = RawSQL(f"SELECT nik FROM {first}", ())  # noqa: S611
        name_copies_refresh(person_ids=Person.objects.filter(nik__in=staged))
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
    values: ValueMap | None = None,
) -> TraineeImportReport:
    """Import a trainee list (CSV or XLSX at ``path``) for ``user`` (None: the system, full scope).

    ``values``: reconciled values given now ({column key: {choice_key(value): meaning}}), applied
    after the mappings ``user``'s organisation keeps; unknown values are in ``report.unresolved()``.

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
                path=path,
                user=user,
                dry_run=dry_run,
                commit_valid=commit_valid,
                original_name=original_name,
                values=values,
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


@dataclass
class _Prepared:
    """A file opened for import: its header, mapping, rows still to read, and the row checker."""

    path: Path
    report: TraineeImportReport
    header_of: dict[str, str]
    keyed: list[tuple[int, str]]
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    checker: RowChecker

    def checked(self, first: int = CHECK_CHUNK) -> Iterator[list[tuple[int, TraineeRow | None, list[Problem]]]]:
        """The rows that are not blank, checked a chunk at a time (``RowChecker.check_chunk``), the first ``first``.

        Unknown values the checker noted go to the report's tally, ranked once per distinct value.
        """
        rows, checker, keyed = self.rows, self.checker, self.keyed
        tally, header_of = self.report.tally, self.header_of
        size = first
        while chunk := list(islice(rows, size)):
            checked = checker.check_chunk(chunk, keyed)
            for number, key, cell in checker.found:
                text = as_text(cell)
                tally.add(number, key, header_of[key], text, lambda key=key, text=text: checker.suggest(key, text))
            checker.found.clear()
            yield checked
            size = CHECK_CHUNK


@contextmanager
def _cycles_paused() -> Iterator[None]:
    """Python's cycle collector paused while rows are read and checked (restored after, as it was).

    The rows are tuples of text, numbers and dates, freed by reference counting and never in a
    cycle; but a chunk of them alive at once makes the collector run again and again and, once
    they outnumber a quarter of the process's old objects, walk all of Django's (a 30,000-row file:
    about 0.2 s of collections, two thirds of the checks' own time). Nothing is held longer for it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _prepare(path: Path | str, user: Any, values: ValueMap | None = None) -> _Prepared:
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
    # The organisation's reconciled values, then those given now (a values file: they win).
    known_values = merge(value_map_for(kind="trainees", user=user), values)
    checker = RowChecker(user=user, districts=district_codes(), values=known_values)
    return _Prepared(path, report, header_of, list(mapping.items()), rows, checker)


def _empty_file() -> ValidationError:
    # A header alone would record an empty import: most likely the wrong file.
    return ValidationError(_("The file has a header but no rows under it."), code="empty")


def _trainee_import_once(
    *, path: Path | str, user: Any, dry_run: bool, commit_valid: bool, original_name: str, values: ValueMap | None
) -> TraineeImportReport:
    with _cycles_paused():
        if _postgres() and not dry_run:
            try:
                return _import_writing_as_read(path=path, user=user, original_name=original_name, values=values)
            except _NotClean:
                pass  # rolled back whole: the file is read again and staged, as a dry run would
        return _import_staged(
            path=path,
            user=user,
            dry_run=dry_run,
            commit_valid=commit_valid,
            original_name=original_name,
            values=values,
        )


def _import_staged(
    *, path: Path | str, user: Any, dry_run: bool, commit_valid: bool, original_name: str, values: ValueMap | None
) -> TraineeImportReport:
    """Every row checked and staged first, duplicates found on the whole stage, then the set-based writes."""
    prepared = _prepare(path, user, values)
    report, header_of = prepared.report, prepared.header_of
    with transaction.atomic(), connection.cursor() as cursor:
        stage_create(cursor)
        # No try/finally around the staging table: after a database error the transaction is
        # aborted and a DROP would only hide the error; the rollback removes the table anyway.
        chunk: list[TraineeRow] = []
        staged = 0
        for checked in prepared.checked():
            for number, row, errors in checked:
                report.rows_read += 1
                if row is None:
                    report.error_rows += 1
                    for key, message in errors:
                        report.add_error(number, header_of[key], message)
                    continue
                chunk.append(row)
                staged += 1
            if len(chunk) >= CHUNK:
                stage_load(cursor, chunk)
                chunk = []
        if chunk:
            stage_load(cursor, chunk)
        del chunk
        if not report.rows_read:
            raise _empty_file()
        first = find_duplicates(cursor, report, header_of)
        report.errors.sort(key=lambda error: error.row)
        if dry_run or (not report.ok and not commit_valid):
            count_plan(cursor, report, first)
            stage_drop(cursor)
            return report
        # From here on this import writes alone; what others wrote meanwhile is committed, so a
        # person another import just added is matched and updated here. The counts are those of
        # the writes themselves: every staged person is either inserted or was there (then
        # updated or left alone), and the same for every staged enrolment.
        lock_writes(cursor)
        enrolments = staged - report.duplicates_in_file
        people = enrolments if first == STAGE else _scalar(cursor, f"SELECT COUNT(*) FROM {first}")
        created, updated, enrolled, changed = write_staged(cursor, first)
        _count_written(report, (created, updated, enrolled, changed), people=people, enrolments=enrolments)
        report.committed_valid_only = not report.ok
        report.run = _record(report, path=prepared.path, user=user, original_name=original_name or prepared.path.name)
        stage_drop(cursor)
    return report


def _count_written(
    report: TraineeImportReport, written: tuple[int, int, int, int], *, people: int, enrolments: int
) -> None:
    """The report's counts from the writes' own row counts, for ``people`` distinct staged people and ``enrolments``."""
    created, updated, enrolled, changed = written
    report.people_created, report.people_updated = created, updated
    report.people_existing = people - created
    report.people_unchanged = report.people_existing - updated
    report.enrolments_created, report.enrolments_updated = enrolled, changed
    report.enrolments_unchanged = enrolments - enrolled - changed
    report.written = True


# Writing while reading (PostgreSQL) ---------------------------------------------------------------

NEW_PERSON_COLUMNS = (
    "id, nik, name, name_key, sex, birth_place, birth_date, phone, address, regency_id, education, created_at, "
    "updated_at"
)
NEW_ENROLMENT_COLUMNS = "person_id, batch_id, status, attendance, created_at, updated_at"
WRITE_CHUNK = 5_000  # rows per write while reading: the last chunk's writes are the only ones not overlapped
# The first chunk is small: the database waits for it with nothing to do (the checks of a
# 5,000-row chunk are a tenth of a 30,000-row import).
FIRST_WRITE_CHUNK = 1_000


class _NotClean(Exception):
    """The file has a bad row or repeats a NIK: the writes so far are rolled back and it is staged first."""


class _ChunkWriter:
    """COPYs checked chunks of new people into the real tables from a second thread, on the import's connection.

    The thread that reads and checks rows (Python, holding the GIL) hands each chunk over and goes on
    with the next; this thread spends its time waiting on PostgreSQL (psycopg releases the GIL while
    it waits), so the database's work on chunk n and Python's checks of chunk n+1 run side by side
    on two cores. Only this thread touches the connection inside ``with``; at most two chunks wait.

    Every person is written as new: one already registered, or named by an earlier row of the file,
    or registered meanwhile by another writer (not a trainee import: those wait for this one's
    turn) fails the COPY on a unique key, and the import is then rolled back and done the staged way,
    which matches and counts them (``repeated``).
    """

    def __init__(self, raw_connection: Any, sequence: str) -> None:
        self.raw = raw_connection
        self.sequence = sequence  # of the person ids
        self.jobs: queue.Queue[tuple[int, tuple[list[str], list[str]]] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.repeated = False
        self.written = 0

    def __enter__(self) -> _ChunkWriter:
        self.thread = threading.Thread(target=self._run, name="trainee-import-writer", daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        # Wait for the chunks handed over (skipped once one failed): the connection is the caller's again.
        self.jobs.put(None)
        self.thread.join()

    def put(self, count: int, lines: tuple[list[str], list[str]]) -> None:
        """Hand over a chunk: how many people, and their person and enrolment COPY lines (``_copy_lines``)."""
        if not self.stopped:
            self.jobs.put((count, lines))

    @property
    def stopped(self) -> bool:
        return self.error is not None or self.repeated

    def _run(self) -> None:
        from psycopg.errors import UniqueViolation  # PostgreSQL only, as this way of writing

        cursor = None
        try:
            cursor = self.raw.cursor()
        except BaseException as error:  # noqa: BLE001 - handed to the reading thread, which raises it
            self.error = error
        # Whatever happens, every chunk is taken off the queue (skipped once one failed), so that
        # the reading thread never waits forever on a full queue.
        while (job := self.jobs.get()) is not None:
            if self.stopped:
                continue
            try:
                self._write(cursor, *job)
            except UniqueViolation:
                self.repeated = True
            except BaseException as error:  # noqa: BLE001 - handed to the reading thread, which raises it
                self.error = error
        if cursor is not None:
            cursor.close()

    def _write(self, cursor: Any, count: int, lines: tuple[list[str], list[str]]) -> None:
        """The people's ids from their sequence first, so that the enrolments name them without a read back.

        The COPY lines come formatted from the reading thread but for the id: this thread holds the
        GIL only to join them, so it never waits long for the reading thread to let go of it.
        """
        # The sequence named once (``%s::regclass`` is resolved when planned): naming it through
        # pg_get_serial_sequence in the select list looks it up again for every id, three times the cost.
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", (self.sequence, count))
        ids = [pk for (pk,) in cursor.fetchall()]
        people, enrolments = lines
        ids = list(map(str, ids))
        with cursor.copy(f"COPY {_q(Person._meta.db_table)} ({NEW_PERSON_COLUMNS}) FROM STDIN") as copy:
            copy.write("".join(map("\t".join, zip(ids, people, strict=True))))
        with cursor.copy(f"COPY {_q(Enrollment._meta.db_table)} ({NEW_ENROLMENT_COLUMNS}) FROM STDIN") as copy:
            copy.write("".join(map("\t".join, zip(ids, enrolments, strict=True))))
        self.written += count


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_lines(rows: list[TraineeRow], stamp: str) -> tuple[list[str], list[str]]:
    """The rows' people and enrolments as lines of COPY text, each without its leading person id.

    Column by column (each a tuple of the chunk's values), joined by ``str.join``: no Python code
    runs per row unless a free text needs escaping. Of the columns only the name (and so its key),
    the place of birth and the address are free text; the rest are digits, codes, dates and numbers
    the check produced.
    """
    if not rows:
        return [], []
    (_numbers, niks, names, keys, sexes, places, births, phones, addresses, regencies, educations, batches,
     statuses, attendances) = zip(*rows, strict=True)  # fmt: skip
    free = "".join(names) + "".join(places) + "".join(addresses)
    if "\\" in free or "\t" in free or "\n" in free or "\r" in free:
        names, keys, places, addresses = (
            [value.translate(_COPY_ESCAPES) for value in column] for column in (names, keys, places, addresses)
        )
    stamps, ends = [stamp] * len(rows), [stamp + "\n"] * len(rows)
    dates = map(datetime.date.isoformat, births)
    people = list(map("\t".join, zip(niks, names, keys, sexes, places, dates, phones, addresses, regencies,
                                      educations, stamps, ends, strict=True)))  # fmt: skip
    registered = EnrollmentStatus.REGISTERED.value
    statuses = [status or registered for status in statuses]
    if attendances.count(None) == len(rows):
        shares = ["\\N"] * len(rows)
    else:
        shares = ["\\N" if share is None else str(share) for share in attendances]
    enrolments = list(map("\t".join, zip(map(str, batches), statuses, shares, stamps, ends, strict=True)))
    return people, enrolments


def _foreign_keys(cursor: Any) -> list[str]:
    """The deferrable foreign keys of the person and enrolment tables (checked once all chunks are written)."""
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE contype = 'f' AND condeferrable AND conrelid IN (%s::regclass, "
        "%s::regclass) ORDER BY conname",
        (Person._meta.db_table, Enrollment._meta.db_table),
    )
    return [_q(name) for (name,) in cursor.fetchall()]


def _import_writing_as_read(
    *, path: Path | str, user: Any, original_name: str, values: ValueMap | None = None
) -> TraineeImportReport:
    """The import of a clean file of new people: each chunk written into the tables while the next is checked.

    The transaction takes the write turn (``lock_writes``) first and keeps it; nothing is visible
    to anyone before the one commit after the last row. A bad row, a NIK twice in the file or one
    already registered raises ``_NotClean`` (everything rolled back): such a file goes the staged
    way, which names every problem, matches registered people and counts what it did. The foreign
    keys of the written rows are checked once after the last chunk, as COPY into the tables would:
    checked after each chunk (to spend that time while Python checked rows) they cost the database
    a tenth more, and the database is now the slower side.
    """
    prepared = _prepare(path, user, values)
    report = prepared.report
    with transaction.atomic(), connection.cursor() as cursor:
        lock_writes(cursor)
        keys = ", ".join(_foreign_keys(cursor))
        stamp = timezone.now().isoformat()
        rows_read = 0
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", (Person._meta.db_table,))
        sequence = cursor.fetchone()[0]
        with _ChunkWriter(connection.connection, sequence) as writer:
            people: list[str] = []
            enrolments: list[str] = []
            size = min(FIRST_WRITE_CHUNK, WRITE_CHUNK)
            for checked in prepared.checked(first=size):
                rows = [row for _number, row, _errors in checked]
                if None in rows:
                    raise _NotClean
                person_lines, enrolment_lines = _copy_lines(rows, stamp)
                people += person_lines
                enrolments += enrolment_lines
                rows_read += len(checked)
                if writer.stopped:
                    raise _NotClean
                if len(people) >= size:
                    writer.put(len(people), (people, enrolments))
                    people, enrolments, size = [], [], WRITE_CHUNK
            if people:
                writer.put(len(people), (people, enrolments))
        if writer.error is not None:
            with connection.wrap_database_errors:  # a psycopg error as Django's (the retry reads its code)
                raise writer.error
        if writer.repeated:
            raise _NotClean
        if not rows_read:
            raise _empty_file()
        # Every foreign key of the written rows checked now, in one pass (a violation fails here, not in
        # the commit), then deferred again as Django's transactions expect.
        cursor.execute(f"SET CONSTRAINTS {keys} IMMEDIATE")
        cursor.execute(f"SET CONSTRAINTS {keys} DEFERRED")
        report.rows_read = rows_read
        _count_written(report, (writer.written, 0, writer.written, 0), people=rows_read, enrolments=rows_read)
        report.run = _record(report, path=prepared.path, user=user, original_name=original_name or prepared.path.name)
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
