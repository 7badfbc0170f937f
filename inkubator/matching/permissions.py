"""Who may do what with contributions, offers and matches. Seeing is ``visible_to``'s job.

Every check assumes the object was fetched through ``visible_to(user)``: a partner user only ever
holds its own organisation's offers and matches, so "its offer" is a comparison of ids here.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role, effective_role
from inkubator.core.scoping import sees_everything

# The incubator's people propose tenants to offers and follow them up.
COACH_ROLES = frozenset({Role.CENTRE_MANAGER, Role.FACILITATOR})
# Who opens the pages of offers and matches at all.
MATCH_READERS = frozenset({Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.PARTNER})


def is_partner(user: Any) -> bool:
    """A signed-in user of a partner organisation."""
    return effective_role(user) == Role.PARTNER and bool(getattr(user, "partner_id", None))


def reads_matching(user: Any) -> bool:
    """Open the offers, matches and contributions pages (entrepreneurs see theirs on their own page)."""
    return sees_everything(user) or effective_role(user) in MATCH_READERS


def can_record_contribution(user: Any) -> bool:
    """The ministry records what partners gave (a partner cannot see the centres it would name)."""
    return sees_everything(user)


def can_publish_offer(user: Any) -> bool:
    """The ministry and partners publish offers (a partner for its own organisation)."""
    return sees_everything(user) or is_partner(user)


def can_edit_offer(user: Any, offer: Any) -> bool:
    """The ministry, or the partner whose offer it is."""
    return sees_everything(user) or (is_partner(user) and offer.partner_id == user.partner_id)


def can_propose(user: Any) -> bool:
    """Coaches of the tenant's incubator and the ministry propose a tenant to an offer."""
    return sees_everything(user) or effective_role(user) in COACH_ROLES


def can_answer(user: Any, match: Any) -> bool:
    """The offer's partner answers (the ministry for its own offers, or on a partner's behalf)."""
    return sees_everything(user) or (is_partner(user) and match.offer.partner_id == user.partner_id)


def can_follow_up(user: Any, match: Any) -> bool:
    """Record that the partner was contacted, or withdraw: the coaches and the ministry."""
    return can_propose(user)


def can_record_outcome(user: Any, match: Any) -> bool:
    """Staff of the tenant's incubator or the offer's partner record what came of an agreed match."""
    return can_propose(user) or can_answer(user, match)


def reads_participant_offers(user: Any) -> bool:
    """The offers ranked for a laid-off workers' service participant: the service's staff roles."""
    from inkubator.service.permissions import can_see_registrations

    return can_see_registrations(user)


def can_propose_to_participant(user: Any) -> bool:
    """Those who guide participants along their path (the ministry, their venue's staff) put offers to them."""
    from inkubator.service.permissions import can_guide_participants

    return can_guide_participants(user)
