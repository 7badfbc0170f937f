"""Indicator summaries: every indicator counted once per year, regency/city and centre, read by dashboards.

A national dashboard computed live groups a million enrolments joined to their tracer outcomes, for
every indicator, at every request (seconds). Instead, :func:`summaries_refresh` runs each indicator's
own definition (``core.indicators``: model, ``where``, ``total``, date, scope paths) once over every
row, grouped by year, regency/city and centre, into ``IndicatorSummary``; the readers below add those
rows up. The task worker keeps them current (``tasks.py``): a refresh every ``SUMMARY_REFRESH_SECONDS``
and a refresh soon after any audited write. The page shows when they were computed (:func:`as_of`).

Scope stays exact: what a role may see of an indicator's rows is decided by the row's regency/city
(coordinators) or centre (centre managers, facilitators), the same paths ``visible_to`` uses, and both
are columns of the summary, so a coordinator's figure is the sum over their regencies and a centre's
over its own rows. Where a summary cannot answer exactly — a role scoped another way (an entrepreneur,
a partner), a model whose scope crosses a one-to-many relation, an indicator never summarised or
whose definition changed since — the reader computes the figure live, as before. The live functions
stay the check: ``tests/programmes/test_summaries.py`` proves both equal for every indicator, level
and role after a sequence of writes.

A total adds up: the rows of a group are distinct from every other group's (a row has one date, one
regency and one centre), so a distinct count per group sums to the distinct count of the whole.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from inkubator.core import indicators as live
from inkubator.core.indicators import INDICATORS, PUBLIC, Indicator, Level
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything, user_scope

from .models import IndicatorSummary, IndicatorSummaryState

LIVE = object()  # a reader's answer: compute this one live
# A stock's rows are stored under year 0: "year 0 or the year asked" then picks a flow's year and
# every stock in one index range, while a flow's rows without a date (NULL) stay out of any year.
STOCK_YEAR = 0
# Part of every definition's fingerprint: rows written in an older layout are never read as this one.
SUMMARY_FORMAT = 2


# Fingerprints by indicator: a page asks whether each indicator is summarised dozens of times, and the
# fingerprint of a registered (frozen) indicator never changes; one registered again is a new object.
_DEFINITIONS: dict[int, tuple[Indicator, str]] = {}


def definition_of(indicator: Indicator) -> str:
    """A fingerprint of everything that decides the indicator's rows and where they lie."""
    known = _DEFINITIONS.get(id(indicator))
    if known is not None and known[0] is indicator:
        return known[1]
    definition = _definition(indicator)
    _DEFINITIONS[id(indicator)] = (indicator, definition)
    return definition


