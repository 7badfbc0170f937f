"""The centres mentoring opens to a facilitator user: those assigned to them in an active plan."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .choices import PlanStatus
from .models import Assignment


def assigned_centres(user: Any) -> QuerySet:
    """Centre ids (a subquery) of the user's assignments in active plans; registered in ``apps.py``."""
    return Assignment.objects.filter(facilitator__user=user, plan__status=PlanStatus.ACTIVE).values(
        "plan_centre__centre"
    )
