"""The year a page is asked for (``?year=``), read the same way on every page that has one."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone


def requested_year(request: HttpRequest, *, back: int, ahead: int = 0) -> int:
    """``?year=`` if it is a year from ``back`` years ago to ``ahead`` years on; else the current year."""
    current = timezone.localdate().year
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if current - back <= year <= current + ahead else current
