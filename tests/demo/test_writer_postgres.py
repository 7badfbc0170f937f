"""The fast writer against a concurrent ORM insert, on PostgreSQL with real transactions in two threads.

The writer counts ids on from the table's highest and moves the sequence past them at the end; a
writer without its table lock would let an ``INSERT`` of another connection take an id from the
sequence that the load is about to use. With the lock, that insert waits for the load to commit and
then gets a later id. (SQLite serialises writers by itself: one writing transaction at a time.)
"""

from __future__ import annotations

import threading

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, connections, transaction

from inkubator.demo.writer import RowWriter
from inkubator.partners.models import Partner
from inkubator.programmes.models import IndicatorSummary, IndicatorSummaryState

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="table locks and sequences of PostgreSQL"),
]
NAMES = ("Mitra Cepat 1", "Mitra Cepat 2", "Mitra Cepat 3", "Mitra ORM")


def _waits(pid: int) -> bool:
    """Whether the backend ``pid`` is waiting for a lock (the table's, or a row id another transaction holds)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
        return cursor.fetchone()[0] > 0


def test_an_insert_during_a_fast_load_waits_for_it_and_takes_a_later_id() -> None:
    loaded, ids, errors, pids = threading.Event(), {}, [], []
    # The sequence restarts at the table's highest id + 1: what the writer counts from as well.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Partner]):
            cursor.execute(sql)

    def load() -> None:
        try:
            with transaction.atomic():
                rows = RowWriter(Partner, ("name", "kind", "province_id"))
                for name in NAMES[:3]:
                    ids[name] = rows.add(name, Partner.Kind.COMPANY, "32")
                rows.flush()  # written, not yet committed, the sequence not yet moved
                loaded.set()
                for _attempt in range(100_000):  # until the other insert is queued behind this load
                    if _waits(pids[0]):
                        break
                rows.close()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
            loaded.set()
        finally:
            connections.close_all()

    def insert() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pids.append(cursor.fetchone()[0])
            loaded.wait()
            ids["Mitra ORM"] = Partner.objects.create(name="Mitra ORM", kind=Partner.Kind.BANK, province_id="32").pk
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=insert), threading.Thread(target=load)]
    try:
        threads[0].start()
        while not pids and threads[0].is_alive():
            threads[0].join(0.01)
        threads[1].start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors
        assert len(set(ids.values())) == 4
        assert ids["Mitra ORM"] > max(ids[name] for name in NAMES[:3])
    finally:
        # The threads committed for real (outside the test's transaction): remove what they wrote, and
        # what their commit set off: the ORM insert's audit entry and the indicator-summary rebuild that
        # entry asked for (stale summaries left here were served as 0 to later tests on this worker).
        def clean() -> None:
            written = list(Partner.objects.filter(name__in=NAMES).values_list("pk", flat=True))
            Partner.objects.filter(pk__in=written).delete()
            LogEntry.objects.filter(  # the insert's entry and the deletes' own
                content_type=ContentType.objects.get_for_model(Partner), object_pk__in=[str(pk) for pk in written]
            ).delete()
            IndicatorSummary.objects.all().delete()
            IndicatorSummaryState.objects.all().delete()
            connections.close_all()

        cleaner = threading.Thread(target=clean)
        cleaner.start()
        cleaner.join()
