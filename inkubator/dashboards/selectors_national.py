"""Reads for the drill-down dashboard: nation → province → regency/city → centre, within the user's scope.

Every figure comes from ``programmes.indicators`` for the user's scope: a coordinator's "national"
page adds up their provinces only, and a place outside the scope answers 404. Figures are read from
the indicator summaries (``programmes.summaries``: one small grouped query per indicator, minutes
old, the time shown on the page) wherever they answer exactly, live otherwise. One grouped query
per indicator gives a place's children; the place's own figure is their sum where every row has a
child (nation, province) and its own query below that.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.core.scoping import in_working_area, sees_everything, user_scope
from inkubator.programmes.indicators import INDICATORS, Indicator, IndicatorReader, Level, available_indicators
from inkubator.programmes.selectors import PlaceTarget, own_targets
from inkubator.regions.maps import CHOROPLETH_COLOURS, ZERO_COLOUR, choropleth_classes, nation_svg
from inkubator.regions.models import Province, Regency

CHILD_LEVEL: dict[str, Level] = {"national": "province", "province": "regency", "regency": "centre"}
FUNNEL = (
    "trainees_enrolled",
    "trainees_trained",
    "graduates_employed",
    "graduates_self_employed",
    "tenants_incubated",
    "tenants_graduated",
    "jobs_created",
)
TREND_YEARS = 5


@dataclass(frozen=True)
class Place:
    """Where a dashboard stands: its level, code and name, and the way back up."""

    level: Level
    code: str
    name: str
    crumbs: tuple[tuple[str, str], ...] = ()  # (name, url) from the nation down, without this place
    centre_pk: int | None = None


def dashboard_url(level: str, code: str = "", year: int | None = None) -> str:
    """The dashboard of a place (the year as a query when given)."""
    url = reverse("dashboards:national") if level == "national" else reverse("dashboards:place", args=[level, code])
    return f"{url}?year={year}" if year else url


def _province_visible(user: Any, code: str) -> bool:
    """The ministry's and a coordinator's own places; for the other roles, a province holding a centre of theirs."""
    return in_working_area(user, code) or Centre.objects.visible_to(user).filter(province_id=code).exists()


def _regency_visible(user: Any, code: str) -> bool:
    """As ``_province_visible``, for a regency/city."""
    return in_working_area(user, code) or Centre.objects.visible_to(user).filter(regency_id=code).exists()


def _scope_name(user: Any) -> str:
    """What the "national" page covers for ``user``: Indonesia for the ministry, else the user's own places.

    A coordinator's page adds up their provinces and regencies/cities only, so it is labelled with them,
    not with the country (whose target it must not be compared with).
    """
    if sees_everything(user):
        return str(_("Indonesia"))
    if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR:
        scope = user_scope(user)
        names = list(
            Province.objects.filter(code__in=scope.province_codes).order_by("name").values_list("name", flat=True)
        )
        names += list(
            Regency.objects.filter(code__in=scope.regency_codes).order_by("name").values_list("name", flat=True)
        )
        if names:
            return ", ".join(names)
    return str(_("My centres"))


def place_get(*, user: Any, level: str, code: str = "") -> Place:
    """The place ``level``/``code`` if ``user`` may see it; Http404 otherwise (and for nonsense)."""
    national = Place("national", "", _scope_name(user))
    if level == "national":
        return national
    top = ((national.name, dashboard_url("national")),)
    if level == "province":
        province = Province.objects.filter(pk=code).first()
        if province is None or not _province_visible(user, code):
            raise Http404
        return Place("province", code, province.name, top)
    if level == "regency":
        regency = Regency.objects.select_related("province").filter(pk=code).first()
        if regency is None or not _regency_visible(user, code):
            raise Http404
        crumbs = (*top, (regency.province.name, dashboard_url("province", regency.province_id)))
        return Place("regency", code, regency.name, crumbs)
    if level == "centre":
        centre = Centre.objects.visible_to(user).select_related("province", "regency").filter(code=code).first()
        if centre is None:
            raise Http404
        return _centre_place(centre, top)
    raise Http404


def _centre_place(centre: Centre, top: tuple[tuple[str, str], ...]) -> Place:
    """The place of a centre already read in scope (with its province and regency/city)."""
    crumbs = (
        *top,
        (centre.province.name, dashboard_url("province", centre.province_id)),
        (centre.regency.name, dashboard_url("regency", centre.regency_id)),
    )
    return Place("centre", centre.code, centre.name, crumbs, centre_pk=centre.pk)


def home_place(*, user: Any) -> Place:
    """The place a user lands on: the nation for the ministry, their province or regency for a coordinator
    with one, their centre for a manager; otherwise the "national" page of their scope."""
    role = getattr(user, "role", None)
    if role == Role.REGIONAL_COORDINATOR:
        scope = user_scope(user)
        if len(scope.province_codes) == 1 and not scope.regency_codes:
            return place_get(user=user, level="province", code=scope.province_codes[0])
        if len(scope.regency_codes) == 1 and not scope.province_codes:
            return place_get(user=user, level="regency", code=scope.regency_codes[0])
    if role == Role.CENTRE_MANAGER:
        # Read once with what its place needs, rather than found and then read again by code.
        centre = Centre.objects.visible_to(user).select_related("province", "regency").order_by("pk").first()
        if centre is not None:
            top = ((_scope_name(user), dashboard_url("national")),)
            return _centre_place(centre, top)
    return place_get(user=user, level="national")


@dataclass
class Figure:
    """One indicator at one place, with its target there when the ministry set one."""

    indicator: Indicator
    value: int
    target: int | None = None

    target_shared: bool = False  # the place's share of the national target (no target set for it)

    @property
    def percent(self) -> int | None:
        return min(100, round(self.value * 100 / self.target)) if self.target else None


def _figure(indicator: Indicator, value: int, target: PlaceTarget | None) -> Figure:
    return Figure(indicator, value, target.value if target else None, bool(target and target.shared))


@dataclass
class ChildRow:
    """A place one level down, with every indicator's figure (in the order of the figures)."""

    key: Any
    name: str
    url: str
    values: list[int] = field(default_factory=list)


