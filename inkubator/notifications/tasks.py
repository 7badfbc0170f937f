"""Sending notifications on the django-tasks API (the database queue in production).

After a commit that queued notifications a send runs within ``SEND_AFTER`` (two seconds; one queued
send serves every commit of the process until it starts); while messages wait (a retry, a reminder
for the day before a batch starts), the send queues itself again for the earliest of them. With a
backend that cannot defer (the tests' and ``make run``'s ``ImmediateBackend``) the send runs at once
and nothing is chained; ``manage.py send_notifications`` sends what is due from cron as well.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django_tasks import task

from .models import Notification, Status
from .services import notifications_send_all

CHAIN_KEY = "notifications:next"
# After a commit the send is queued this much later, and every commit of this process until then
# relies on it: a registration surge (issue 12) queued one task per registration, a write of its own.
SEND_AFTER = datetime.timedelta(seconds=2)
# A send this close to its start is not relied on: the worker's clock may run ahead of this machine's.
CLOCK_MARGIN = datetime.timedelta(seconds=0.5)
_queued_for: datetime.datetime | None = None  # when the send this process queued last starts


@task()
def notifications_send_task() -> dict[str, int]:
    """Send every due notification (in batches), then queue the next run for what waits."""
    total = notifications_send_all()
    cache.delete(CHAIN_KEY)
    _chain()
    return total


def _defers() -> bool:
    return bool(notifications_send_task.get_backend().supports_defer)


def _chain() -> None:
    if not _defers():
        return
    earliest = Notification.objects.filter(status=Status.QUEUED).aggregate(at=Min("send_after"))["at"]
    if earliest is not None and cache.add(CHAIN_KEY, 1, 3600):
        notifications_send_task.using(run_after=earliest).enqueue()


def send_soon() -> None:
    """After a commit that queued notifications: have them sent within ``SEND_AFTER``.

    A send queued by this process that has not started yet is enough: it starts after this commit, so
    it finds the rows just written. Otherwise one is queued to start ``SEND_AFTER`` from now. With a
    backend that cannot defer, the send runs now.
    """
    global _queued_for
    if not _defers():
        notifications_send_task.enqueue()
        return
    now = timezone.now()
    if _queued_for is not None and _queued_for > now + CLOCK_MARGIN:
        return
    _queued_for = now + SEND_AFTER
    notifications_send_task.using(run_after=_queued_for).enqueue()
