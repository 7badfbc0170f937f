"""A django-tables2 table's rows rendered in Python: one string build per page, no template per cell.

django-tables2's own template renders every cell through the template engine (attributes computed
and escaped per cell): under load, 81 % of a list page's time (issue 14). Here the cells are still
what the table's columns and ``render_<column>`` methods say — values, links (``linkify``), dates —
but the ``<td>`` attributes are computed once per column and the rows are joined in Python. The
header (a handful of cells, with the sorting links) and the pagination stay in templates.

A column whose ``td`` attributes are callables (they may depend on the row) is computed per cell,
as django-tables2 does.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import utils as tables_utils
from django_tables2.columns import Column, ManyToManyColumn
from django_tables2.columns.base import LinkTransform
from django_tables2.rows import BoundRow
from django_tables2.utils import A, Accessor


def remember_signatures() -> None:
    """Have django-tables2 inspect each render function's signature once, not once per cell.

    django-tables2 calls every cell's renderer through ``utils.call_with_appropriate``, which asks
    ``inspect.signature`` each time which arguments the function takes: ~15 % of a centre list page's
    time (250 cells). A function's signature does not change, so it is kept (by the function, not by
    the bound method: a table made per request binds new ones), in a bounded cache. Called once from
    ``CoreConfig.ready()``.
    """
    from django_tables2 import utils

    if getattr(utils.signature, "remembered", False):
        return
    inspect_signature = utils.signature
    known: dict[Any, tuple[tuple[str, ...], str | None]] = {}

    def signature(fn: Any) -> tuple[tuple[str, ...], str | None]:
        function = getattr(fn, "__func__", None)
        key = (function, True) if function is not None and getattr(fn, "__self__", None) is not None else (fn, False)
        try:
            found = known.get(key)
        except TypeError:  # not hashable: ask each time, as before
            return inspect_signature(fn)
        if found is None:
            found = inspect_signature(fn)
            if len(known) < 4096:  # bounded: functions made per request (closures) are asked afresh
                known[key] = found
        return found

    signature.remembered = True
    utils.signature = signature


def _cell_text(value: Any, localized: bool | None) -> str:
    # What ``{{ cell }}`` (or ``|localize`` / ``|unlocalize``) would print, escaped unless already safe.
    if value is None:
        value = ""
    if localized is not False:
        value = localize(value)
    elif not isinstance(value, str):
        value = localize(value, use_l10n=False)
    return conditional_escape(value)


def _static_td(bound_column: Any) -> str | None:
    """The column's ``<td>`` attributes as HTML when they do not depend on the row, else None."""
    raw = {**bound_column._table.attrs, **bound_column.column.attrs}
    td = raw.get("td", raw.get("cell", {}))
    if any(callable(value) for value in td.values()):
        return None
    return bound_column.attrs["td"].as_html()


# What ``_plain_attribute`` answers when django-tables2's own lookup must decide the cell.
_OWN_WAY = object()


def _plain_attribute(obj: Any, name: str) -> Any:
    """``obj.name`` when ``obj`` is a model instance and the attribute is plain data, else ``_OWN_WAY``
    (not a model, a missing attribute, a callable: django-tables2's accessor handles those)."""
    if not isinstance(obj, models.Model):
        return _OWN_WAY
    try:
        value = getattr(obj, name)
    except (TypeError, AttributeError):
        return _OWN_WAY
    return _OWN_WAY if callable(value) else value


