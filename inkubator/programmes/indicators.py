"""The programme's indicators, each computed from the data by one grouped query.

An indicator is a count (or sum) over one model, optionally within a year, reachable from a
regency/city and (for most) a centre. ``values`` groups it by province, regency/city or centre
within a place, always over ``Model.objects.visible_to(user)``: a role's dashboard can only add up
what the role may see. A *flow* counts what happened in a year (trainees trained in 2026); a *stock*
is a level as it stands now (designated incubators), whatever year is asked.

Models are looked up by label when used, so this table can name every domain app without importing
them at start-up; an indicator whose app is not installed is left out (``available_indicators``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Level = Literal["national", "province", "regency", "centre"]
LEVELS: tuple[Level, ...] = ("national", "province", "regency", "centre")


@dataclass(frozen=True)
class Indicator:
    """How one figure is computed.

    ``model``: app label and model name. ``regency``: path to the regency/city foreign key.
    ``centre``: path to the centre foreign key (None: the figure has no centre, e.g. a government venue).
    ``date``: path to the date that places a row in a year (flows only). ``where``: the rows counted.
    ``total``: what is added up — ``Count("pk")`` by default, or e.g. ``Sum("workers")``.
    """

    code: str
    label: str | Promise
    programme: str
    model: str
    regency: str
    centre: str | None
    kind: Literal["flow", "stock"]
    date: str | None = None
    where: Q = field(default_factory=Q)
    total: Callable[[], Any] = lambda: Count("pk")
    unit: str | Promise = _("people")
    public: bool = True  # shown (suppressed below 5) on the public dashboard

    def installed(self) -> bool:
        app_label, _model = self.model.split(".")
        return apps.is_installed(f"inkubator.{app_label}")

    def queryset(self, user: Any) -> QuerySet:
        """The rows this indicator counts that ``user`` may see (``user=PUBLIC``: every row, see below)."""
        model = apps.get_model(self.model)
        rows = model.objects.all() if user is PUBLIC else model.objects.visible_to(user)
        return rows.filter(self.where)


class _Public:
    """The public dashboard's reader: every row, for aggregates that are suppressed below 5 before use.

    Only ``dashboards.selectors_public`` passes it, and only ever returns suppressed counts.
    """

    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC: Any = _Public()


def _indicators() -> dict[str, Indicator]:
    defs = [
        Indicator(
            "incubators_designated",
            _("Incubators designated"),
            "incubators",
            "centres.Centre",
            regency="regency",
            centre="pk",
            kind="stock",
            where=Q(is_incubator=True),
            unit=_("centres"),
        ),
        Indicator(
            "centres_binaan",
            _("Centres in cluster binaan"),
            "blkk",
            "centres.Centre",
            regency="regency",
            centre="pk",
            kind="stock",
            where=Q(cluster="binaan"),
            unit=_("centres"),
        ),
        Indicator(
            "centres_berdaya",
            _("Centres in cluster berdaya"),
            "blkk",
            "centres.Centre",
            regency="regency",
            centre="pk",
            kind="stock",
            where=Q(cluster="berdaya"),
            unit=_("centres"),
        ),
        Indicator(
            "centres_mandiri",
            _("Centres in cluster mandiri"),
            "blkk",
            "centres.Centre",
            regency="regency",
            centre="pk",
            kind="stock",
            where=Q(cluster="mandiri"),
            unit=_("centres"),
        ),
        Indicator(
            "agreements_signed",
            _("New agreements signed"),
            "blkk",
            "centres.Agreement",
            regency="centre__regency",
            centre="centre",
            kind="flow",
            date="signed_on",
            unit=_("agreements"),
        ),
        Indicator(
            "trainees_enrolled",
            _("Trainees enrolled"),
            "blkk",
            "training.Enrollment",
            regency="batch__regency",
            centre="batch__centre",
            kind="flow",
            date="batch__end_date",
        ),
        Indicator(
            "trainees_trained",
            _("Trainees trained"),
            "blkk",
            "training.Enrollment",
            regency="batch__regency",
            centre="batch__centre",
            kind="flow",
            date="batch__end_date",
            where=Q(status="completed"),
        ),
        Indicator(
            "graduates_employed",
            _("Graduates employed"),
            "blkk",
            "training.Enrollment",
            regency="batch__regency",
            centre="batch__centre",
            kind="flow",
            date="batch__end_date",
            where=Q(status="completed", outcomes__status="employed"),
            total=lambda: Count("pk", distinct=True),
        ),
        Indicator(
            "graduates_self_employed",
            _("Graduates self-employed"),
            "blkk",
            "training.Enrollment",
            regency="batch__regency",
            centre="batch__centre",
            kind="flow",
            date="batch__end_date",
            where=Q(status="completed", outcomes__status="self_employed"),
            total=lambda: Count("pk", distinct=True),
        ),
        Indicator(
            "tenants_incubated",
            _("Tenants in incubation"),
            "incubators",
            "incubation.Tenant",
            regency="regency",
            centre="incubator",
            kind="stock",
            where=Q(stage__in=["pre_incubation", "incubation", "post_incubation"]),
            unit=_("tenants"),
        ),
        Indicator(
            "tenants_graduated",
            _("Tenants graduated"),
            "incubators",
            "incubation.Tenant",
            regency="regency",
            centre="incubator",
            kind="stock",
            where=Q(stage="graduated"),
            unit=_("tenants"),
        ),
        Indicator(
            "jobs_created",
            _("Jobs created by tenants"),
            "incubators",
            "incubation.Tenant",
            regency="regency",
            centre="incubator",
            kind="stock",
            where=~Q(stage="dropped"),
            total=lambda: Sum("business__workers"),
            unit=_("jobs"),
        ),
    ]
    return {d.code: d for d in defs}


INDICATORS: dict[str, Indicator] = _indicators()


def available_indicators() -> list[Indicator]:
    """The indicators whose apps are installed, in the table's order."""
    return [indicator for indicator in INDICATORS.values() if indicator.installed()]


