"""Template filters of the incubation pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inkubator.core.icons import icon

register = template.Library()


@register.filter
def rupiah(value: Any) -> str:
    """``Rp 36.000.000``: whole rupiah with Indonesian thousands dots, whatever the interface language."""
    if value is None or value == "":
        return "—"
    return f"Rp {int(value):,}".replace(",", ".")


@register.filter
def thousands(value: Any) -> str:
    """``12.500``: a count with Indonesian thousands dots."""
    if value is None or value == "":
        return "—"
    return f"{int(value):,}".replace(",", ".")


_PK_MARK = 987654321  # stands for a tenant's id in a URL reversed once per page


def _url_of(name: str) -> Any:
    """A function pk -> URL of ``name``, from one ``reverse`` rather than one per card."""
    head, *rest = reverse(name, args=[_PK_MARK]).split(str(_PK_MARK))
    if len(rest) != 1:  # pragma: no cover - only if the mark appeared in the URL's own text
        return lambda pk: reverse(name, args=[pk])
    tail = rest[0]
    return lambda pk: f"{head}{pk}{tail}"


@register.simple_tag(takes_context=True)
def board_cards(context: template.Context, column: Any) -> SafeString:
    """The cards (``selectors.Card``) of one board column as ``<li>`` elements, built in Python.

    The same markup a template loop gave, but two URL reversals, an icon and a translated badge per
    card made the template loop most of a board's time (issue 14: board pages < 100 ms): here each is
    computed once per page and the cards are joined as strings, every value escaped.
    """
    centre = context.get("centre")
    closed = column.stage in ("graduated", "dropped")
    coach = bool(context.get("can_coach")) and not closed
    detail_url = _url_of("incubation:tenant_detail")
    move_url = _url_of("incubation:tenant_move")
    last_month = context.get("last_month")
    badge = escape(_("No figures for %(month)s") % {"month": date_format(last_month, "m/Y")}) if last_month else ""
    move = f"{icon('arrow-right')} {escape(_('Move'))}"
    parts = []
    for tenant in column.tenants:
        pk = tenant.pk
        card = [
            f'\n<li class="list-group-item" data-testid="card">\n'
            f'  <a class="fw-semibold" href="{escape(detail_url(pk))}">{escape(tenant.display_name)}</a>\n'
            f'  <div class="small text-muted">{escape(tenant.business_name)}</div>\n'
        ]
        if not centre:
            card.append(f'  <div class="small text-muted">{escape(tenant.where)}</div>\n')
        if not getattr(tenant, "reported_last_month", False) and not closed:
            card.append(f'  <span class="badge text-bg-warning" data-testid="unreported-{pk}">{badge}</span>\n')
        if coach:
            card.append(
                f'  <a class="btn btn-sm btn-outline-primary mt-1" href="{escape(move_url(pk))}" '
                f'data-testid="move-{pk}">{move}</a>\n'
            )
        card.append("</li>")
        parts.append("".join(card))
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


@register.simple_tag
def incubator_options(incubators: Any, centre: Any = None) -> SafeString:
    """The picker's ``<option>`` per incubator, from ``selectors.incubator_choices``' (pk, code, name) tuples,
    the one shown selected: a template loop over a national picker's hundreds of centres cost ~1 ms."""
    chosen = getattr(centre, "pk", None)
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        ((code, mark_safe(" selected") if pk == chosen else "", name, code) for pk, code, name in incubators),  # noqa: S308
    )