class _Cells:
    """How one column's cells are computed: what django-tables2's ``BoundRow.get_cell`` does, with the
    accessor's parts, the model field and the choices' display method looked up once per column
    (django-tables2 builds and resolves the accessor afresh for every cell: ~25 µs a cell).

    Only records that are model instances reached by plain attributes take the short way; anything
    else (a dict, a callable on the path, a missing attribute) goes through django-tables2's own code.
    """

    def __init__(self, bound_column: Any) -> None:
        self.bound_column = bound_column
        self.column = bound_column.column
        self.accessor = A(bound_column.accessor)
        bits = tuple(self.accessor.bits)
        self.path, self.remainder = bits[:-1], (bits[-1] if bits else "")
        self.display = f"get_{self.remainder}_display"
        self.fields: dict[type, Any] = {}
        self.many = isinstance(self.column, ManyToManyColumn)
        render = bound_column.render
        # The base Column.render gives the value as it is; any other render is called as django-tables2
        # would, with the arguments its (remembered) signature asks for.
        self.render = None if getattr(render, "__func__", None) is Column.render else render
        self.link = bound_column.link
        self.reverse = _plain_reverse(self.link)

    def _content(self, row: BoundRow, value: Any) -> Any:
        """What ``BoundRow._call_render`` gives for ``value``: rendered, then linked."""
        record = row.record
        if self.render is None and self.link is None:
            return value
        if self.render is None and self.reverse is None:
            return row._call_render(self.bound_column, value)
        if self.render is None:
            content = value
        else:
            content = tables_utils.call_with_appropriate(
                self.render,
                {"value": value, "record": record, "column": self.column, "bound_column": self.bound_column,
                 "bound_row": row, "table": row._table},
            )  # fmt: skip
        if self.link is None:
            return content
        if self.reverse is None:
            kwargs = row._optional_cell_arguments(self.bound_column, value)
            return self.link(content, **kwargs)
        viewname, arguments = self.reverse
        href = reverse(
            viewname, kwargs={key: val.resolve(record) if isinstance(val, Accessor) else val for key, val in arguments}
        )
        # LinkTransform's <a> with no attributes but the href: format_html("<a {}>{}</a>", 'href="…"', content).
        return format_html('<a href="{}">{}</a>', href, content)

    def _field(self, record: Any) -> Any:
        kind = type(record)
        if kind not in self.fields:
            self.fields[kind] = self.accessor.get_field(record)
        return self.fields[kind]

    def cell(self, row: BoundRow) -> Any:
        record = row.record
        if not isinstance(record, models.Model):
            return row.get_cell(self.bound_column.name)
        penultimate = record
        for bit in self.path:
            penultimate = _plain_attribute(penultimate, bit)
            if penultimate is _OWN_WAY:
                return row.get_cell(self.bound_column.name)
            if penultimate is None:
                break
        value, remainder = None, self.remainder
        if isinstance(penultimate, models.Model):
            try:
                field = self._field(record)
            except FieldDoesNotExist:
                field = None
            display = getattr(penultimate, self.display, None)
            if getattr(field, "choices", ()) and display:
                # A choice's label is lazy: translated once here, not at each comparison and escape below.
                value, remainder = str(display()), None
        if remainder:
            value = _plain_attribute(penultimate, remainder)
            if value is _OWN_WAY:
                return row.get_cell(self.bound_column.name)
        column = self.column
        if value in column.empty_values or (self.many and not value.exists()):
            return self.bound_column.default
        return self._content(row, value)


def _plain_reverse(link: Any) -> tuple[str, tuple[tuple[str, Any], ...]] | None:
    """(view name, keyword arguments) when ``link`` is ``linkify=("view", {"key": A("path")})`` with no
    attributes of its own (the common link to a record's page), else None: django-tables2 links it."""
    if type(link) is not LinkTransform or link.url or link.accessor is not None or link.attrs:
        return None
    arguments = link.reverse_args
    viewname = arguments.get("viewname")
    if type(viewname) is not str or set(arguments) - {"viewname", "kwargs"}:
        return None
    kwargs = arguments.get("kwargs") or {}
    return viewname, tuple(kwargs.items())


def render_rows(table: Any) -> SafeString:
    """The ``<tr>`` elements of the table's current page (or its empty text), as one safe string."""
    columns = list(table.columns)
    static = [_static_td(column) for column in columns]
    cells = [_Cells(column) for column in columns]
    # Without row_attrs a row's attributes are its even/odd class alone (BoundRow.attrs, without computing).
    plain_rows = not table.row_attrs
    parts: list[str] = []
    for row in table.paginated_rows:
        if type(row) is not BoundRow:
            parts.append(_row_as_django_tables2(row, columns, static))
            continue
        record = row.record
        html = []
        for column, td, how in zip(columns, static, cells, strict=True):
            # As BoundRow.items(): callable attributes may read the cell and record being shown.
            column.current_value = cell = how.cell(row)
            column.current_record = record
            attrs = td if td is not None else column.attrs["td"].as_html()
            html.append(f"<td {attrs}>{_cell_text(cell, column.localize)}</td>")
        attrs = f'class="{row.get_even_odd_css_class()}"' if plain_rows else row.attrs.as_html()
        parts.append(f"<tr {attrs}>{''.join(html)}</tr>")
    for column in columns:
        # The last row's cell stays on each column; the header's attributes must not see it.
        column.current_record = column.current_value = None
    if not parts and table.empty_text:
        parts.append(f'<tr><td colspan="{len(columns)}">{escape(table.empty_text)}</td></tr>')
    return mark_safe("".join(parts))  # noqa: S308 - every cell is escaped above (or safe already)


def _row_as_django_tables2(row: Any, columns: list[Any], static: list[str | None]) -> str:
    """A row of another kind (pinned rows): cells as django-tables2 computes them."""
    cells = []
    for (column, cell), td in zip(row.items(), static, strict=True):
        attrs = td if td is not None else column.attrs["td"].as_html()
        cells.append(f"<td {attrs}>{_cell_text(cell, column.localize)}</td>")
    return f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>"
