"""The list page: a scoped selector, a filter form, a sortable paginated table and its exports.

One class serves the page and its exports (``fmt`` in the URL), so that an export holds exactly the
rows the list shows for the same query string, on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig, Table
from django_tables2.rows import BoundRows

from inkubator.core.exports import FORMATS, Column, export_response

from .. import listcache
from ..paging import keys_first, rows_by_keys
from .base import ScreenMixin
from .widgets import RENDERER


def load_page_by_keys(table: Table) -> None:
    """Read the table's current page keys first, then its rows (``core.paging``: the sort and LIMIT
    over the keys, the cells' joins and annotations for the page's rows only)."""
    page = getattr(table, "page", None)
    if page is None or not keys_first(page.object_list.data, table.paginator.count):
        return
    rows = rows_by_keys(page.object_list.data, table.data.data)
    page.object_list = BoundRows(rows, table=table, pinned_data=page.object_list.pinned_data)


class _OneQuery:
    """What ``ModelChoiceIterator.__iter__`` asks of its queryset, answered by one plain SELECT.

    Django reads a choice field's rows with ``queryset.iterator()``: on PostgreSQL a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips) for a list of a few hundred options at most.
    """

    _prefetch_related_lookups = ()

    def __init__(self, queryset: QuerySet) -> None:
        self.queryset = queryset

    def iterator(self) -> Any:
        return iter(self.queryset._chain())


_ONE_QUERY_ITERATORS: dict[type, type] = {}


def _one_query_iterator(iterator: type) -> type:
    """``iterator`` (a ``ModelChoiceIterator`` class) reading its rows with one plain SELECT."""
    if iterator not in _ONE_QUERY_ITERATORS:

        class OneQueryChoices(iterator):
            def __iter__(self) -> Any:
                queryset = self.queryset
                if queryset._prefetch_related_lookups:
                    yield from super().__iter__()
                    return
                self.queryset = _OneQuery(queryset)
                try:
                    yield from super().__iter__()
                finally:
                    self.queryset = queryset

        _ONE_QUERY_ITERATORS[iterator] = OneQueryChoices
    return _ONE_QUERY_ITERATORS[iterator]


def _valid_or_unbound(filterset: Any) -> bool:
    # An empty query string is an unbound form: every row, no errors.
    return not filterset.is_bound or filterset.is_valid()


class ObjectListView(ScreenMixin, View):
    """A filtered, sorted, paginated list of what ``selector(user=...)`` returns, with XLSX/CSV export.

    Configure by attributes::

        class CentreListView(ObjectListView):
            selector = staticmethod(centre_register_list)     # selector(user=...) -> QuerySet (visible_to)
            filterset_class = CentreFilter
            table_class = CentreTable
            export_columns = CENTRE_EXPORT_COLUMNS             # core.exports.Column
            export_url_name = "centres:export"                 # takes the format as its one argument
            title = _("Centres")
            testid = "centre"                                  # data-testid="centre-filters"
            template_name = "centres/list.html"                # extends generic/object_list.html

    and route both URLs to it: ``path("", V.as_view(), name="list")``, ``path("export/<str:fmt>/",
    V.as_view(), name="export")``. ``allowed(user)`` (from ``ScreenMixin``) answers 404 when false.
    An invalid filter shows no rows, and its export answers 400 naming what is wrong.
    """

    selector: ClassVar[Callable[..., QuerySet]]
    filterset_class: ClassVar[type | None] = None
    filterset_takes_user: ClassVar[bool] = True  # the FilterSet's __init__ accepts user= (its choice lists)
    table_class: ClassVar[type[Table]]
    table_order_by: ClassVar[tuple[str, ...] | None] = None  # the table's default sort (a column's alias)
    ordering: ClassVar[tuple[str, ...]] = ()  # the rows' order under the table's sort
    per_page: ClassVar[int] = 25
    template_name: ClassVar[str] = "generic/object_list.html"
    title: ClassVar[str | Promise] = ""
    # The line above the table saying how many rows match (every page), ``%(counter)s`` filled in:
    # ``ngettext_lazy("%(counter)s centre", "%(counter)s centres", "counter")``; none when empty.
    count_label: ClassVar[str | Promise] = ""
    testid: ClassVar[str] = "object"
    filter_col_class: ClassVar[str] = ""
    export_columns: ClassVar[Iterable[Column]] = ()
    export_formats: ClassVar[tuple[str, ...]] = FORMATS  # what the export URL serves
    export_buttons: ClassVar[tuple[str, ...] | None] = None  # the buttons shown; export_formats when None
    export_url_name: ClassVar[str] = ""
    export_filename: ClassVar[str | Promise] = ""  # slugified; the title's when empty
    export_sheet: ClassVar[str | Promise] = ""  # the title's when empty
    export_chunk: ClassVar[int] = 1000  # rows read (and relations prefetched) per query while exporting
    # The "New …" button after the export buttons: (label, URL name, test id), shown to those
    # ``may_create(user)`` lets in — the create page's own check, so the button never leads to a 404.
    create: ClassVar[tuple[str | Promise, str, str] | None] = None
    may_create: ClassVar[Callable[[Any], bool] | None] = None
    # The page is answered from the user's list cache (core/listcache.py) while the tables it read are
    # unchanged. False for a list whose rows depend on more than the database and today's date.
    cache_pages: ClassVar[bool] = True

    def get(self, request: HttpRequest, fmt: str | None = None) -> HttpResponse:
        self.check_allowed(request)
        if fmt is not None:
            return self.export(request, fmt)  # never cached: exports are recorded, and large
        scope = f"{type(self).__module__}.{type(self).__qualname__}"
        visit = listcache.page_visit(request, scope=scope) if self._cacheable() else None
        if visit is None:
            return self.render_page(request)
        return visit.answer(request, lambda: self.render_page(request))

    def _cacheable(self) -> bool:
        # What ``prepare``/``answer_instead`` read ran before the cache's tokens were read, so no token
        # could vouch for it: a list with its own (none today) is rendered every time.
        cls = type(self)
        own_steps = cls.prepare is not ScreenMixin.prepare or cls.answer_instead is not ScreenMixin.answer_instead
        return self.cache_pages and not own_steps

    def render_page(self, request: HttpRequest) -> HttpResponse:
        """The page itself: the filter form, the table's page of rows, the buttons."""
        filterset, table = self.filterset, self.table = self.filtered(request, paginate=True)
        query = request.GET.copy()
        query.pop("page", None)  # an export holds every matching row, not one page
        context = {
            "title": self.title,
            "filter": filterset,
            "table": table,
            "testid": self.testid,
            "filter_col_class": self.filter_col_class,
            "export_query": query.urlencode(),
            "export_formats": (self.export_buttons or self.export_formats) if self.export_url_name else (),
            "export_url_name": self.export_url_name,
            "create_actions": self.get_create_actions(request),
            "count_text": str(self.count_label % {"counter": table.paginator.count}) if self.count_label else "",
            **self.get_extra_context(request),
        }
        return render(request, self.template_name, context)

    def get_create_actions(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        """The create buttons the user may use: (label, URL, test id); ``create`` when ``may_create`` agrees."""
        may_create = type(self).may_create
        if self.create is None or may_create is None or not may_create(request.user):
            return []
        label, url_name, testid = self.create
        return [(str(label), reverse(url_name), testid)]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """The rows in the user's scope, before filters."""
        return type(self).selector(user=request.user)

    def get_filterset(self, request: HttpRequest, queryset: QuerySet) -> Any:
        assert self.filterset_class is not None
        kwargs = {"user": request.user} if self.filterset_takes_user else {}
        filterset = self.filterset_class(request.GET or None, queryset=queryset, **kwargs)
        form = filterset.form
        form.renderer = RENDERER  # its inputs and selects written in Python (widgets.py)
        for field in form.fields.values():
            choices = getattr(field.widget, "choices", None)
            if isinstance(choices, ModelChoiceIterator):  # the field's own options, or a filter's narrowed ones
                choices.__class__ = _one_query_iterator(type(choices))
        return filterset

    def filtered(self, request: HttpRequest, *, paginate: bool) -> tuple[Any, Table]:
        """The filter form and the table, sorted as the query string asks; no rows when a filter is invalid."""
        filterset = self.get_filterset(request, self.get_queryset(request))
        rows = self.arrange(filterset.qs if _valid_or_unbound(filterset) else filterset.queryset.none())
        if paginate:
            rows = self.page_rows(rows)
        table = self.table_class(rows, order_by=self.table_order_by)
        RequestConfig(request, paginate={"per_page": self.per_page} if paginate else False).configure(table)
        if paginate:
            load_page_by_keys(table)
        return filterset, table

    def page_rows(self, rows: QuerySet) -> QuerySet:
        """The rows as the page's table reads them (not the export): override to load only what the
        columns show (``select_related``/``only``): a page's 25 rows then cost fewer model fields to
        build. Counting, filtering and sorting are unchanged by it."""
        return rows

    def arrange(self, rows: QuerySet) -> QuerySet:
        """The filtered rows as the table gets them: in ``ordering`` (override to annotate)."""
        return rows.order_by(*self.ordering) if self.ordering else rows

    def export(self, request: HttpRequest, fmt: str) -> HttpResponse:
        """Exactly the rows the list shows for the same query string (every page), as XLSX or CSV."""
        if fmt not in self.export_formats or not self.export_columns:
            raise Http404
        filterset, table = self.filtered(request, paginate=False)
        if not _valid_or_unbound(filterset):
            # Exporting more than asked would be worse than exporting nothing: name what is wrong.
            problems = [
                f"{filterset.form.fields[name].label}: {' '.join(errors)}" for name, errors in filterset.errors.items()
            ]
            message = "\n".join([_("The filters are not valid."), *problems])
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return export_response(
            rows=self.export_rows(table.data.data),
            columns=self.export_columns,
            fmt=fmt,
            filename_stem=slugify(str(self.export_filename or self.title)),
            sheet_title=str(self.export_sheet or self.title),
            on_written=self.on_export_written(request),
        )

    def export_rows(self, rows: QuerySet) -> Iterable[Any]:
        """The exported rows (the filtered queryset in the table's order), read in chunks."""
        return rows.iterator(chunk_size=self.export_chunk)

    def on_export_written(self, request: HttpRequest) -> Callable[[Any], None] | None:
        """A callback recording the export (``core.exports.ExportReceipt``), for lists of personal data."""
        return None
