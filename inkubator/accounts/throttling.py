"""A limit on failed sign-ins per network address, beside django-axes' per-account lock-out.

django-axes locks one username from one address after ``AXES_FAILURE_LIMIT`` failures. That leaves
password spraying open: one address trying a few passwords on every account. This counts the failures
of *all* usernames from one address, from the attempts django-axes already records in the database
(``AccessAttempt``: one row per username, address and browser, with its failure count and last
attempt). Being in the database, the count is shared by every web worker on every machine, unlike a
per-process cache. A success resets only the row of the account that signed in (axes'
``AXES_RESET_ON_SUCCESS``), so one known account cannot wipe the address's record.

The limit is higher than the per-account one because an office behind one address (a provincial
labour office, a university network) has many honest users who mistype.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

LIMITED_FLAG = "inkubator_address_limited"


def address_failures(ip_address: str | None) -> int:
    """Failed sign-ins from ``ip_address`` within the cool-off period, over every username."""
    if not ip_address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def address_is_limited(request: HttpRequest) -> bool:
    """Whether the request's address has reached ``SIGNIN_ADDRESS_FAILURE_LIMIT`` failures."""
    return address_failures(get_client_ip_address(request)) >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT


class AddressLimitBackend:
    """Authentication backend before the password check: refuses every sign-in from an address over the limit.

    Raising ``PermissionDenied`` stops Django from asking the other backends (the password is not
    even checked) and counts as one more failure. The flag on the request lets the sign-in page say
    why, with status 429.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is not None and address_is_limited(request):
            setattr(request, LIMITED_FLAG, True)
            raise PermissionDenied
        return None

    # No ``get_user``: this backend never signs anyone in, so Django never picks it for a session
    # (``force_login`` and the session look for the first backend that has one).
