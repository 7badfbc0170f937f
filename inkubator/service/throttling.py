"""Per-address rate limits of the public pages (registration, status): no CAPTCHA service from another host.

A fixed window per action (``SERVICE_RATE_WINDOW`` seconds) and a limit per action from settings
(``SERVICE_REGISTRATION_LIMIT``, ``SERVICE_STATUS_LIMIT``). The count is one row per address digest
and window in ``AddressCount``, incremented in the database so that every worker shares it. The
address is the one django-axes reads (``AXES_IPWARE_*`` settings decide which proxy header counts).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from .models import AddressCount


def _key(action: str, address: str) -> str:
    # Keyed, so that the table does not hold addresses a dictionary of 4 billion would reverse.
    return hmac.new(settings.SECRET_KEY.encode(), f"{action}:{address}".encode(), hashlib.sha256).hexdigest()


def _window_start(now: datetime.datetime, seconds: int) -> datetime.datetime:
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % seconds, tz=datetime.UTC)


def address_hit(request: HttpRequest, *, action: str, limit: int) -> bool:
    """Count one request of ``action`` from the request's address; False once ``limit`` is passed.

    The count is taken before the answer, so a burst past the limit is refused as it comes.
    """
    address = get_client_ip_address(request) or "unknown"
    key = _key(action, address)
    window = _window_start(timezone.now(), settings.SERVICE_RATE_WINDOW)
    # One statement, atomic in the database (PostgreSQL and SQLite ≥ 3.35 both have upsert with
    # RETURNING): two workers counting the same address at once both count.
    table = AddressCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "window", "count") VALUES (%s, %s, 1) '  # noqa: S608 - the model's table
            f'ON CONFLICT ("key", "window") DO UPDATE SET "count" = {table}."count" + 1 RETURNING "count"',
            [key, window],
        )
        count = cursor.fetchone()[0]
    return count <= limit


def address_counts_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget windows that ended (run with the daily retention task); returns how many rows went."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.SERVICE_RATE_WINDOW)
    deleted, _ = AddressCount.objects.filter(window__lt=cutoff).delete()
    return deleted