@dataclass
class Dashboard:
    """Everything the dashboard page shows for one place and year."""

    place: Place
    year: int
    figures: list[Figure]
    children: list[ChildRow]
    child_level: str | None
    funnel: list[Figure]
    trends: dict[str, Any]
    map_svg: str = ""
    map_indicator: Indicator | None = None
    legend: list[tuple[str, str]] = field(default_factory=list)
    as_of: datetime.datetime | None = None  # when the summaries were computed; None: counted live


def _child_names(user: Any, place: Place, keys: set[Any]) -> list[tuple[Any, str, str]]:
    """(key, name, url) of the children of ``place``: the places with figures or with visible centres."""
    centres = Centre.objects.visible_to(user)
    if place.level == "national":
        keys |= set(centres.order_by().values_list("province_id", flat=True).distinct())
        provinces = Province.objects.filter(pk__in=keys).order_by("code")
        return [(p.pk, p.name, dashboard_url("province", p.pk)) for p in provinces]
    if place.level == "province":
        keys |= set(centres.filter(province_id=place.code).order_by().values_list("regency_id", flat=True).distinct())
        regencies = Regency.objects.filter(pk__in=keys, province_id=place.code).order_by("code")
        return [(r.pk, r.name, dashboard_url("regency", r.pk)) for r in regencies]
    if place.level == "regency":
        rows = (
            centres.filter(Q(pk__in=keys) | Q(regency_id=place.code)).order_by("name").values_list("pk", "name", "code")
        )
        return [(pk, name, dashboard_url("centre", code)) for pk, name, code in rows]
    return []


def _targets(user: Any, place: Place, year: int) -> dict[str, PlaceTarget]:
    """The targets of the place shown, as the user's own place (``programmes.selectors.own_targets``)."""
    return own_targets(user=user, year=year, level=place.level, code=place.code)


