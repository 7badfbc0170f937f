"""The public dashboard's figures: aggregates by province, every cell under 5 suppressed.

Anyone may read these, so they are computed over every row (``indicators.PUBLIC``) and nothing
leaves this module unsuppressed. A cell below ``MIN_CELL`` is withheld, and where a province
breakdown would then have exactly one withheld cell next to a published total, the next-smallest
cell is withheld too, so that no cell can be worked out by subtraction. Figures are cached for a few
minutes: they change slowly and the page must stand a crowd.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Max

from inkubator.programmes.indicators import INDICATORS, PUBLIC, Indicator, IndicatorReader, available_indicators
from inkubator.programmes.models import IndicatorSummaryState
from inkubator.regions.models import Province

MIN_CELL = 5
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Cell:
    """A published figure, or None when withheld."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class PublicFigures:
    """National totals and a province table for one year, already suppressed."""

    year: int
    codes: list[str]  # indicator codes (the cache keeps plain data; indicators hold functions)
    totals: list[Cell]
    provinces: list[tuple[str, str, list[Cell]]] = field(default_factory=list)  # (code, name, cells)
    as_of: datetime.datetime | None = None  # when the summaries were computed; None: counted live

    @property
    def indicators(self) -> list[Indicator]:
        return [INDICATORS[code] for code in self.codes]

    @property
    def headline(self) -> list[tuple[Indicator, Cell]]:
        """Each indicator with its national total."""
        return list(zip(self.indicators, self.totals, strict=True))


def suppress(values: dict[str, int], *, total_published: bool) -> dict[str, int | None]:
    """Withhold every value under ``MIN_CELL``; if that withholds exactly one while the total is
    published, withhold the smallest remaining value too (complementary suppression)."""
    result: dict[str, int | None] = {key: (value if value >= MIN_CELL else None) for key, value in values.items()}
    withheld = [key for key, value in result.items() if value is None]
    if total_published and len(withheld) == 1:
        shown = sorted((value, key) for key, value in result.items() if value is not None)
        if shown:
            result[shown[0][1]] = None
    return result


def _compute(year: int) -> PublicFigures:
    indicators = [indicator for indicator in available_indicators() if indicator.public]
    reader = IndicatorReader(PUBLIC)
    names = dict(Province.objects.order_by("code").values_list("code", "name"))
    columns: list[dict[str, int | None]] = []
    totals: list[Cell] = []
    breakdowns = reader.breakdowns(indicators, year=year)
    for indicator in indicators:
        raw = breakdowns[indicator.code]
        total = sum(raw.values())
        totals.append(Cell(total if total >= MIN_CELL else None))
        # Every province is a cell, zero included, so an absent province cannot be told from a small one.
        full = {code: raw.get(code, 0) for code in names}
        columns.append(suppress(full, total_published=total >= MIN_CELL))
    figures = PublicFigures(year, [indicator.code for indicator in indicators], totals, as_of=reader.as_of(indicators))
    for code, name in names.items():
        figures.provinces.append((code, name, [Cell(column[code]) for column in columns]))
    return figures


def public_cache_key(year: int) -> str:
    """The shared cache's key for ``year``: it names the summaries' last refresh, so a refresh is shown
    at once rather than after the cached copy expires (one look at the summaries' state)."""
    stamp = IndicatorSummaryState.objects.aggregate(at=Max("refreshed_at"))["at"]
    return f"public-figures:{year}:{stamp.timestamp() if stamp else 'live'}"


def public_figures(*, year: int) -> PublicFigures:
    """The suppressed public figures of ``year`` (cached for ``CACHE_SECONDS``)."""
    key = public_cache_key(year)
    figures = cache.get(key)
    if figures is None:
        figures = _compute(year)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def public_rows(figures: PublicFigures) -> list[dict[str, Any]]:
    """Open-data rows: one per province and indicator, plus the national total (province "")."""
    rows: list[dict[str, Any]] = []
    for indicator, cell in zip(figures.indicators, figures.totals, strict=True):
        rows.append(_row(figures.year, "", "Indonesia", indicator, cell))
    for code, name, cells in figures.provinces:
        for indicator, cell in zip(figures.indicators, cells, strict=True):
            rows.append(_row(figures.year, code, name, indicator, cell))
    return rows


def _row(year: int, code: str, name: str, indicator: Indicator, cell: Cell) -> dict[str, Any]:
    return {
        "year": year,
        "province_code": code,
        "province": name,
        "indicator": indicator.code,
        "indicator_label": str(indicator.label),
        "value": cell.value,
        "suppressed": cell.suppressed,
    }
