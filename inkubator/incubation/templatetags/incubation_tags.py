"""Template filters of the incubation pages."""

from __future__ import annotations

from typing import Any

from django import template

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
