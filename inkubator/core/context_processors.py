"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .navigation import menu_entries
from .roles import effective_role


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu for the signed-in user (empty for visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": []}
    return {"nav_entries": menu_entries(effective_role(user))}
