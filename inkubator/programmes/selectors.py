"""Reads: targets and their progress, and who is furthest behind.

Progress to date assumes a flow target is earned evenly through the year: by 1 July about half of
it should be there. A stock target (designated incubators) is a level to reach by the end of the
year. The forecast projects the pace so far to 31 December; for a stock it is the level today.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from inkubator.centres.models import Centre
from inkubator.core.scoping import working_area_q

from .indicators import INDICATORS, Indicator, Level, indicator_breakdown, indicator_by_centre, indicator_total
from .models import Programme, Target

BEHIND = 0.9  # under 90% of the expected figure to date: behind
FAR_BEHIND = 0.6  # under 60%: far behind


def programme_list() -> QuerySet[Programme]:
    """Every programme (reference data)."""
    return Programme.objects.all()


def targets_for(*, user: Any, year: int | None = None) -> QuerySet[Target]:
    """The targets a user works to: every target for the ministry, their own places' for a coordinator.

    Targets are the ministry's published plan, not personal data; this narrows them to what is
    relevant to the user, while the figures they are compared with always come from the user's scope.
    """
    area = working_area_q(user, region="regency", province="province")
    if area is None:
        return Target.objects.none()
    targets = Target.objects.filter(area).select_related("programme", "province", "regency")
    return targets if year is None else targets.filter(year=year)


def year_elapsed(year: int, today: datetime.date) -> float:
    """The share of ``year`` gone by ``today``: 0 before it starts, 1 after it ends."""
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    days = 366 if calendar.isleap(year) else 365
    return (today.timetuple().tm_yday) / days


@dataclass(frozen=True)
class Progress:
    """A target with its figure to date, what was expected by now, the pace needed and the forecast."""

    target: Target
    indicator: Indicator
    actual: int
    expected: float
    forecast: int
    months_left: int
    pace_needed: float | None  # per month, to reach the target by 31 December

    @property
    def share(self) -> float:
        """Actual as a share of the target (may pass 1)."""
        return self.actual / self.target.value if self.target.value else 1.0

    @property
    def ratio(self) -> float:
        """Actual as a share of what was expected by now."""
        return self.actual / self.expected if self.expected else 1.0

    @property
    def status(self) -> str:
        """``reached``, ``on_track``, ``behind`` or ``far_behind``."""
        if self.actual >= self.target.value:
            return "reached"
        if self.ratio >= BEHIND:
            return "on_track"
        return "behind" if self.ratio >= FAR_BEHIND else "far_behind"

    @property
    def percent(self) -> int:
        return min(100, round(self.share * 100))


def _level_of(target: Target) -> tuple[Level, str]:
    if target.regency_id:
        return "regency", target.regency_id
    if target.province_id:
        return "province", target.province_id
    return "national", ""


def progress_of(*, target: Target, user: Any, today: datetime.date | None = None) -> Progress:
    """One target's progress, with its figure computed within ``user``'s scope."""
    today = today or timezone.localdate()
    indicator = INDICATORS[target.indicator]
    level, code = _level_of(target)
    actual = indicator_total(indicator, user=user, year=target.year, level=level, code=code)
    elapsed = year_elapsed(target.year, today)
    months_left = 0 if elapsed >= 1 else (12 - today.month + 1 if today.year == target.year else 12)
    if indicator.kind == "flow":
        expected = target.value * elapsed
        forecast = round(actual / elapsed) if elapsed else 0
    else:
        expected = float(target.value)
        forecast = actual
    remaining = max(0, target.value - actual)
    pace = remaining / months_left if months_left else None
    return Progress(target, indicator, actual, expected, forecast, months_left, pace)


def progress_list(*, user: Any, year: int, today: datetime.date | None = None) -> list[Progress]:
    """Progress of every target of ``year`` relevant to ``user``."""
    return [
        progress_of(target=target, user=user, today=today)
        for target in targets_for(user=user, year=year)
        if target.indicator in INDICATORS
    ]


@dataclass(frozen=True)
class Laggard:
    """A place (province or centre) and how far its figure is from what its share of the target expects."""

    code: str
    name: str
    actual: int
    expected: float

    @property
    def ratio(self) -> float:
        return self.actual / self.expected if self.expected else 1.0


def _national_target(indicator: Indicator, year: int) -> Target | None:
    return Target.objects.filter(indicator=indicator.code, year=year, region_key="").first()


def furthest_behind(
    *, user: Any, indicator: Indicator, year: int, today: datetime.date | None = None, limit: int = 10
) -> tuple[list[Laggard], list[Laggard]]:
    """The provinces and the centres furthest behind on ``indicator``, lowest ratio first.

    A province's expected figure is its own target if it has one, else the national target shared by
    the province's active centres; a centre's is its province's expected figure shared equally by that
    province's active centres. Both are scaled by the share of the year gone for a flow.
    """
    today = today or timezone.localdate()
    national = _national_target(indicator, year)
    province_targets = dict(
        Target.objects.filter(
            indicator=indicator.code, year=year, regency__isnull=True, province__isnull=False
        ).values_list("province_id", "value")
    )
    if national is None and not province_targets:
        return [], []
    elapsed = year_elapsed(year, today) if indicator.kind == "flow" else 1.0
    centres = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
    per_province = dict(centres.order_by().values_list("province_id").annotate(n=Count("pk")))
    all_active = Centre.objects.filter(status=Centre.Status.ACTIVE).count()  # the target's denominator: every centre
    national_by_province = {
        code: (national.value * n / all_active if national and all_active else 0)
        for code, n in Centre.objects.filter(status=Centre.Status.ACTIVE).order_by().values_list("province_id")
        .annotate(n=Count("pk"))
    }  # fmt: skip
    actual_by_province = indicator_breakdown(indicator, user=user, year=year)
    names = dict(Centre.objects.visible_to(user).order_by().values_list("province_id", "province__name").distinct())
    provinces: list[Laggard] = []
    expected_by_province: dict[str, float] = {}
    for code in per_province:
        expected = province_targets.get(code, national_by_province.get(code, 0)) * elapsed
        expected_by_province[code] = expected
        if expected > 0:
            provinces.append(Laggard(code, names.get(code, code), actual_by_province.get(code, 0), expected))
    provinces.sort(key=lambda p: (p.ratio, p.code))
    laggards: list[Laggard] = []
    if indicator.centre is not None:
        actual_by_centre = indicator_by_centre(indicator, user=user, year=year)
        for centre in centres.only("pk", "code", "name", "province_id"):
            expected = expected_by_province.get(centre.province_id, 0) / per_province[centre.province_id]
            if expected > 0:
                laggards.append(Laggard(centre.code, centre.name, actual_by_centre.get(centre.pk, 0), expected))
        laggards.sort(key=lambda c: (c.ratio, c.code))
    return provinces[:limit], laggards[:limit]
