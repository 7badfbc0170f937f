"""Who may see a person's full NIK and phone.

Masked for everyone by default. Those who must act on them may reveal them, one person at a time,
and each reveal is recorded in the audit trail: ministry admins (data stewards) and centre managers
(they enrol the person, issue certificates and call graduates for the tracer survey), always
within their scope. Regional coordinators and facilitators work with aggregates and lists, where
the masked form is enough to tell people apart.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything

REVEAL_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.CENTRE_MANAGER})
# Who may list and merge duplicate records: the data stewards of the ministry and the regions.
MERGE_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


def can_reveal(user: Any) -> bool:
    """Whether ``user``'s role may reveal the full NIK and phone of a person in their scope."""
    return sees_everything(user) or getattr(user, "role", None) in REVEAL_ROLES


def can_merge(user: Any) -> bool:
    """Whether ``user`` may review and merge duplicate person records in their scope."""
    return sees_everything(user) or getattr(user, "role", None) in MERGE_ROLES
