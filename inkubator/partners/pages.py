"""The list-with-filters-and-export and form page shapes the partner and matching pages share.

Kept small until the generic core screens land; every list renders ``partners/list.html`` and
exports the same filtered rows (every page) as XLSX or CSV through ``core.exports``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig, Table

from inkubator.core.exports import FORMATS, Column, export_response

PER_PAGE = 25
EXPORT_CHUNK = 1000
ANY = gettext_lazy("Any")


def style(fields: Any) -> None:
    """Bootstrap classes on every widget of a form."""
    for field in fields.values():
        widget = field.widget
        base = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            base = "form-check-input"
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("size", 6)
        widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), base]))


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledFilterSet(django_filters.FilterSet):
    """A filter set styled for Bootstrap that knows whether it may be applied."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        style(self.form.fields)

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()


class ServiceFormMixin:
    """Service errors (``ValidationError`` from ``full_clean``) land on the field they name."""

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)  # type: ignore[attr-defined]
        else:
            self.add_error(None, error.messages)  # type: ignore[attr-defined]


def _filtered(
    request: HttpRequest,
    filterset_class: type[StyledFilterSet],
    queryset: QuerySet,
    table_class: type[Table],
    paginate: bool,
) -> tuple[StyledFilterSet, Table]:
    filterset = filterset_class(request.GET or None, queryset=queryset, user=request.user)
    rows = filterset.qs if filterset.is_valid_or_unbound else queryset.none()
    table = table_class(rows)
    RequestConfig(request, paginate={"per_page": PER_PAGE} if paginate else False).configure(table)
    return filterset, table


def list_page(
    request: HttpRequest,
    *,
    title: str,
    queryset: QuerySet,
    filterset_class: type[StyledFilterSet],
    table_class: type[Table],
    export_url: str,
    actions: Sequence[tuple[str, str, str]] = (),
    nav: str = "",
    testid: str = "list",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A filtered, sorted, paginated list with export links and the given action buttons."""
    filterset, table = _filtered(request, filterset_class, queryset, table_class, paginate=True)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/list.html",
        {
            "title": title,
            "filter": filterset,
            "table": table,
            "export_url": export_url,
            "export_query": query.urlencode(),
            "actions": actions,
            "nav": nav,
            "testid": testid,
            **(extra or {}),
        },
    )


def export_page(
    request: HttpRequest,
    fmt: str,
    *,
    title: str,
    queryset: QuerySet,
    filterset_class: type[StyledFilterSet],
    table_class: type[Table],
    columns: Sequence[Column],
) -> HttpResponse:
    """The rows the list shows for the same query string (every page), as XLSX or CSV."""
    if fmt not in FORMATS:
        raise Http404
    filterset, table = _filtered(request, filterset_class, queryset, table_class, paginate=False)
    if not filterset.is_valid_or_unbound:
        return HttpResponseBadRequest(_("The filters are not valid."), content_type="text/plain; charset=utf-8")
    return export_response(
        rows=table.data.data.iterator(chunk_size=EXPORT_CHUNK),
        columns=columns,
        fmt=fmt,
        filename_stem=slugify(title),
        sheet_title=title,
    )


def form_page(
    request: HttpRequest, form: Any, *, title: str, cancel_url: str, testid: str = "form", status: int | None = None
) -> HttpResponse:
    """A form page (``partners/form.html``): 400 after an invalid POST."""
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "testid": testid},
        status=status,
    )
