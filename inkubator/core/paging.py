"""A page of a list read in two steps: the keys of its rows in the list's order, then those rows.

Asked with ``ORDER BY … LIMIT 25``, the query of a list page joins what the page shows (the centre,
the region, the person: ``select_related``) and computes its annotations for *every* row in scope
before it sorts: nationally 73,000 batches or 100,000 tenants, 100-500 ms of SQL per page (issue 14).
Read in two steps, the sort and the LIMIT run over the keys with only the joins the filters and the
order need; the joins, annotations and prefetches then run for the rows of the page alone. One query
more, the same rows in the same order. The HTML lists (``core.screens.lists``) and the API lists
(``core.api.pagination``) both page this way, from ``KEYS_FIRST_FROM`` rows: below that, sorting the
joined rows costs less than the second query (300 facilitators: +1 ms a page read keys first).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable

KEYS_FIRST_FROM = 1000  # rows in the list (its page count, already known) from which pages are read keys first


def keys_first(rows: Any, count: int) -> bool:
    """Whether a page of ``rows`` (``count`` of them) is better read keys first."""
    return count >= KEYS_FIRST_FROM and reads_models(rows)


def reads_models(rows: Any) -> bool:
    """Whether ``rows`` is a queryset of model instances (not ``values()`` rows, not a list)."""
    return isinstance(rows, QuerySet) and issubclass(rows._iterable_class, ModelIterable)


def rows_by_keys(page: QuerySet, rows: QuerySet) -> list[Any]:
    """The rows of ``page`` (a slice of ``rows``), read as ``rows`` reads them, in ``page``'s order."""
    keys = list(page.values_list("pk", flat=True))
    if not keys:
        return []
    found = {row.pk: row for row in rows.filter(pk__in=keys).order_by()}
    return [found[key] for key in keys if key in found]


class KeysFirstPaginator(Paginator):
    """Django's paginator, whose pages of a model queryset are read keys first (see the module)."""

    def page(self, number: Any) -> Page:
        if not keys_first(self.object_list, self.count):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_by_keys(self.object_list[bottom:top], self.object_list), number, self)