def dashboard_build(*, user: Any, place: Place, year: int, map_indicator: str | None = None) -> Dashboard:
    """The figures of ``place`` in ``year``, its children's figures, the funnel, trends and (nation) the map."""
    indicators = available_indicators()
    reader = IndicatorReader(user)
    child_level = CHILD_LEVEL.get(place.level)
    code = place.code
    figures: list[Figure] = []
    targets = _targets(user, place, year)
    breakdowns = reader.breakdowns(indicators, year=year, level=place.level, code=code)
    # Nation and province: every row lies in a province and a regency/city, so the children add up.
    summed = place.level in ("national", "province")
    totals = {} if summed else reader.totals(indicators, year=year, level=place.level, code=code)
    for indicator in indicators:
        value = sum(breakdowns[indicator.code].values()) if summed else totals[indicator.code]
        figures.append(_figure(indicator, value, targets.get(indicator.code)))
    children: list[ChildRow] = []
    if child_level:
        keys = {key for breakdown in breakdowns.values() for key in breakdown}
        for key, name, url in _child_names(user, place, keys):
            children.append(
                ChildRow(key, name, url, [breakdowns[indicator.code].get(key, 0) for indicator in indicators])
            )
    by_code = {figure.indicator.code: figure for figure in figures}
    funnel = [by_code[code] for code in FUNNEL if code in by_code]
    trends = _trends(reader=reader, place=place, year=year)
    board = Dashboard(place, year, figures, children, child_level, funnel, trends, as_of=reader.as_of(indicators))
    if place.level == "national":
        _add_map(board, breakdowns, map_indicator, year)
    return board


def _trends(*, reader: IndicatorReader, place: Place, year: int) -> dict[str, Any]:
    """Yearly series of the flows over the last years, for a line chart."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    series = []
    codes = ("trainees_enrolled", "trainees_trained", "graduates_employed", "graduates_self_employed")
    shown = [INDICATORS[code] for code in codes if code in INDICATORS]
    by_years = reader.by_years(shown, level=place.level, code=place.code)
    for indicator in shown:
        by_year = by_years[indicator.code]
        series.append({"label": str(indicator.label), "data": [by_year.get(y, 0) for y in years]})
    return {"labels": years, "series": series}


def _add_map(board: Dashboard, breakdowns: dict[str, dict[Any, int]], map_indicator: str | None, year: int) -> None:
    codes = [figure.indicator.code for figure in board.figures]
    chosen = (
        map_indicator if map_indicator in codes else ("trainees_trained" if "trainees_trained" in codes else codes[0])
    )
    indicator = INDICATORS[chosen]
    visible = {row.key: row for row in board.children}
    values: dict[str, float | None] = {key: breakdowns[chosen].get(key, 0) for key in visible}
    labels = {key: row.name for key, row in visible.items()}
    links = {key: f"{row.url}?year={year}" for key, row in visible.items()}
    board.map_indicator = indicator
    board.map_svg = nation_svg(values=values, labels=labels, links=links, title=str(indicator.label))
    bounds = choropleth_classes([v for v in values.values() if v is not None])
    colours = CHOROPLETH_COLOURS[len(CHOROPLETH_COLOURS) - len(bounds) :]
    if any(v == 0 for v in values.values()):
        board.legend.append((ZERO_COLOUR, "0"))
    lower = 1
    for colour, bound in zip(colours, bounds, strict=True):
        board.legend.append((colour, f"{lower:g}–{bound:g}" if lower < bound else f"{bound:g}"))
        lower = bound + 1


def headline_figures(*, user: Any, place: Place, year: int, reader: IndicatorReader | None = None) -> list[Figure]:
    """Each indicator's figure at ``place`` (one query each), with its target there: the home page's summary."""
    targets = _targets(user, place, year)
    indicators = available_indicators()
    totals = (reader or IndicatorReader(user)).totals(indicators, year=year, level=place.level, code=place.code)
    return [_figure(indicator, totals[indicator.code], targets.get(indicator.code)) for indicator in indicators]


def home_headline(*, user: Any, place: Place, year: int) -> tuple[list[Figure], datetime.datetime | None]:
    """The home's figures (``headline_figures``) and when they were computed (``figures_as_of``), from one
    reader: the summaries' state is read once for both."""
    reader = IndicatorReader(user)
    return headline_figures(user=user, place=place, year=year, reader=reader), reader.as_of()


def figures_as_of(*, user: Any) -> datetime.datetime | None:
    """When the summaries behind ``user``'s figures were computed (None: they are counted live)."""
    return IndicatorReader(user).as_of()
