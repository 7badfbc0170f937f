"""The indicators targets are measured against, as the programmes app reads them.

The registry and the computation live in the core layer (``inkubator.core.indicators``) so that any
app, the register of centres included, can register the figures its models give without importing an
app above it; each app defines its own (``centres/indicators.py``, ``training/indicators.py``, …) and
registers them in ``AppConfig.ready()``. This module names no domain model: it is the programmes
app's door to that registry (targets name an indicator by ``code``).
"""

from __future__ import annotations

from inkubator.core.indicators import (
    INDICATORS,
    LEVELS,
    PUBLIC,
    Indicator,
    Level,
    available_indicators,
    indicator_breakdown,
    indicator_by_centre,
    indicator_by_year,
    indicator_total,
    register_indicator,
)

__all__ = [
    "INDICATORS",
    "LEVELS",
    "PUBLIC",
    "Indicator",
    "Level",
    "available_indicators",
    "indicator_breakdown",
    "indicator_by_centre",
    "indicator_by_year",
    "indicator_total",
    "register_indicator",
]
