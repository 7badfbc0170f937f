"""Builders for the venues tests (and the service tests, which train cohorts at venues)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from inkubator.regions.models import Regency
from inkubator.venues.choices import VenueKind
from inkubator.venues.models import Venue
from inkubator.venues.services import venue_create

_serial = itertools.count(1)


def make_venue(regency: str = "32.16", **values: Any) -> Venue:
    """A government BLK in ``regency`` at its centroid, 100 places a wave, unless told otherwise."""
    place = Regency.objects.get(code=regency)
    n = next(_serial)
    defaults: dict[str, Any] = {
        "code": f"BLK-T{n:04d}",
        "name": f"BLK Uji {n}",
        "kind": VenueKind.BLK_UPTP,
        "regency_id": regency,
        "latitude": place.latitude if place.latitude is not None else Decimal("-6.2"),
        "longitude": place.longitude if place.longitude is not None else Decimal("107.1"),
        "capacity_per_wave": 100,
    }
    defaults.update(values)
    return venue_create(**defaults)
