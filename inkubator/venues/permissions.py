"""Who may do what with the venues register. What a user sees is ``visible_to``'s job."""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role

# Everyone who works with cohorts sees the venues of their scope.
VIEW_ROLES = frozenset(
    {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.VENUE_STAFF}
)
# The register itself (new venues, capacity, fields): the ministry, and coordinators in their region.
REGISTER_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


def can_view_venues(user: Any) -> bool:
    """The venue pages are for staff; others get 404."""
    return effective_role(user) in VIEW_ROLES


def can_register_venues(user: Any) -> bool:
    """Create venues and edit them (within the regencies the user works in)."""
    return effective_role(user) in REGISTER_ROLES
