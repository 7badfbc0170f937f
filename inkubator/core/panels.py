"""Panels an app above adds to a page of an app below it (a tenant's page, a partner's page).

The page's app knows no app above it. An app with something to show about the page's object
registers a :class:`Panel` for that page in its ``AppConfig.ready()``; the page renders whatever is
registered with :func:`render_panels`. The panel's ``context(request, obj)`` reads through its own
selectors (``visible_to``) and returns the template's context, or None to show nothing to this user.
Pages: ``"incubation.tenant"`` (a tenant's profile), ``"partners.partner"`` (a partner's page),
``"centres.centre"`` (a centre's agreements tab).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    """A section of a page: a template and the function that gives its context."""

    page: str
    key: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


_PANELS: dict[tuple[str, str], Panel] = {}


def register_panel(panel: Panel) -> None:
    """Add ``panel`` to its page (registering the same page and key again replaces it)."""
    _PANELS[(panel.page, panel.key)] = panel


def render_panels(page: str, request: Any, obj: Any) -> list[SafeString]:
    """The panels registered for ``page``, rendered for ``request.user`` and ``obj``, in order."""
    rendered = []
    panels = sorted((p for p in _PANELS.values() if p.page == page), key=lambda p: (p.order, p.key))
    for panel in panels:
        context = panel.context(request, obj)
        if context is not None:
            rendered.append(SafeString(render_to_string(panel.template, context, request=request)))
    return rendered
