"""The programme's indicators: a registry that domain apps fill, and the grouped queries that compute them.

An indicator is a declarative definition — a model, the rows counted (``where``), what is added up
(``total``, an aggregate), the date that places a row in a year — registered by the app that owns
the model in its ``AppConfig.ready()`` with :func:`register_indicator`. Where a row lies (its
regency/city and centre) is not repeated here: it is read from the model's own ``Scope``
(``scope.region`` and ``scope.centre``), the same paths ``visible_to`` uses.

``indicator_total``/``indicator_breakdown``/``indicator_by_centre``/``indicator_by_year`` compute a
figure by one grouped query over ``Model.objects.visible_to(user)``: a role's dashboard can only add
up what the role may see. A *flow* counts what happened in a year (trainees trained in 2026); a
*stock* is a level as it stands now (designated incubators), whatever year is asked.

Core knows no domain app: ``programmes`` (targets and progress), ``dashboards`` and ``reports``
consume this registry; the definitions live with their models (``centres/indicators.py``, …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Aggregate, Count, F, Model, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .scoping import Scope

Level = Literal["national", "province", "regency", "centre"]
LEVELS: tuple[Level, ...] = ("national", "province", "regency", "centre")
Kind = Literal["flow", "stock"]


@dataclass(frozen=True)
class Indicator:
    """How one figure is computed, as data (so that summary tables can be built from it).

    ``code``: the key targets name. ``programme``: the code of the ``programmes.Programme`` it
    measures (``blkk``, ``incubators``, ``tkm``, ``laid_off``, …). ``model``: the scoped model
    counted. ``kind``: ``flow`` (needs ``date``, the path to the date that places a row in a year) or
    ``stock``. ``where``: the rows counted. ``total``: what is added up — ``Count("pk")`` by default,
    ``Count("pk", distinct=True)`` when ``where`` crosses a one-to-many relation, or e.g.
    ``Sum("business__workers")``. ``public``: shown (suppressed below 5) on the public dashboard.
    ``order``: place in lists and dashboards (centres 10–99, training 100–199, incubation 200–299).
    """

    code: str
    label: str | Promise
    programme: str
    model: type[Model]
    kind: Kind
    date: str | None = None
    where: Q = field(default_factory=Q)
    total: Aggregate = field(default_factory=lambda: Count("pk"))
    unit: str | Promise = _("people")
    public: bool = True
    order: int = 100

    @property
    def scope(self) -> Scope:
        """The model's own scope: where its rows lie."""
        return self.model.scope  # type: ignore[attr-defined]

    @property
    def regency(self) -> str:
        """Path from a counted row to its regency/city (the model's ``scope.region``)."""
        return self.scope.region or ""

    @property
    def centre(self) -> str | None:
        """Path from a counted row to its centre (``scope.centre``; ``"pk"`` on centres themselves)."""
        return self.scope.centre

    def queryset(self, user: Any) -> QuerySet:
        """The rows this indicator counts that ``user`` may see (``user=PUBLIC``: every row, see below)."""
        objects = self.model.objects  # type: ignore[attr-defined]  # a ScopedManager (checked at registration)
        rows = objects.all() if user is PUBLIC else objects.visible_to(user)
        return rows.filter(self.where)


class _Public:
    """The public dashboard's reader: every row, for aggregates that are suppressed below 5 before use.

    Only ``dashboards.selectors_public`` passes it, and only ever returns suppressed counts.
    """

    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC: Any = _Public()

# The registry, in ``order``. One dict object for the life of the process (others hold a reference).
INDICATORS: dict[str, Indicator] = {}


def register_indicator(*indicators: Indicator) -> None:
    """Add ``indicators`` to the registry; call it from the owning app's ``AppConfig.ready()``.

    The model must be scoped with a region path (``Scope(region=…)``), a flow must name its date, and
    a code may be registered once (again with the same definition is a no-op).
    """
    for indicator in indicators:
        scope = getattr(indicator.model, "scope", None)
        if not isinstance(scope, Scope) or not scope.region:
            raise ImproperlyConfigured(
                f"Indicator {indicator.code!r}: {indicator.model.__name__} declares no Scope with a region path."
            )
        if indicator.kind == "flow" and not indicator.date:
            raise ImproperlyConfigured(f"Indicator {indicator.code!r} is a flow and names no date.")
        known = INDICATORS.get(indicator.code)
        if known is not None and known != indicator:
            raise ImproperlyConfigured(f"Indicator {indicator.code!r} is already registered differently.")
        INDICATORS[indicator.code] = indicator
    ordered = sorted(INDICATORS.values(), key=lambda i: i.order)  # stable: equal orders keep registration order
    INDICATORS.clear()
    INDICATORS.update((indicator.code, indicator) for indicator in ordered)


def available_indicators() -> list[Indicator]:
    """Every registered indicator, in order."""
    return list(INDICATORS.values())


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
    return int(rows.aggregate(value=indicator.total)["value"] or 0)


def indicator_breakdown(
    indicator: Indicator, *, user: Any, year: int | None, level: Level = "national", code: str = ""
) -> dict[Any, int]:
    """The figure for each place one level below ``level``/``code``: province codes, regency codes or centre ids."""
    path = _group_path(indicator, level)
    if path is None:
        return {}
    rows = _in_year(indicator, indicator.queryset(user).filter(_place_filter(indicator, level, code)), year)
    grouped = rows.order_by().values(key=F(path)).annotate(value=indicator.total)
    return {row["key"]: int(row["value"] or 0) for row in grouped if row["key"] is not None}


def indicator_by_centre(indicator: Indicator, *, user: Any, year: int | None) -> dict[int, int]:
    """The figure of every centre in ``user``'s scope, by centre id, in one grouped query."""
    if indicator.centre is None:
        return {}
    path = "pk" if indicator.centre == "pk" else f"{indicator.centre}_id"
    rows = _in_year(indicator, indicator.queryset(user), year)
    grouped = rows.order_by().values(key=F(path)).annotate(value=indicator.total)
    return {row["key"]: int(row["value"] or 0) for row in grouped if row["key"] is not None}


def indicator_by_year(indicator: Indicator, *, user: Any, level: Level = "national", code: str = "") -> dict[int, int]:
    """A flow's figure for each year (trends); empty for stocks, which have no history here."""
    if indicator.kind != "flow" or not indicator.date:
        return {}
    rows = indicator.queryset(user).filter(_place_filter(indicator, level, code))
    grouped = rows.order_by().values(year=ExtractYear(indicator.date)).annotate(value=indicator.total)
    return {int(row["year"]): int(row["value"] or 0) for row in grouped if row["year"] is not None}
