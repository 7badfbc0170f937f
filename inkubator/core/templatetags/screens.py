"""``{% screen_table table %}``: a django-tables2 table with its rows rendered in Python (core.screens)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from inkubator.core.screens.tables import render_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def screen_table(context: template.Context, table: Any) -> SafeString:
    """The table: header with sort links and pagination from ``includes/table.html``, rows from Python."""
    rows = render_rows(table)
    included = context.template.engine.get_template("includes/table.html")
    with context.push(table=table, rows=rows):
        return included.render(context)
