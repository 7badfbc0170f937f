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


# Those who guide participants along their path: the ministry and the staff of their venue.
GUIDE_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.VENUE_STAFF, Role.CENTRE_MANAGER})


def can_guide_participants(user: Any) -> bool:
    """Record counselling and offers, move participants on, start their business (within scope)."""
    return effective_role(user) in GUIDE_ROLES
