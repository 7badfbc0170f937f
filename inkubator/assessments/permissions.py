"""Who may do what with assessments. Visibility is ``visible_to``'s job; these decide actions.

Every check assumes the object was fetched through ``visible_to(user)`` first.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role

from .choices import RoundStatus

# Instruments, rounds and selections are the ministry's; coordinators verify within their region.
MANAGE_ROLES = frozenset({Role.MINISTRY_ADMIN})
VERIFY_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})
# Who reads results (centre pages, distribution, lists): everyone who works with centres.
RESULT_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER})


# What the user counts as (a superuser: a ministry admin), decided in core.roles only.
role_of = effective_role


def can_manage(user: Any) -> bool:
    """Instruments, rounds, assignments and selections."""
    return role_of(user) in MANAGE_ROLES


def can_verify(user: Any) -> bool:
    """Verify or return a submitted assessment (within the user's scope)."""
    return role_of(user) in VERIFY_ROLES


def can_see_results(user: Any) -> bool:
    return role_of(user) in RESULT_ROLES


def can_enter(user: Any, assessment: Any) -> bool:
    """The assessor of an editable assessment in an open round fills it in."""
    return (
        role_of(user) == Role.FACILITATOR
        and assessment.assessor_id == user.pk
        and assessment.is_editable
        and assessment.round.status == RoundStatus.OPEN
    )


def can_import_assessments(user: Any) -> bool:
    """Who may import assessment results: those who manage rounds or verify assessments."""
    return can_manage(user) or can_verify(user)
