"""Fixtures of the demo tests.

A small demo load takes tens of seconds, so tests that only read what it wrote share one:
``demo_small`` loads it once per module (pinned to :data:`PINNED`, so its rows are the recorded
ones, see ``small_digest.txt``) and rolls it back after the module's last test. Modules using it
are one xdist group (``pytest.mark.xdist_group("demo_small")``) so that it is loaded by one worker.
Tests that check a load itself (determinism, the command) load into an empty database instead and
live in another module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from pytest_django import DjangoDbBlocker

from inkubator.demo.generator import DemoResult, demo_generate
from tests.once import built_once

PINNED = datetime.date(2026, 6, 15)


@pytest.fixture(scope="module")
def demo_small(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoResult]:
    """``manage.py demo_data --size small --seed 1 --today 2026-06-15``, for the tests of one module."""
    with built_once(django_db_blocker):
        _ids_unlike_sqlite()
        yield demo_generate(size="small", seed=1, today=PINNED)


def _ids_unlike_sqlite() -> None:
    """On PostgreSQL, move every sequence on by a different amount before the load.

    The recorded digest holds no database id (``demo/digest.py`` writes ranks), so it must not
    change when ids do. Whether they did used to depend on which tests ran before on the worker
    (PostgreSQL's sequences do not roll back): a demo value built from an id passed or failed by
    test order. Moved on here, every PostgreSQL run checks it.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for index, sequence in enumerate(connection.introspection.sequence_list()):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                [sequence["table"], sequence["column"], 10_000 + 7 * index],
            )
