"""Who may do what in the service's staff pages. What a user sees of registrations is ``visible_to``'s job."""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role, is_ministry_admin

# Those who work with registrants: the ministry, coordinators (their region's registrants), and the
# staff of venues and BLKK centres (the registrants allocated to them).
STAFF_ROLES = frozenset(
    {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.VENUE_STAFF}
)


def can_see_registrations(user: Any) -> bool:
    """The staff pages of the service (registrations, waves); others get 404."""
    return effective_role(user) in STAFF_ROLES


def can_run_service(user: Any) -> bool:
    """Waves, eligibility rules and decisions, allocation: the ministry runs the service nationally."""
    return is_ministry_admin(user)
