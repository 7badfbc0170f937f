"""Reads of the venues register, always from ``Venue.objects.visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Venue


def venue_list(*, user: Any) -> QuerySet[Venue]:
    """The venues ``user`` may see, with their region and centre loaded for listing."""
    return Venue.objects.visible_to(user).select_related("regency", "regency__province", "centre")


def venue_get(*, user: Any, code: str) -> Venue:
    """One venue by code; 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(venue_list(user=user).prefetch_related("fields"), code=code)


def venue_choices(*, user: Any) -> QuerySet[Venue]:
    """The active venues ``user`` may choose for a batch, a tenant or an allocation."""
    return venue_list(user=user).filter(active=True)


def public_venues() -> QuerySet[Venue]:
    """The active venues a worker may name as preferred on the public registration form.

    Venues are public places (government training centres), so this list is not scoped: it is the
    one read of the register without a user, and it offers names and places only.
    """
    return Venue.objects.filter(active=True).select_related("regency").order_by("regency__name", "name")
