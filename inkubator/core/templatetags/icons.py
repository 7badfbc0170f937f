"""``{% icon "NAME" css="text-success" label=_("Recorded") %}``: one icon of the sprite (core/icons.py).

Loaded in every template (``TEMPLATES`` builtins), as the icon font's classes were usable everywhere.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from inkubator.core.icons import icon as icon_markup

register = template.Library()


@register.simple_tag
def icon(name: str, css: str = "", label: str = "") -> SafeString:
    """``<svg class="icon …"><use href="…/icons.svg#NAME"></use></svg>``, hidden from screen readers unless labelled."""
    return icon_markup(name, css=css, label=label)
