"""Sending notifications on the django-tasks API (the database queue in production).

After each commit that queued notifications, one send runs; while messages wait (a retry, a reminder
for the day before a batch starts), the send queues itself again for the earliest of them. With a
backend that cannot defer (the tests' and ``make run``'s ``ImmediateBackend``) the send runs at once
and nothing is chained; ``manage.py send_notifications`` sends what is due from cron as well.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Min
from django_tasks import task

from .models import Notification, Status
from .services import notifications_send_all

CHAIN_KEY = "notifications:next"


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
    """After a commit that queued notifications: send now."""
    notifications_send_task.enqueue()
