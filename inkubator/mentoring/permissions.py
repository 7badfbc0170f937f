"""Who may change what in mentoring. Visibility is ``visible_to``'s job; these decide writes.

Every check assumes the object was fetched through ``visible_to(user)``. Pages a role may not use
answer 404 (never 403), like the rest of the project.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role

# The ministry and regional coordinators plan mentoring and keep the team's records.
PLANNER_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})
# Visits and action items: also the facilitators themselves.
MENTOR_ROLES = PLANNER_ROLES | {Role.FACILITATOR}


# What the user counts as (a superuser: a ministry admin), decided in core.roles only.
role_of = effective_role


def can_plan(user: Any) -> bool:
    """Create plans, run the optimiser, keep facilitator records."""
    return role_of(user) in PLANNER_ROLES


def can_mentor(user: Any) -> bool:
    """Log visits and keep action items of visible centres."""
    return role_of(user) in MENTOR_ROLES
