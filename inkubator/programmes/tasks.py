"""Keeping the indicator summaries current, on the django-tasks API (the database queue in production).

Two triggers, so that figures are at most minutes old whatever writes them:

* **soon after a write**: every audit entry (every service writes one per change, a bulk import one
  for the whole run) asks for a refresh once its transaction commits; the first ask opens a window of
  ``SUMMARY_SOON_SECONDS`` and queues one refresh at its end, which counts every write of the window;
* **every ``SUMMARY_REFRESH_SECONDS``**: each periodic refresh queues the next (``run_after``), for
  what no audit entry announces (the demo, SQL run by hand). The chain starts with the first write's
  refresh or ``manage.py refresh_summaries --schedule``; a flag in the shared cache keeps it single.

With a backend that cannot defer (the tests' ``ImmediateBackend``) a write's refresh runs at once and
nothing is chained.
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .summaries import summaries_refresh

SOON_KEY = "indicator-summaries:soon"  # a refresh is queued for the end of the current window
CHAIN_KEY = "indicator-summaries:chain"  # a periodic refresh is queued
_paused: contextvars.ContextVar[bool] = contextvars.ContextVar("indicator_summaries_paused", default=False)


def _soon_seconds() -> int:
    return int(getattr(settings, "SUMMARY_SOON_SECONDS", 30))


def _period_seconds() -> int:
    return int(getattr(settings, "SUMMARY_REFRESH_SECONDS", 300))


@task()
def summaries_refresh_task(periodic: bool = False) -> int:
    """Rebuild every indicator summary; a periodic run queues the next one. Returns the indicators done."""
    done = len(summaries_refresh())
    if periodic:
        cache.set(CHAIN_KEY, 1, 2 * _period_seconds())
        _enqueue_periodic()
    else:
        schedule_refresh()
    return done


def _defers() -> bool:
    return bool(summaries_refresh_task.get_backend().supports_defer)


def _enqueue_periodic() -> None:
    run_after = timezone.now() + datetime.timedelta(seconds=_period_seconds())
    summaries_refresh_task.using(run_after=run_after).enqueue(periodic=True)


def schedule_refresh() -> bool:
    """Start the periodic chain unless one is queued; whether it started one."""
    if not _defers() or not cache.add(CHAIN_KEY, 1, 2 * _period_seconds()):
        return False
    _enqueue_periodic()
    return True


def _refresh_soon() -> None:
    """After a commit: queue one refresh at the end of the window, unless one is queued already."""
    if not _defers():
        summaries_refresh_task.enqueue()
        return
    # A read first: in a burst of writes (a registration surge) the window is nearly always open, and a
    # read is one query where the database cache's add is four (a count for culling, a read, a write).
    if cache.get(SOON_KEY) is None and cache.add(SOON_KEY, 1, _soon_seconds()):
        run_after = timezone.now() + datetime.timedelta(seconds=_soon_seconds())
        summaries_refresh_task.using(run_after=run_after).enqueue()


def summaries_changed(**kwargs: Any) -> None:
    """Receiver of every audit entry saved: ask for a refresh once the transaction commits.

    Only after the commit, and only once per transaction: the shared cache is the database, and a
    flag written inside the writer's transaction would make concurrent writers wait on each other.
    """
    if kwargs.get("raw") or _paused.get():
        return
    if _defers():
        # Once per transaction: an import's thousand entries need one look at the cache, not a thousand.
        pending = getattr(transaction.get_connection(), "run_on_commit", ())
        if any(entry[1] is _refresh_soon for entry in pending):
            return
    transaction.on_commit(_refresh_soon)


@contextmanager
def summaries_paused() -> Iterator[None]:
    """Within the block, writes ask for no refresh: for a bulk load that rebuilds the summaries itself at
    its end (``demo_data``), where one rebuild per service call made the small demo take minutes."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