def _definition(indicator: Indicator) -> str:
    scope = indicator.scope
    text = repr(
        (
            SUMMARY_FORMAT,
            indicator.model._meta.label,
            indicator.kind,
            indicator.date,
            str(indicator.where),
            repr(indicator.total),
            scope.region,
            scope.centre,
            scope.distinct,
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def summarisable(indicator: Indicator) -> bool:
    """Whether rows can be placed in one regency and one centre each (no scope across a one-to-many)."""
    return bool(indicator.regency) and not indicator.scope.distinct


def _grouped(indicator: Indicator) -> list[IndicatorSummary]:
    """The indicator's figure per (year, province, regency, centre), computed live over every row."""
    keys: dict[str, Any] = {
        "regency_of": F(f"{indicator.regency}_id"),
        "province_of": F(f"{indicator.regency}__province_id"),
    }
    if indicator.centre is not None:
        keys["centre_of"] = F("pk") if indicator.centre == "pk" else F(f"{indicator.centre}_id")
    if indicator.kind == "flow" and indicator.date:
        keys["year_of"] = ExtractYear(indicator.date)
    rows = indicator.model.objects.all().filter(indicator.where)  # type: ignore[attr-defined]
    grouped = rows.order_by().values(**keys).annotate(value=indicator.total)
    return [
        IndicatorSummary(
            indicator=indicator.code,
            year=row.get("year_of") if "year_of" in keys else STOCK_YEAR,
            province_code=row["province_of"],
            regency_code=row["regency_of"],
            centre_id=row.get("centre_of"),
            value=int(row["value"] or 0),
        )
        for row in grouped
    ]


def summary_refresh(indicator: Indicator) -> IndicatorSummaryState:
    """Rebuild one indicator's summary in one transaction (readers see the old rows or the new, never half).

    Refreshes of the same indicator queue behind each other on its state row, so two at once cannot
    both delete and then both insert.
    """
    started = time.perf_counter()
    with transaction.atomic():
        IndicatorSummaryState.objects.get_or_create(
            indicator=indicator.code,
            defaults={"definition": "", "refreshed_at": timezone.now()},
        )
        state = IndicatorSummaryState.objects.select_for_update().get(pk=indicator.code)
        # The rows are counted after the lock is held: the later of two refreshes counts the later data.
        computed_at = timezone.now()
        rows = _grouped(indicator)
        IndicatorSummary.objects.filter(indicator=indicator.code).delete()
        IndicatorSummary.objects.bulk_create(rows, batch_size=5000)
        state.definition = definition_of(indicator)
        state.refreshed_at = computed_at
        state.rows = len(rows)
        state.seconds = time.perf_counter() - started
        state.save()
    return state


def summaries_refresh(codes: Iterable[str] | None = None) -> list[IndicatorSummaryState]:
    """Rebuild the summaries of ``codes`` (every registered indicator that can be summarised by default)
    and drop those of indicators no longer registered."""
    chosen = list(INDICATORS) if codes is None else [code for code in codes if code in INDICATORS]
    states = [summary_refresh(INDICATORS[code]) for code in chosen if summarisable(INDICATORS[code])]
    if codes is None:
        gone = IndicatorSummaryState.objects.exclude(pk__in=list(INDICATORS)).values_list("pk", flat=True)
        IndicatorSummary.objects.filter(indicator__in=list(gone)).delete()
        IndicatorSummaryState.objects.filter(pk__in=list(gone)).delete()
    return states


def _scope_filter(indicator: Indicator, user: Any) -> Q | None | object:
    """The summary rows ``user`` may add up for ``indicator``, as ``core.scoping.scope_q`` decides for its
    rows: ``Q()`` everything, ``None`` nothing, ``LIVE`` when the role is scoped by something else."""
    if user is PUBLIC or sees_everything(user):
        return Q()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role = getattr(user, "role", None)
    if role == Role.REGIONAL_COORDINATOR:
        us = user_scope(user)
        parts = [Q(regency_code__startswith=f"{province}.") for province in us.province_codes]
        if us.regency_codes:
            parts.append(Q(regency_code__in=us.regency_codes))
        return reduce(or_, parts) if parts else None
    if role == Role.CENTRE_MANAGER and indicator.centre is not None:
        return Q(centre_id__in=user_scope(user).centre_ids())
    if role == Role.FACILITATOR and indicator.centre is not None:
        return reduce(or_, (Q(centre_id__in=ids) for ids in user_scope(user).centre_subqueries()))
    return LIVE


class IndicatorReader:
    """Reads indicator figures for one user: from the summaries where they answer exactly, else live.

    Make one per request (it reads the summaries' state once); the methods have the signatures of
    ``core.indicators``' live functions and give the same figures.
    """

    def __init__(self, user: Any, *, use_summaries: bool = True) -> None:
        self.user = user
        self.use_summaries = use_summaries
        self._states: dict[str, IndicatorSummaryState] | None = None
        self._scopes: dict[bool, Q | None | object] = {}

    def _scope(self, indicator: Indicator) -> Q | None | object:
        """The user's filter on summary rows; it depends on the indicator only by whether rows name a centre."""
        key = indicator.centre is None
        if key not in self._scopes:
            self._scopes[key] = _scope_filter(indicator, self.user)
        return self._scopes[key]

    @property
    def states(self) -> dict[str, IndicatorSummaryState]:
        if self._states is None:
            self._states = {state.indicator: state for state in IndicatorSummaryState.objects.all()}
        return self._states

    def summarised(self, indicator: Indicator) -> bool:
        """Whether this indicator is served from a summary built from its current definition."""
        if not self.use_summaries or not summarisable(indicator):
            return False
        state = self.states.get(indicator.code)
        return state is not None and state.definition == definition_of(indicator)

    def as_of(self, indicators: Iterable[Indicator] | None = None) -> datetime.datetime | None:
        """When the oldest of these indicators' summaries was computed; None when any is read live."""
        chosen = list(INDICATORS.values()) if indicators is None else list(indicators)
        if not chosen or not all(self.summarised(indicator) for indicator in chosen):
            return None
        return min(self.states[indicator.code].refreshed_at for indicator in chosen)

    def _rows(self, indicator: Indicator, year: int | None, *, yearly: bool = True) -> QuerySet | None | object:
        """The summary rows of ``indicator`` the user may add up, in ``year`` for a flow; ``LIVE`` or ``None``."""
        if not self.summarised(indicator):
            return LIVE
        scope = self._scope(indicator)
        if scope is LIVE or scope is None:
            return scope
        rows = IndicatorSummary.objects.filter(scope, indicator=indicator.code)
        if yearly and indicator.kind == "flow" and year is not None:
            rows = rows.filter(year=year)
        return rows

    @staticmethod
    def _place(indicator: Indicator, rows: QuerySet, level: Level, code: str) -> QuerySet:
        if level == "national":
            return rows
        if level == "province":
            return rows.filter(province_code=code)
        if level == "regency":
            return rows.filter(regency_code=code)
        if indicator.centre is None:
            return rows.none()
        from inkubator.centres.models import Centre

        return rows.filter(centre_id__in=Centre.objects.filter(code=code).values("pk"))

    def total(self, indicator: Indicator, *, year: int | None, level: Level = "national", code: str = "") -> int:
        rows = self._rows(indicator, year)
        if rows is LIVE:
            return live.indicator_total(indicator, user=self.user, year=year, level=level, code=code)
        if rows is None:
            return 0
        return int(self._place(indicator, rows, level, code).aggregate(value=Sum("value"))["value"] or 0)

    def breakdown(
        self, indicator: Indicator, *, year: int | None, level: Level = "national", code: str = ""
    ) -> dict[Any, int]:
        rows = self._rows(indicator, year)
        if rows is LIVE:
            return live.indicator_breakdown(indicator, user=self.user, year=year, level=level, code=code)
        key = {"national": "province_code", "province": "regency_code", "regency": "centre_id"}.get(level)
        if rows is None or key is None or (key == "centre_id" and indicator.centre is None):
            return {}
        grouped = self._place(indicator, rows, level, code).order_by().values(key=F(key)).annotate(value=Sum("value"))
        return {row["key"]: int(row["value"] or 0) for row in grouped if row["key"] is not None}

    def by_centre(self, indicator: Indicator, *, year: int | None) -> dict[int, int]:
        rows = self._rows(indicator, year)
        if rows is LIVE:
            return live.indicator_by_centre(indicator, user=self.user, year=year)
        if rows is None or indicator.centre is None:
            return {}
        # Tuples, not a dict per row: a national reader gets one row per centre (thousands).
        grouped = rows.order_by().values_list("centre_id").annotate(value=Sum("value"))
        return {key: int(value or 0) for key, value in grouped if key is not None}

    def by_year(self, indicator: Indicator, *, level: Level = "national", code: str = "") -> dict[int, int]:
        if indicator.kind != "flow" or not indicator.date:
            return {}
        rows = self._rows(indicator, None, yearly=False)
        if rows is LIVE:
            return live.indicator_by_year(indicator, user=self.user, level=level, code=code)
        if rows is None:
            return {}
        rows = self._place(indicator, rows, level, code)
        grouped = rows.order_by().values(key=F("year")).annotate(value=Sum("value"))
        return {int(row["key"]): int(row["value"] or 0) for row in grouped if row["key"] is not None}

    # Many indicators in one query each: what a dashboard or a home asks (same figures as one by one).

    def _batchable(self, indicators: Iterable[Indicator]) -> tuple[list[Indicator], Q | None, list[Indicator]]:
        """The indicators one summary query can answer, the scope filter they share, and the others."""
        shared: Q | None = None
        together, apart = [], []
        for indicator in indicators:
            scope = self._scope(indicator) if self.summarised(indicator) else LIVE
            if scope is LIVE or scope is None or (shared is not None and scope is not shared):
                apart.append(indicator)
            else:
                shared = scope
                together.append(indicator)
        return together, shared, apart

    def _scope_key(self) -> str | None:
        """What the user's scope filter selects, as text (None: not cacheable): part of the cache key, so
        a change of assignment is never answered from another scope's figures."""
        if self.user is PUBLIC or sees_everything(self.user):
            return "all"
        role = getattr(self.user, "role", None)
        if not getattr(self.user, "is_active", False):
            return None
        if role == Role.REGIONAL_COORDINATOR:
            us = user_scope(self.user)
            return "r:" + ",".join(sorted(us.province_codes)) + "|" + ",".join(sorted(us.regency_codes))
        if role in (Role.CENTRE_MANAGER, Role.FACILITATOR):
            from inkubator.centres.models import Centre

            subqueries = user_scope(self.user).centre_subqueries()
            if role == Role.CENTRE_MANAGER:
                subqueries = subqueries[:1]
            ids = Centre.objects.filter(reduce(or_, (Q(pk__in=ids) for ids in subqueries))).values_list("pk", flat=True)
            return "c:" + hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:32]
        return None

    def cached(self, name: str, indicator: Indicator, key: tuple[Any, ...], compute: Any) -> Any:
        """``compute()`` — a figure derived from ``indicator``'s summary for this user — through the shared
        cache as the reader's own figures are (``_cached``): a new key at every refresh of the summary,
        which every audited write asks for within seconds. Computed at each call when the indicator is
        read live or the user's scope cannot name a key."""
        if not self.summarised(indicator):
            return compute()
        return self._cached(name, [indicator], key, compute)

    def _cached(self, name: str, indicators: list[Indicator], place: tuple[Any, ...], compute: Any) -> Any:
        """``compute()`` through the shared cache, keyed by the scope, the place, the indicators and when
        their summaries were computed: a refresh makes a new key, so nothing older than it is served."""
        if "_scope_key_value" not in self.__dict__:
            self.__dict__["_scope_key_value"] = self._scope_key()
        scope_key = self.__dict__["_scope_key_value"]
        if not indicators:
            return {}
        if scope_key is None:
            return compute()
        stamp = max(self.states[i.code].refreshed_at for i in indicators).timestamp()
        codes = hashlib.sha256(",".join(i.code for i in indicators).encode()).hexdigest()[:16]
        key = f"indicator-figures:{SUMMARY_FORMAT}:{name}:{scope_key}:{':'.join(map(str, place))}:{codes}:{stamp}"
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, 2 * int(getattr(settings, "SUMMARY_REFRESH_SECONDS", 300)))
        return found

    def _batch_rows(self, indicators: list[Indicator], scope: Q, year: int | None, level: Level, code: str) -> QuerySet:
        rows = IndicatorSummary.objects.filter(scope, indicator__in=[i.code for i in indicators])
        if year is not None:
            rows = rows.filter(year__in=[STOCK_YEAR, year])
        if level == "centre":
            from inkubator.centres.models import Centre

            return rows.filter(centre_id__in=Centre.objects.filter(code=code).values("pk"))
        return self._place(indicators[0], rows, level, code) if indicators else rows

    def totals(
        self, indicators: Iterable[Indicator], *, year: int | None, level: Level = "national", code: str = ""
    ) -> dict[str, int]:
        """``total`` of each indicator, by code, in one query for those the summaries answer."""
        together, scope, apart = self._batchable(indicators)
        result = {i.code: self.total(i, year=year, level=level, code=code) for i in apart}

        def compute() -> dict[str, int]:
            found = dict.fromkeys((i.code for i in together), 0)
            rows = self._batch_rows(together, scope, year, level, code)
            for row in rows.order_by().values("indicator").annotate(value=Sum("value")):
                found[row["indicator"]] = int(row["value"] or 0)
            return found

        result.update(self._cached("totals", together, (year, level, code), compute))
        return result

    def breakdowns(
        self, indicators: Iterable[Indicator], *, year: int | None, level: Level = "national", code: str = ""
    ) -> dict[str, dict[Any, int]]:
        """``breakdown`` of each indicator, by code, in one query for those the summaries answer."""
        together, scope, apart = self._batchable(indicators)
        result = {i.code: self.breakdown(i, year=year, level=level, code=code) for i in apart}
        key = {"national": "province_code", "province": "regency_code", "regency": "centre_id"}.get(level)

        def compute() -> dict[str, dict[Any, int]]:
            found: dict[str, dict[Any, int]] = {i.code: {} for i in together}
            if key is None:
                return found
            rows = self._batch_rows(together, scope, year, level, code)
            for row in rows.order_by().values("indicator", key=F(key)).annotate(value=Sum("value")):
                if row["key"] is not None:
                    found[row["indicator"]][row["key"]] = int(row["value"] or 0)
            if key == "centre_id":  # an indicator whose rows name no centre has no centre to break down into
                found.update({i.code: {} for i in together if i.centre is None})
            return found

        result.update(self._cached("breakdowns", together, (year, level, code), compute))
        return result

    def by_years(
        self, indicators: Iterable[Indicator], *, level: Level = "national", code: str = ""
    ) -> dict[str, dict[int, int]]:
        """``by_year`` of each indicator, by code, in one query for those the summaries answer."""
        flows = [i for i in indicators if i.kind == "flow" and i.date]
        together, scope, apart = self._batchable(flows)
        result = {i.code: self.by_year(i, level=level, code=code) for i in apart}

        def compute() -> dict[str, dict[int, int]]:
            found: dict[str, dict[int, int]] = {i.code: {} for i in together}
            rows = self._batch_rows(together, scope, None, level, code)
            for row in rows.order_by().values("indicator", "year").annotate(value=Sum("value")):
                if row["year"] is not None:
                    found[row["indicator"]][int(row["year"])] = int(row["value"] or 0)
            return found

        result.update(self._cached("by_years", together, (level, code), compute))
        return result


def reader_for(user: Any) -> IndicatorReader:
    """A reader for ``user``; a page makes one and asks it every figure (it reads the state once)."""
    return IndicatorReader(user)


def as_of(user: Any, indicators: Iterable[Indicator] | None = None) -> datetime.datetime | None:
    """When the figures ``user`` is shown were computed (None: computed live, i.e. now)."""
    return reader_for(user).as_of(indicators)
