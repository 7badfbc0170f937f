"""Test data built once for several tests, then rolled back.

A fixture of module (or session) scope that writes rows opens a transaction with :func:`built_once`;
each test then runs in a savepoint inside it, so what a test writes is undone after it and what the
fixture wrote is undone after the last test of the scope. Use it only for data the tests read and do
not need fresh: a test that changes a shared row sees the row again as the fixture wrote it (the
savepoint rolls back), but a Python object a fixture returns keeps whatever a test set on it, so
fixtures hand out primary keys or re-read rows per test (see ``tests/assessments/conftest.py``).

Not for transactional tests (``transaction=True``, ``live_server``): they commit and flush.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from pytest_django import DjangoDbBlocker


@contextmanager
def built_once(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Within the block the database is open and in one transaction, rolled back when the block ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
