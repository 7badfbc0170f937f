"""Writes: targets, set by the ministry. Each write is in the audit trail (django-auditlog)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from inkubator.core.scoping import sees_everything

from .models import Programme, Target


def _require_ministry(user: Any) -> None:
    # Targets are the ministry's plan: nobody else sets them, whatever the page offers.
    if not sees_everything(user):
        raise PermissionDenied


@transaction.atomic
def target_set(
    *,
    user: Any,
    programme: Programme,
    indicator: str,
    year: int,
    value: int,
    province: Any = None,
    regency: Any = None,
    note: str = "",
    target: Target | None = None,
) -> Target:
    """Create a target, or change ``target``; one per indicator, year and place (validated)."""
    _require_ministry(user)
    target = target or Target()
    target.programme = programme
    target.indicator = indicator
    target.year = year
    target.value = value
    target.province = province
    target.regency = regency
    target.note = note
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_delete(*, user: Any, target: Target) -> None:
    """Remove a target (its removal stays in the audit trail)."""
    _require_ministry(user)
    target.delete()
