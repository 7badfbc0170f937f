"""Reads for the home pages: figures of the user's own scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Subquery

from inkubator.centres.models import Centre
from inkubator.core.roles import Role, effective_role
from inkubator.partners.models import Partner

# Homes that show no centre (their templates empty the ``stats`` and ``centres`` blocks).
NO_CENTRES = {Role.ENTREPRENEUR, Role.VENUE_STAFF, Role.PARTNER}


# What the homes show of a centre (``_home.html``, ``home_centre_manager.html``).
HOME_CENTRE_FIELDS = ("code", "name", "cohort_year", "status", "regency__name", "province__name")


def home_summary(*, user: Any) -> dict[str, Any]:
    """Counts of centres by status, the first centres and the user's partner, all within scope: what the
    user's home shows of them (``dashboards/home_<role>.html``), no more.

    An entrepreneur's, a venue's and a partner's home show no centre; a centre manager's shows their
    centre and no counts: nothing is read for what a home does not show.
    """
    role = effective_role(user)
    summary: dict[str, Any] = {"centres": {}, "centre_list": [], "partner": None}
    if role == Role.PARTNER:
        summary["partner"] = Partner.objects.visible_to(user).first()
    if role in NO_CENTRES:
        return summary
    centres = Centre.objects.visible_to(user)
    if role == Role.FACILITATOR:
        # A facilitator's centres are a handful (those assigned to them): read once, counted here, rather
        # than their scope's subqueries compiled and run twice (counts, then the first ten).
        mine = list(
            centres.select_related("regency", "province").only(*HOME_CENTRE_FIELDS, "province").order_by("name", "pk")
        )
        summary["centres"] = {
            "total": len(mine),
            "active": sum(1 for centre in mine if centre.status == Centre.Status.ACTIVE),
            "provinces": len({centre.province_id for centre in mine}),
        }
        summary["centre_list"] = mine[:10]
        return summary
    if role != Role.CENTRE_MANAGER:
        summary["centres"] = centres.aggregate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status=Centre.Status.ACTIVE)),
            provinces=Count("province", distinct=True),
        )
    # The first ten by name chosen among the centres alone, then only those ten joined to their regions:
    # sorting every centre joined to its regency and province first was ~10 ms of a national home.
    first = centres.order_by("name", "pk").values("pk")[:10]
    summary["centre_list"] = list(
        Centre.objects.filter(pk__in=Subquery(first))
        .select_related("regency", "province")
        .only(*HOME_CENTRE_FIELDS)
        .order_by("name", "pk")
    )
    return summary
