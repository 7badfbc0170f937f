"""What this app adds to pages of apps below it (``core.panels``): a tenant's matches, a partner's record,
a centre's contributions."""

from __future__ import annotations

from typing import Any

from . import permissions, selectors


def tenant_panel(request: Any, tenant: Any) -> dict[str, Any] | None:
    """The tenant's matches and a link to the offers that fit (the tenant was fetched in scope)."""
    return {"tenant": tenant, "matches": selectors.matches_of_tenant(user=request.user, tenant=tenant)}


def partner_panel(request: Any, partner: Any) -> dict[str, Any] | None:
    """What the partner gave and what came of it, as far as the user's scope reaches."""
    if not permissions.reads_matching(request.user):
        return None
    return {
        "summary": selectors.partner_summary(user=request.user, partner=partner),
        "contributions": selectors.contribution_list(user=request.user).filter(partner=partner)[:20],
        "offers": selectors.offer_list(user=request.user).filter(partner=partner)[:20],
    }


CENTRE_PANEL_ROWS = 20


def centre_panel(request: Any, centre: Any) -> dict[str, Any] | None:
    """Who contributed what to the centre (its batches and tenants included), newest first, in scope."""
    # One query: a row past the page says there are more (the tab's query count stays fixed).
    rows = list(selectors.contribution_list(user=request.user).filter(centre=centre)[: CENTRE_PANEL_ROWS + 1])
    return {
        "centre": centre,
        "contributions": rows[:CENTRE_PANEL_ROWS],
        "more": len(rows) > CENTRE_PANEL_ROWS and permissions.reads_matching(request.user),
    }


def todo_waiting(user: Any, today: Any) -> list[Any]:
    """The partner home's to-do item: how many matches wait for its answer, linked to its page."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from inkubator.dashboards.todo import TodoItem

    count = selectors.matches_waiting(user=user).count()
    return [TodoItem("matches", _("Matches waiting for your answer"), count, reverse("matching:partner_home"))]
