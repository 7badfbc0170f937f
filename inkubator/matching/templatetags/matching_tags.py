"""``{% partner_home %}``: the partner's agreements, offers, gifts, matches waiting and outcomes, for a home page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from inkubator.matching.selectors import partner_home as partner_home_selector

register = template.Library()


@register.inclusion_tag("matching/_partner_home.html", takes_context=True)
def partner_home(context: Any) -> dict[str, Any]:
    """Render the partner's own records for the signed-in user (nothing without an organisation)."""
    return partner_home_selector(user=context["request"].user, today=timezone.localdate())
