"""``{% todo_list %}``: the signed-in user's to-do items on their home (``dashboards.todo``)."""

from __future__ import annotations

from typing import Any

from django import template

from inkubator.dashboards.todo import todo_for

register = template.Library()


@register.inclusion_tag("dashboards/_todo.html", takes_context=True)
def todo_list(context: dict[str, Any]) -> dict[str, Any]:
    """The items of the request's user (an inclusion tag so the home views need not know the list)."""
    return {"items": todo_for(user=context["request"].user)}
