"""The ordering backend of API lists.

A leaf module (it imports only DRF's filters), for the same reason as ``pagination``:
``settings.REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]`` names it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.filters import OrderingFilter


class StableOrderingFilter(OrderingFilter):
    """DRF ordering that always ends on the view's unique key, so pages neither repeat nor skip rows."""

    def get_ordering(self, request: Any, queryset: QuerySet, view: Any) -> list[str]:
        """The requested (or default) ordering, with ``view.ordering_tiebreaker`` appended."""
        ordering = list(super().get_ordering(request, queryset, view) or [])
        tiebreaker = getattr(view, "ordering_tiebreaker", "pk")
        if tiebreaker.lstrip("-") not in {term.lstrip("-") for term in ordering}:
            ordering.append(tiebreaker)
        return ordering