def _place_filter(indicator: Indicator, level: Level, code: str) -> Q:
    """Rows inside one place: a province ("32"), a regency/city ("32.16") or a centre (its code)."""
    if level == "national":
        return Q()
    if level == "province":
        return Q(**{f"{indicator.regency}__province_id": code})
    if level == "regency":
        return Q(**{f"{indicator.regency}_id": code})
    if indicator.centre is None:
        return Q(pk__in=[])
    return Q(**{f"{indicator.centre}__code" if indicator.centre != "pk" else "code": code})


def _group_path(indicator: Indicator, level: Level) -> str | None:
    """What rows are grouped by to give the places one level down."""
    if level == "national":
        return f"{indicator.regency}__province_id"
    if level == "province":
        return f"{indicator.regency}_id"
    if level == "regency":
        if indicator.centre is None:
            return None
        return "pk" if indicator.centre == "pk" else f"{indicator.centre}_id"
    return None


def _in_year(indicator: Indicator, rows: QuerySet, year: int | None) -> QuerySet:
    if indicator.kind == "flow" and year is not None and indicator.date:
        return rows.filter(**{f"{indicator.date}__year": year})
    return rows


def indicator_total(
    indicator: Indicator, *, user: Any, year: int | None, level: Level = "national", code: str = ""
) -> int:
    """The figure for one place (the whole scope at ``national``)."""
    rows = _in_year(indicator, indicator.queryset(user).filter(_place_filter(indicator, level, code)), year)
    return int(rows.aggregate(value=indicator.total())["value"] or 0)


def indicator_breakdown(
    indicator: Indicator, *, user: Any, year: int | None, level: Level = "national", code: str = ""
) -> dict[Any, int]:
    """The figure for each place one level below ``level``/``code``: province codes, regency codes or centre ids."""
    path = _group_path(indicator, level)
    if path is None:
        return {}
    rows = _in_year(indicator, indicator.queryset(user).filter(_place_filter(indicator, level, code)), year)
    grouped = rows.order_by().values(key=F(path)).annotate(value=indicator.total())
    return {row["key"]: int(row["value"] or 0) for row in grouped if row["key"] is not None}


def indicator_by_centre(indicator: Indicator, *, user: Any, year: int | None) -> dict[int, int]:
    """The figure of every centre in ``user``'s scope, by centre id, in one grouped query."""
    if indicator.centre is None:
        return {}
    path = "pk" if indicator.centre == "pk" else f"{indicator.centre}_id"
    rows = _in_year(indicator, indicator.queryset(user), year)
    grouped = rows.order_by().values(key=F(path)).annotate(value=indicator.total())
    return {row["key"]: int(row["value"] or 0) for row in grouped if row["key"] is not None}


def indicator_by_year(indicator: Indicator, *, user: Any, level: Level = "national", code: str = "") -> dict[int, int]:
    """A flow's figure for each year (trends); empty for stocks, which have no history here."""
    if indicator.kind != "flow" or not indicator.date:
        return {}
    rows = indicator.queryset(user).filter(_place_filter(indicator, level, code))
    grouped = rows.order_by().values(year=ExtractYear(indicator.date)).annotate(value=indicator.total())
    return {int(row["year"]): int(row["value"] or 0) for row in grouped if row["year"] is not None}


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
]
