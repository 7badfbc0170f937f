"""The demo's fast path for many rows: ``RowWriter`` (PostgreSQL ``COPY``, SQLite ``executemany``).

Django's ``bulk_create`` builds a model instance per row and compiles every value through the ORM:
about 14,000 rows/s on PostgreSQL, while ``COPY`` from Python writes ~56,000 (DESIGN.md, "Scale").
A demo step with more than a few thousand rows writes plain tuples through a ``RowWriter`` instead::

    from inkubator.demo.writer import RowWriter

    with RowWriter(MonthlyReport, ("tenant_id", "month", "revenue")) as reports:
        pk = reports.add(tenant_pk, datetime.date(2026, 1, 1), 4_000_000)  # the new row's id

Rules of the fast path (what keeps every row as valid as ``save()`` would):

* Values are given in the order of ``fields`` (attribute names: ``tenant_id``, not ``tenant``), as
  the Python values a model field holds (``date``, aware ``datetime``, ``Decimal``, ``dict`` for
  JSON); the writer converts them for the backend once per field kind, not through the ORM per value.
* Fields not named get their model default (``auto_now``/``auto_now_add`` fields: one timestamp for
  the load), so the caller writes only what it draws.
* Ids are allocated here, in order, above the table's highest id, so a caller links children to
  parents without reading anything back; on PostgreSQL the id sequence is set past them at the end
  (the table is locked against other writers meanwhile). Same seed, same ids, on either backend.
* Nothing here validates: the generator draws only valid values (NIKs of real districts, dates in
  order, scope paths from the parent), and the demo tests ``full_clean()`` a sample of every table.
"""

# The SQL below is built from the models' table and column names only; every value is a parameter
# or goes through COPY.
# ruff: noqa: S608
from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

CHUNK = 20_000  # rows held before a flush: a few MB at most


class _Clock:
    """Seconds spent writing (in ``flush``) since the process started: a demo step's share of the database."""

    seconds = 0.0


def write_seconds() -> float:
    """Seconds every ``RowWriter`` of this process spent writing so far (read before and after a step)."""
    return _Clock.seconds


def _sqlite_converter(field: models.Field) -> Callable[[Any], Any] | None:
    # Dates go through the ``sqlite3`` adapter Django registers (``isoformat``). An aware datetime is
    # stored as Django stores it with USE_TZ (the connection's zone is UTC): naive UTC, "YYYY-MM-DD
    # HH:MM:SS[.ffffff]", what ``adapt_datetimefield_value`` gives, without its per-value settings lookups.
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return lambda value: (
            value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
            if value.tzinfo is not None
            else field.get_db_prep_save(value, connection)
        )
    if kind in {"DecimalField", "JSONField", "TimeField", "UUIDField", "DurationField"}:
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _postgres_converter(field: models.Field) -> Callable[[Any], Any] | None:
    # psycopg adapts dates, aware datetimes, Decimals, booleans and numbers itself; JSON goes as text.
    if field.get_internal_type() == "JSONField":
        return lambda value: None if value is None else json.dumps(value, cls=field.encoder)
    return None


class RowWriter:
    """Appends rows of one model: ``add(*values)`` returns the new id; ``close()`` writes what is left.

    Use as a context manager. One writer per table at a time (ids are counted from the table's highest).
    """

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, now: datetime.datetime | None = None):
        self.model = model
        self.postgres = connection.vendor == "postgresql"
        meta = model._meta
        by_attname = {f.attname: f for f in meta.concrete_fields}
        unknown = [name for name in fields if name not in by_attname]
        if unknown:
            raise ValueError(f"{meta.label} has no field {', '.join(unknown)}")
        pk = meta.pk
        self.auto_pk = isinstance(pk, models.AutoField) and pk.attname not in fields
        now = now or timezone.now()
        # The named fields come from the caller; every other column gets its default (one value per load).
        self.fields = [by_attname[name] for name in fields]
        fixed: list[tuple[models.Field, Any]] = []
        for field in meta.concrete_fields:
            if field.attname in fields or (field is pk and self.auto_pk):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                fixed.append((field, now))
            else:
                fixed.append((field, field.get_default()))
        converter = _postgres_converter if self.postgres else _sqlite_converter
        self.converters = [converter(field) for field in self.fields]
        self.fixed = tuple(
            (conv(value) if (conv := converter(field)) else value) if value is not None else None
            for field, value in fixed
        )
        columns = ([pk.column] if self.auto_pk else []) + [f.column for f in self.fields] + [f.column for f, _ in fixed]
        quote = connection.ops.quote_name
        self.table = quote(meta.db_table)
        names = ", ".join(quote(column) for column in columns)
        if self.postgres:
            self.sql = f"COPY {self.table} ({names}) FROM STDIN"
        else:
            self.sql = f"INSERT INTO {self.table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        self.next_id = 1
        with connection.cursor() as cursor:
            if self.postgres:
                # Other writers wait until this load commits: ids are counted from the highest here.
                cursor.execute(f"LOCK TABLE {self.table} IN SHARE ROW EXCLUSIVE MODE")
            if self.auto_pk:
                cursor.execute(f"SELECT MAX({quote(pk.column)}) FROM {self.table}")
                self.next_id = int(cursor.fetchone()[0] or 0) + 1
        # Only the fields with a converter are touched per row (most rows have one or none).
        self.converting = tuple((index, conv) for index, conv in enumerate(self.converters) if conv is not None)
        self.plain = not self.converting

    def add(self, *values: Any) -> int:
        """Queue one row (values in the order of ``fields``); returns its id (0 when the caller gave the pk)."""
        if len(values) != len(self.fields):
            raise ValueError(f"{self.model._meta.label}: {len(values)} values for {len(self.fields)} fields")
        if not self.plain:
            values = list(values)
            for index, conv in self.converting:
                if values[index] is not None:
                    values[index] = conv(values[index])
        pk = 0
        if self.auto_pk:
            pk = self.next_id
            self.next_id += 1
            self.rows.append((pk, *values, *self.fixed))
        else:
            self.rows.append((*values, *self.fixed))
        if len(self.rows) >= CHUNK:
            self.flush()
        return pk

    def flush(self) -> None:
        """Write the queued rows."""
        if not self.rows:
            return
        started = time.perf_counter()
        if self.postgres:
            with connection.cursor() as cursor, cursor.copy(self.sql) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            connection.ensure_connection()
            connection.connection.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows = []
        _Clock.seconds += time.perf_counter() - started

    def close(self) -> int:
        """Write what is left and move the id sequence past the new rows; returns how many rows were written."""
        self.flush()
        if self.postgres and self.auto_pk and self.count:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                    cursor.execute(sql)
        return self.count

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.close()
