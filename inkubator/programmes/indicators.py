"""The indicators targets are measured against, as the programmes app reads them.

The registry and the live computation live in the core layer (``inkubator.core.indicators``) so that
any app, the register of centres included, can register the figures its models give without
importing an app above it; each app defines its own (``centres/indicators.py``, …) and registers them
in ``AppConfig.ready()``. This module names no domain model: it is the door to that registry for
programmes, dashboards and reports (targets name an indicator by ``code``).

``indicator_total``/``indicator_breakdown``/``indicator_by_centre``/``indicator_by_year`` here read
the indicator summaries (``summaries.py``) wherever they answer exactly, and compute live otherwise;
a page asking many figures makes one ``IndicatorReader`` instead. The ``live_*`` functions always
compute from the rows: they are the check the summaries are tested against.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.indicators import (
    INDICATORS,
    LEVELS,
    PUBLIC,
    Indicator,
    Level,
    available_indicators,
    register_indicator,
)
from inkubator.core.indicators import indicator_breakdown as live_indicator_breakdown
from inkubator.core.indicators import indicator_by_centre as live_indicator_by_centre
from inkubator.core.indicators import indicator_by_year as live_indicator_by_year
from inkubator.core.indicators import indicator_total as live_indicator_total

from .summaries import IndicatorReader, as_of, reader_for

__all__ = [
    "INDICATORS",
    "LEVELS",
    "PUBLIC",
    "Indicator",
    "IndicatorReader",
    "Level",
    "as_of",
    "available_indicators",
    "indicator_breakdown",
    "indicator_by_centre",
    "indicator_by_year",
    "indicator_total",
    "live_indicator_breakdown",
    "live_indicator_by_centre",
    "live_indicator_by_year",
    "live_indicator_total",
    "reader_for",
    "register_indicator",
]


def indicator_total(
    indicator: Indicator, *, user: Any, year: int | None, level: Level = "national", code: str = ""
) -> int:
    """The figure for one place (the whole scope at ``national``), from the summaries where exact."""
    return reader_for(user).total(indicator, year=year, level=level, code=code)


def indicator_breakdown(
    indicator: Indicator, *, user: Any, year: int | None, level: Level = "national", code: str = ""
) -> dict[Any, int]:
    """The figure for each place one level below ``level``/``code``, from the summaries where exact."""
    return reader_for(user).breakdown(indicator, year=year, level=level, code=code)


def indicator_by_centre(indicator: Indicator, *, user: Any, year: int | None) -> dict[int, int]:
    """The figure of every centre in ``user``'s scope, by centre id, from the summaries where exact."""
    return reader_for(user).by_centre(indicator, year=year)


def indicator_by_year(indicator: Indicator, *, user: Any, level: Level = "national", code: str = "") -> dict[int, int]:
    """A flow's figure for each year, from the summaries where exact."""
    return reader_for(user).by_year(indicator, level=level, code=code)
