"""Demo data of the venues register (laid-off workers' service), the last demo step.

BPKK Bekasi, where the service started with 200 workers (PROGRAMME_FACTS.md), the ministry's
vocational training centres (BBPVP/BPVP, the UPTP), a provincial BLK where the list runs short, and
the BLK Komunitas incubators: 5 venues in the small demo, 50 in the national one. Coordinates are
the regency's centroid moved a little. ``staf.bpkk`` is the venue staff account of BPKK Bekasi.

The step runs last so that adding it left every earlier step's random draws (and rows) as they were.
"""

from __future__ import annotations

import random
from decimal import Decimal

from faker import Faker

from inkubator.accounts.services import user_create
from inkubator.centres.models import Centre, VocationalField
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from inkubator.venues.choices import VenueKind
from inkubator.venues.models import Venue

from .accounts import DEMO_PASSWORD

SIZES: dict[str, int] = {"small": 5, "national": 50}
DEMO_VENUE_STAFF = "staf.bpkk"
# (code, name, kind, regency): the service's first venue, then the ministry's own training centres.
GOVERNMENT: tuple[tuple[str, str, str, str], ...] = (
    ("BPKK-BEKASI", "BPKK Bekasi", VenueKind.BPKK, "32.16"),
    ("BBPVP-BEKASI", "BBPVP Bekasi", VenueKind.BLK_UPTP, "32.75"),
    ("BBPVP-SERANG", "BBPVP Serang", VenueKind.BLK_UPTP, "36.04"),
    ("BBPVP-BANDUNG", "BBPVP Bandung", VenueKind.BLK_UPTP, "32.73"),
    ("BBPVP-SEMARANG", "BBPVP Semarang", VenueKind.BLK_UPTP, "33.74"),
    ("BBPVP-MEDAN", "BBPVP Medan", VenueKind.BLK_UPTP, "12.71"),
    ("BBPVP-MAKASSAR", "BBPVP Makassar", VenueKind.BLK_UPTP, "73.71"),
    ("BPVP-SURAKARTA", "BPVP Surakarta", VenueKind.BLK_UPTP, "33.72"),
    ("BPVP-KENDARI", "BPVP Kendari", VenueKind.BLK_UPTP, "74.71"),
    ("BPVP-TERNATE", "BPVP Ternate", VenueKind.BLK_UPTP, "82.71"),
    ("BPVP-AMBON", "BPVP Ambon", VenueKind.BLK_UPTP, "81.71"),
    ("BPVP-PADANG", "BPVP Padang", VenueKind.BLK_UPTP, "13.71"),
    ("BPVP-BANDA-ACEH", "BPVP Banda Aceh", VenueKind.BLK_UPTP, "11.71"),
    ("BPVP-LOTIM", "BPVP Lombok Timur", VenueKind.BLK_UPTP, "52.03"),
    ("BPVP-SAMARINDA", "BPVP Samarinda", VenueKind.BLK_UPTP, "64.72"),
    ("BPVP-BANTAENG", "BPVP Bantaeng", VenueKind.BLK_UPTP, "73.03"),
    ("BPVP-SIDOARJO", "BPVP Sidoarjo", VenueKind.BLK_UPTP, "35.15"),
    ("BPVP-BELITUNG", "BPVP Belitung", VenueKind.BLK_UPTP, "19.02"),
    ("BPVP-BANDUNG-BARAT", "BPVP Bandung Barat", VenueKind.BLK_UPTP, "32.17"),
    ("BPVP-SORONG", "BPVP Sorong", VenueKind.BLK_UPTP, "96.71"),
    ("BPVP-PANGKEP", "BPVP Pangkep", VenueKind.BLK_UPTP, "73.10"),
)
SMALL_GOVERNMENT = 3  # BPKK Bekasi, BBPVP Bekasi, BBPVP Serang
INCUBATOR_SHARE = 0.5  # at most half the venues are BLK Komunitas incubators


def _place(regency: Regency, rng: random.Random) -> tuple[Decimal | None, Decimal | None]:
    if regency.latitude is None:
        return None, None
    step = Decimal("0.00001")
    return (
        (regency.latitude + Decimal(str(rng.uniform(-0.05, 0.05)))).quantize(step),
        (regency.longitude + Decimal(str(rng.uniform(-0.05, 0.05)))).quantize(step),
    )


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write the venues and the venue staff account; returns how many venues."""
    total = SIZES[size]
    fields = list(VocationalField.objects.filter(active=True).order_by("code"))
    rows: list[tuple[str, str, str, str, Centre | None, int]] = []
    government = GOVERNMENT[:SMALL_GOVERNMENT] if size == "small" else GOVERNMENT
    for code, name, kind, regency in government:
        capacity = 200 if kind == VenueKind.BPKK else rng.randrange(150, 401, 10)
        rows.append((code, name, kind, regency, None, capacity))
    most = max(1, round(total * INCUBATOR_SHARE))
    incubators = list(Centre.objects.filter(is_incubator=True).order_by("code")[:most])
    for centre in incubators[: total - len(rows) - (1 if size == "small" else 0)]:
        rows.append((f"BLKK-{centre.code}", centre.name, VenueKind.BLKK_INCUBATOR, centre.regency_id, centre,
                     16 * rng.randint(1, 3)))  # fmt: skip
    # Provincial BLK (UPTD) at each province's first city until the count is reached.
    cities = Regency.objects.filter(code__endswith=".71").order_by("code")
    for city in cities:
        if len(rows) >= total:
            break
        province = city.code[:2]
        rows.append((f"UPTD-BLK-{province}", f"UPTD BLK Provinsi {city.province.name}", VenueKind.BLK_PROVINCE,
                     city.code, None, rng.randrange(80, 201, 10)))  # fmt: skip
    regencies = {r.code: r for r in Regency.objects.filter(code__in={row[3] for row in rows})}
    created = []
    for code, name, kind, regency_code, centre, capacity in rows[:total]:
        latitude, longitude = _place(regencies[regency_code], rng)
        venue = Venue.objects.create(
            code=code, name=name, kind=kind, centre=centre, regency_id=regency_code, latitude=latitude,
            longitude=longitude, capacity_per_wave=capacity,
        )  # fmt: skip
        venue.fields.set(rng.sample(fields, k=min(len(fields), rng.randint(2, 4))))
        created.append(venue)
    user_create(
        username=DEMO_VENUE_STAFF, password=DEMO_PASSWORD, role=Role.VENUE_STAFF, first_name="Wahyu",
        last_name="Hidayat", email=f"{DEMO_VENUE_STAFF}@demo.inkubator.id", venues=created[:1],
    )  # fmt: skip
    return {"venues": len(created)}
