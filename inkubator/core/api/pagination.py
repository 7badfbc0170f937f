"""Pagination of API lists: page numbers, ``page_size`` chosen by the client up to 200.

A leaf module (it imports only DRF and ``core.paging``): ``settings.REST_FRAMEWORK`` names it, and DRF imports it while
defining its generic views, so it must not import those views back.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from ..paging import KeysFirstPaginator


class RowsPaginator(Paginator):
    """Django's paginator whose page is read by a ``core.api.rows.RowReader`` (the serializer's dicts)."""

    def __init__(self, object_list: Any, per_page: int, *, reader: Any) -> None:
        super().__init__(object_list, per_page)
        self.reader = reader

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        return self._get_page(self.reader.read(self.object_list, bottom, top, self.count), number, self)


class ApiPagination(PageNumberPagination):
    """``?page=N&page_size=M``: 50 rows a page unless asked, never more than 200.

    A ``page`` or ``page_size`` that is not a whole number in range answers 400 naming it (DRF would
    silently use its default for ``page_size=null`` and answer 404 for ``page=abc``); a page past the
    last one answers 404, as before. The bounds are in the schema.
    """

    page_size = 50
    django_paginator_class = KeysFirstPaginator  # keys first, then the page's rows (core.paging)
    page_size_query_param = "page_size"
    max_page_size = 200

    @staticmethod
    def _whole(request: Any, name: str, upper: int | None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = int(raw) if raw.strip().isdecimal() else 0
        except ValueError:
            value = 0
        if value < 1 or (upper is not None and value > upper):
            bounds = {"min": 1, "max": upper} if upper is not None else {"min": 1}
            message = (
                _("A whole number from %(min)s to %(max)s.") % bounds
                if upper is not None
                else _("A whole number from %(min)s.") % bounds
            )
            raise ValidationError({name: [message]})
        return value

    def get_page_size(self, request: Any) -> int:
        asked = self._whole(request, self.page_size_query_param, self.max_page_size)
        return asked if asked is not None else self.page_size

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None, *, reader: Any = None) -> Any:
        """The page's objects; with a ``reader`` (``core.api.rows``) the page's rows as the serializer writes them."""
        self._whole(request, self.page_query_param, None)
        if reader is not None:
            self.django_paginator_class = partial(RowsPaginator, reader=reader)  # this request's paginator only
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters
