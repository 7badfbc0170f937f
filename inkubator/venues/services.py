"""Writes of the venues register: create and edit, each checked by ``full_clean()`` and audited (auditlog)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from .models import Venue


@transaction.atomic
def venue_create(*, fields: Iterable[Any] = (), **values: Any) -> Venue:
    """Register a venue with its vocational fields; the model's rules decide what is valid."""
    venue = Venue(**values)
    if venue.centre_id and not venue.regency_id:
        venue.regency_id = venue.centre.regency_id  # a BLKK venue lies where its centre does
    venue.full_clean()
    venue.save()
    venue.fields.set(list(fields))
    return venue


@transaction.atomic
def venue_update(*, venue: Venue, fields: Iterable[Any] | None = None, **changes: Any) -> Venue:
    """Change a venue (capacity, fields, coordinates …); same rules as on creation."""
    for name, value in changes.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    if fields is not None:
        venue.fields.set(list(fields))
    return venue
