"""Reads: targets and their progress, and who is furthest behind.

Progress to date assumes a flow target is earned evenly through the year: by 1 July about half of
it should be there. A stock target (designated incubators) is a level to reach by the end of the
year. The forecast projects the pace so far to 31 December; for a stock it is the level today.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything, user_scope, working_area_q

from .indicators import INDICATORS, Indicator, IndicatorReader, Level, indicator_total, reader_for
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


def active_centre_counts() -> tuple[int, dict[str, int], dict[str, int]]:
    """Active centres in the whole country, by province and by regency/city: the denominators of the
    share rule, in one grouped query (a home asked the same three counts three or five times)."""
    rows = Centre.objects.filter(status=Centre.Status.ACTIVE).order_by().values_list("province_id", "regency_id")
    total, by_province, by_regency = 0, {}, {}
    for province, regency, n in rows.annotate(n=Count("pk")):
        total += n
        by_province[province] = by_province.get(province, 0) + n
        by_regency[regency] = by_regency.get(regency, 0) + n
    return total, by_province, by_regency


def _behind(
    *,
    user: Any,
    indicator: Indicator,
    year: int,
    today: datetime.date | None,
    provinces_too: bool,
    reader: IndicatorReader | None = None,
) -> tuple[list[Laggard], list[Laggard]]:
    """Every province (if ``provinces_too``) and centre with an expected figure, unsorted (``furthest_behind``)."""
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
    # The active centres in scope, read once: counted by province here, each one's figure below.
    rows = list(centres.order_by().values_list("pk", "code", "name", "province_id"))
    per_province: dict[str, int] = {}
    for _pk, _code, _name, province in rows:
        per_province[province] = per_province.get(province, 0) + 1
    all_active, active_by_province, _by_regency = active_centre_counts()  # the target's denominator: every centre
    national_by_province = {
        code: (national.value * n / all_active if national and all_active else 0)
        for code, n in active_by_province.items()
    }
    reader = reader or reader_for(user)  # one reader: the summaries' state is read once for both figures
    actual_by_province: dict[Any, int] = {}
    province_names: dict[str, str] = {}
    if provinces_too:
        actual_by_province = reader.breakdown(indicator, year=year)
        province_names = dict(
            Centre.objects.visible_to(user).order_by().values_list("province_id", "province__name").distinct()
        )
    provinces: list[Laggard] = []
    expected_by_province: dict[str, float] = {}
    for code in per_province:
        expected = province_targets.get(code, national_by_province.get(code, 0)) * elapsed
        expected_by_province[code] = expected
        if expected > 0 and provinces_too:
            provinces.append(Laggard(code, province_names.get(code, code), actual_by_province.get(code, 0), expected))
    laggards: list[Laggard] = []
    if indicator.centre is not None:
        actual_by_centre = reader.by_centre(indicator, year=year)
        # Tuples, not model instances: a ministry's home counts thousands of centres at every request,
        # and building a Centre per row was most of its time (4,300 centres: ~50 ms of the page).
        for pk, code, name, province in rows:
            expected = expected_by_province.get(province, 0) / per_province[province]
            if expected > 0:
                laggards.append(Laggard(code, name, actual_by_centre.get(pk, 0), expected))
    return provinces, laggards


def furthest_behind(
    *, user: Any, indicator: Indicator, year: int, today: datetime.date | None = None, limit: int = 10
) -> tuple[list[Laggard], list[Laggard]]:
    """The provinces and the centres furthest behind on ``indicator``, lowest ratio first.

    A province's expected figure is its own target if it has one, else the national target shared by
    the province's active centres; a centre's is its province's expected figure shared equally by that
    province's active centres. Both are scaled by the share of the year gone for a flow.
    """
    provinces, laggards = _behind(user=user, indicator=indicator, year=year, today=today, provinces_too=True)
    provinces.sort(key=lambda p: (p.ratio, p.code))
    laggards.sort(key=lambda c: (c.ratio, c.code))
    return provinces[:limit], laggards[:limit]


def centres_behind_count(
    *, user: Any, indicator: Indicator, year: int, below: float, today: datetime.date | None = None
) -> int:
    """How many centres in ``user``'s scope are under ``below`` times their expected figure (the home's
    to-do): ``furthest_behind``'s centres counted, without naming, sorting or cutting the list.

    A ministry's home asks it at every request and it weighs every active centre in scope (4,300
    nationally: the centres, their figures and the share rule's denominators, ~20 ms of CPU and four
    queries): it is kept in the shared cache under the summary's refresh time, as the dashboards' figures
    are, so it is as current as they are (a write's refresh makes a new key within seconds; the share
    rule's targets and active centres change by audited writes too).
    """
    today = today or timezone.localdate()
    reader = reader_for(user)

    def compute() -> int:
        _provinces, laggards = _behind(
            user=user, indicator=indicator, year=year, today=today, provinces_too=False, reader=reader
        )
        return sum(1 for laggard in laggards if laggard.ratio < below)

    return reader.cached("behind", indicator, (year, below, today.isoformat()), compute)


# Targets of one's own place -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceTarget:
    """A target at one place: set there by the ministry, or (``shared``) its share of the national target."""

    value: int
    shared: bool


class _Shares:
    """The year's targets and the active-centre counts the share rule divides by (a few queries, once)."""

    def __init__(self, year: int) -> None:
        self.targets = {(i, key): v for i, key, v in Target.objects.filter(year=year).values_list(
            "indicator", "region_key", "value")}  # fmt: skip

    @cached_property
    def _counts(self) -> tuple[int, dict[str, int], dict[str, int]]:
        # Read when a share is first asked: the nation's own targets (a ministry's home) need no count.
        return active_centre_counts()

    @property
    def all_active(self) -> int:
        return self._counts[0]

    @property
    def by_province(self) -> dict[str, int]:
        return self._counts[1]

    @property
    def by_regency(self) -> dict[str, int]:
        return self._counts[2]

    def _share(self, indicator: str, centres: int) -> float | None:
        national = self.targets.get((indicator, ""))
        if national is None or not self.all_active:
            return None
        return national * centres / self.all_active

    def unit(self, indicator: str, level: str, code: str) -> tuple[float, bool] | None:
        """``(target, shared)`` of a province or regency/city; None when neither it nor the nation has one."""
        if (indicator, code) in self.targets:
            return float(self.targets[(indicator, code)]), False
        counts = self.by_province if level == "province" else self.by_regency
        share = self._share(indicator, counts.get(code, 0))
        return None if share is None else (share, True)

    def of(self, indicator: str, level: str, code: str) -> tuple[float, bool] | None:
        """A unit's target: a province or regency/city by its code, a centre by its province's code."""
        return self.centre(indicator, code) if level == "centre" else self.unit(indicator, level, code)

    def centre(self, indicator: str, province: str) -> tuple[float, bool] | None:
        """A centre's target: its province's (set or shared) over the province's active centres."""
        found = self.unit(indicator, "province", province)
        if found is None:
            return None
        return found[0] / max(1, self.by_province.get(province, 0)), True


def own_targets(*, user: Any, year: int, level: str, code: str = "") -> dict[str, PlaceTarget]:
    """Each indicator's target at the place a page shows, for ``user``: never the nation's for part of it.

    The nation's page of a ministry admin has the national targets. A province or regency/city has its
    own target where the ministry set one, else its share of the national target (by its share of the active centres); a
    centre its share of its province's. The "national" page of anyone else is their own scope: a
    coordinator's provinces and regencies/cities added up, the centres of a manager or facilitator.
    """
    shares = _Shares(year)
    units: list[tuple[str, str]] = []  # (level, code) whose targets add up to the place's
    if level in ("province", "regency"):
        units = [(level, code)]
    elif level == "centre":
        province = Centre.objects.visible_to(user).filter(code=code).values_list("province_id", flat=True).first()
        units = [("centre", province)] if province else []
    elif sees_everything(user):
        return {i: PlaceTarget(v, False) for (i, key), v in shares.targets.items() if key == ""}
    elif getattr(user, "role", None) == Role.REGIONAL_COORDINATOR:
        scope = user_scope(user)
        units = [("province", c) for c in scope.province_codes] + [("regency", c) for c in scope.regency_codes]
    else:
        centres = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
        units = [("centre", p) for p in centres.values_list("province_id", flat=True)]
    result: dict[str, PlaceTarget] = {}
    for indicator in {i for i, _key in shares.targets}:
        found = [
            shares.centre(indicator, unit_code)
            if unit_level == "centre"
            else shares.unit(indicator, unit_level, unit_code)
            for unit_level, unit_code in units
        ]
        found = [f for f in found if f is not None]
        if found and len(found) == len(units):
            result[indicator] = PlaceTarget(round(sum(v for v, _s in found)), any(s for _v, s in found))
    return result
