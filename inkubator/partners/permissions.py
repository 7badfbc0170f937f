"""Who may change the partner register. Seeing is ``visible_to``'s job (``Partner.scope``)."""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role
from inkubator.core.scoping import sees_everything

# Who opens the register's pages at all (entrepreneurs have no business there).
READERS = frozenset({Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.PARTNER})


def reads_register(user: Any) -> bool:
    """Open the partner and agreement lists."""
    return sees_everything(user) or effective_role(user) in READERS


def can_manage_partners(user: Any) -> bool:
    """Register and edit partners and their agreements: the ministry."""
    return sees_everything(user)
