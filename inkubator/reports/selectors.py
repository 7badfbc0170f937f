"""What the reports show, read within the requesting user's scope.

The centre profile (rapor) gathers the register, the cluster and incubator designation, training
output and outcomes, tenants and jobs. Province and national reports are the dashboard's figures of
that place with progress against targets and the places furthest behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from inkubator.assessments.selectors import centre_latest_result
from inkubator.centres.models import Centre
from inkubator.dashboards.selectors_national import Dashboard, Place, dashboard_build
from inkubator.programmes.indicators import INDICATORS, Indicator, indicator_total
from inkubator.programmes.models import Target
from inkubator.programmes.selectors import Laggard, Progress, furthest_behind, progress_of

PROFILE_FIGURES = (
    "trainees_enrolled",
    "trainees_trained",
    "graduates_employed",
    "graduates_self_employed",
    "tenants_incubated",
    "tenants_graduated",
    "jobs_created",
)


@dataclass
class CentreProfile:
    """Everything the centre's PDF profile prints."""

    centre: Centre
    year: int
    fields: list[str]
    staff: dict[str, int]
    assets: int
    agreements: int
    this_year: list[tuple[Indicator, int]]
    all_time: list[tuple[Indicator, int]]
    assessment: Any = None  # the latest assessment result with its explanation, when the app provides one

    @property
    def rows(self) -> list[tuple[Indicator, int, int]]:
        """Each figure with its value this year and over all years."""
        return [(i, this, every) for (i, this), (_i, every) in zip(self.this_year, self.all_time, strict=True)]


def _assessment_summary(*, user: Any, centre: Centre) -> dict[str, Any] | None:
    """The centre's latest assessment as its page shows it: round, cluster, scores and explanation."""
    latest, result = centre_latest_result(user=user, centre=centre)
    if latest is None:
        return None
    return {"assessment": latest, **result}


def centre_profile(*, user: Any, centre: Centre, year: int) -> CentreProfile:
    """The profile of ``centre`` (already fetched through ``visible_to(user)``) for ``year``."""
    staff = centre.staff.aggregate(total=Count("pk"), active=Count("pk", filter=Q(active=True)))
    indicators = [INDICATORS[code] for code in PROFILE_FIGURES if code in INDICATORS]

    def figures(for_year: int | None) -> list[tuple[Indicator, int]]:
        return [
            (indicator, indicator_total(indicator, user=user, year=for_year, level="centre", code=centre.code))
            for indicator in indicators
        ]

    return CentreProfile(
        centre=centre,
        year=year,
        fields=[str(f) for f in centre.fields.all()],
        staff=staff,
        assets=centre.assets.count(),
        agreements=centre.agreements.count(),
        this_year=figures(year),
        all_time=figures(None),
        assessment=_assessment_summary(user=user, centre=centre),
    )


@dataclass
class AreaReport:
    """A province or national report: the dashboard of the place, progress and laggards."""

    board: Dashboard
    progress: list[Progress] = field(default_factory=list)
    laggards: list[tuple[Indicator, list[Laggard], list[Laggard]]] = field(default_factory=list)


def area_report(*, user: Any, place: Place, year: int, step: Any = None) -> AreaReport:
    """Build the report of ``place``; ``step(fraction)`` is called as parts finish (for progress)."""
    step = step or (lambda fraction: None)
    board = dashboard_build(user=user, place=place, year=year)
    step(0.4)
    targets = Target.objects.filter(year=year, region_key=place.code).select_related("programme")
    report = AreaReport(board=board)
    report.progress = [progress_of(target=target, user=user) for target in targets if target.indicator in INDICATORS]
    step(0.6)
    if place.level == "national":
        for target in targets:
            indicator = INDICATORS.get(target.indicator)
            if indicator:
                provinces, centres = furthest_behind(user=user, indicator=indicator, year=year, limit=5)
                report.laggards.append((indicator, provinces, centres))
    step(0.8)
    return report
