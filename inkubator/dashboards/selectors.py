"""Reads for the home pages: figures of the user's own scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from inkubator.centres.models import Centre
from inkubator.partners.models import Partner


def home_summary(*, user: Any) -> dict[str, Any]:
    """Counts of centres by status, the first centres and the user's partner, all within scope."""
    centres = Centre.objects.visible_to(user)
    counts = centres.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Centre.Status.ACTIVE)),
        provinces=Count("province", distinct=True),
    )
    return {
        "centres": counts,
        "centre_list": list(centres.select_related("regency", "province").order_by("name")[:10]),
        "partner": Partner.objects.visible_to(user).first(),
    }
