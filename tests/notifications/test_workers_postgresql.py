"""Two task workers sending at once never send one message twice (SKIP LOCKED), on PostgreSQL with
real transactions in threads."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from inkubator.notifications.models import Notification, Status
from inkubator.notifications.services import Draft, notifications_queue, notifications_send_due
from inkubator.notifications.sms import LocmemSmsBackend

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL"),
]


def test_four_workers_send_300_messages_each_exactly_once() -> None:
    LocmemSmsBackend.outbox.clear()
    drafts = [Draft(event="test.bulk", subject="Pesan", body=str(n), phone=f"+62812000{n:05d}") for n in range(300)]
    notifications_queue(drafts)  # autocommit: the on-commit send runs here, so take the rows back
    Notification.objects.update(status=Status.QUEUED, attempts=0, sent_at=None)
    LocmemSmsBackend.outbox.clear()
    Notification.objects.filter(channel="in_app").delete()
    errors: list[Exception] = []
    start = threading.Barrier(4)

    def work() -> None:
        try:
            start.wait()
            while any(notifications_send_due(limit=20).values()):
                pass
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    sent = Counter(to for to, _text in LocmemSmsBackend.outbox)
    assert len(sent) == 300 and set(sent.values()) == {1}
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
