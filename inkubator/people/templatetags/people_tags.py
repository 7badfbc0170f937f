"""Template filters that show personal identifiers masked (``{{ person.nik|nik_mask }}``)."""

from __future__ import annotations

from django import template

from inkubator.people.nik import nik_mask as _nik_mask
from inkubator.people.phones import phone_mask as _phone_mask

register = template.Library()


@register.filter
def nik_mask(value: str | None) -> str:
    """``••••••••••••0001``."""
    return _nik_mask(value)


@register.filter
def phone_mask(value: str | None) -> str:
    """``••••••••••7890``."""
    return _phone_mask(value or "")
