"""Who may do what with tenants. Visibility is ``visible_to``'s job; these decide writes and finances.

Every check assumes the tenant was fetched through ``visible_to(user)``.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role

# The incubator's people (and the ministry) run the pipeline: move, coach, diagnose, record capital.
COACH_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.CENTRE_MANAGER, Role.FACILITATOR})
# A tenant's own figures: the incubator and the entrepreneur. Coordinators see aggregates only;
# partners never see a tenant's finances.
FINANCE_ROLES = COACH_ROLES | {Role.ENTREPRENEUR}
# Pages of the pipeline as a whole (board, dashboard, follow-ups): everybody but entrepreneurs and partners.
PIPELINE_ROLES = COACH_ROLES | {Role.REGIONAL_COORDINATOR}


# What the user counts as (a superuser: a ministry admin), decided in core.roles only.
role_of = effective_role


def can_coach(user: Any) -> bool:
    """Move stages, record sessions, diagnoses, milestones, licences and capital of visible tenants."""
    return role_of(user) in COACH_ROLES


def can_see_finances(user: Any) -> bool:
    """See a single tenant's revenue, costs, grants and loans."""
    return role_of(user) in FINANCE_ROLES


def can_report(user: Any) -> bool:
    """Report a tenant's monthly figures: its incubator, or the entrepreneur for their own business."""
    return role_of(user) in FINANCE_ROLES


def can_lock_reports(user: Any) -> bool:
    """Lock a tenant's reported month (the incubator's staff): no correction after that."""
    return role_of(user) in COACH_ROLES


def sees_pipeline(user: Any) -> bool:
    """Open the board, the dashboard and the follow-up lists."""
    return role_of(user) in PIPELINE_ROLES


def can_import_tenants(user: Any) -> bool:
    """Who may import a list of TKM recipients as tenants.

    The lists come from the ministry and the regional labour offices; incubators enter their own
    tenants one by one. The importer limits every user to the centres in their scope.
    """
    return role_of(user) in (Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR)
