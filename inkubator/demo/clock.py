"""The demo's "today": the real date, unless a load is pinned to a day (tests, digests across backends).

Every demo step reads the date through :func:`demo_today`, never ``date.today()``, so that a load
pinned with ``demo_generate(..., today=...)`` writes the same rows whenever it runs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_PINNED: ContextVar[datetime.date | None] = ContextVar("demo_today", default=None)


def demo_today() -> datetime.date:
    """The day the demo is written for."""
    return _PINNED.get() or timezone.localdate()


@contextmanager
def pinned(day: datetime.date | None) -> Iterator[None]:
    """Within the block, :func:`demo_today` is ``day`` (``None``: the real date)."""
    token = _PINNED.set(day)
    try:
        yield
    finally:
        _PINNED.reset(token)
