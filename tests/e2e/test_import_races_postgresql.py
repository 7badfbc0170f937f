"""Concurrent trainee imports on PostgreSQL (threads, real transactions): 20 overlapping files at once.

Before: of 50 overlapping imports in parallel 47 died of a deadlock (a traceback ending in "current
transaction is aborted") and the counts of the survivors were wrong ("1799 new" where 201 rows were
silently skipped because another import had inserted those people meanwhile). Now every import
succeeds, no NIK is duplicated, and the counts add up: each person is created exactly once across the
imports and counted as existing by every other import that names them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Count

from inkubator.imports.models import ImportRun, ImportStatus
from inkubator.people.models import Person
from inkubator.training.bulk import TRAINEE_WRITE_LOCK, TraineeImportReport, trainee_import
from inkubator.training.models import Enrollment
from tests.training.factories import BatchFactory
from tests.training.test_import import row, write_csv

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="locks and deadlocks are what is tested"),
]

IMPORTS = 20
ROWS = 120
STEP = 40  # each file shares two thirds of its people with the next one


def at_once(works: list[Callable[[], Any]]) -> list[Any]:
    """Run each of ``works`` in its own thread (own connection), released together; results in order."""
    barrier, results = threading.Barrier(len(works)), [None] * len(works)

    def run(index: int, work: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # noqa: BLE001 - the test looks at what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, work)) for index, work in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_overlapping_imports_at_once_all_succeed_with_true_counts(tmp_path: Path) -> None:
    batch = BatchFactory()
    files: list[Path] = []
    serials: list[range] = []
    for index in range(IMPORTS):
        numbers = range(1 + index * STEP, 1 + index * STEP + ROWS)
        serials.append(numbers)
        files.append(write_csv(tmp_path / f"peserta-{index}.csv", [row(number, batch.code) for number in numbers]))

    reports = at_once([lambda path=path: trainee_import(path=path) for path in files])

    failures = [report for report in reports if not isinstance(report, TraineeImportReport)]
    assert failures == []
    assert [report.errors[:3] for report in reports if not (report.written and report.ok)] == []
    everyone = set().union(*serials)
    assert Person.objects.count() == len(everyone)
    assert not Person.objects.values("nik").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert Enrollment.objects.count() == len(everyone)
    # Every person created once in all, and counted as already there by every other import naming them.
    assert sum(report.people_created for report in reports) == len(everyone)
    assert sum(report.enrolments_created for report in reports) == len(everyone)
    for report, numbers in zip(reports, serials, strict=True):
        assert report.people_created + report.people_existing == len(numbers)
        assert report.enrolments_created + report.enrolments_updated + report.enrolments_unchanged == len(numbers)
        assert report.people_updated == 0  # the same cells in every file: nothing to change
    runs = ImportRun.objects.filter(kind="trainees")
    assert runs.count() == IMPORTS and set(runs.values_list("status", flat=True)) == {ImportStatus.COMMITTED}
    assert sum(runs.values_list("created_count", flat=True)) == len(everyone)


def test_an_import_that_cannot_write_is_recorded_as_failed_with_its_reason(tmp_path: Path) -> None:
    """Another session holds the write turn and this one may wait only briefly: a real lock timeout."""
    batch = BatchFactory()
    path = write_csv(tmp_path / "peserta.csv", [row(number, batch.code) for number in range(1, 6)])
    holder_ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (TRAINEE_WRITE_LOCK,))
            holder_ready.set()
            release.wait(30)
            cursor.execute("SELECT pg_advisory_unlock(%s)", (TRAINEE_WRITE_LOCK,))
        connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holder_ready.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        with pytest.raises(ValidationError, match="lock"):
            trainee_import(path=path)
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    run = ImportRun.objects.get(kind="trainees")
    assert run.status == ImportStatus.FAILED and "lock" in run.errors[0][2]
    assert not Person.objects.exists() and not Enrollment.objects.exists()
