"""Who may change what in the register. Visibility is ``visible_to``'s job; these decide writes.

Every check assumes the object was already fetched through ``visible_to(user)``: a user never
gets to ask about a centre outside their scope.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role

# Register the centre itself, its host and agreements: the ministry and regional coordinators.
REGISTER_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})
# Map people and assets (staff, certificates, assets, fields): also the centre's manager and its facilitators.
MAPPING_ROLES = REGISTER_ROLES | {Role.CENTRE_MANAGER, Role.FACILITATOR}


_role = effective_role  # what the user counts as: decided in core.roles only


def can_register_centres(user: Any) -> bool:
    """Create centres and edit their registration (name, host, region, status, agreements)."""
    return _role(user) in REGISTER_ROLES


def can_map_centre(user: Any) -> bool:
    """Keep a visible centre's contact details, fields, staff and assets up to date."""
    return _role(user) in MAPPING_ROLES
