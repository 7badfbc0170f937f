"""Reads of the incubation app, always within the user's scope (``visible_to``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import Centre

from . import stages
from .choices import LicenceKind, MilestoneKind, Stage
from .models import CoachingAction, CoachingSession, MonthlyReport, StageMove, Tenant
from .permissions import can_see_finances
from .services import report_deadline

BOARD_CARDS = 20  # cards per page of a stage column; "more" appends the next page


def tenant_list(*, user: Any) -> QuerySet[Tenant]:
    """The tenants ``user`` may see, with person, incubator, business and region loaded."""
    return Tenant.objects.visible_to(user).select_related("person", "incubator", "business", "regency")


def monthly_report_list(*, user: Any) -> QuerySet[MonthlyReport]:
    """Monthly figures in ``user``'s scope, for the roles that see a single business's finances (others: none)."""
    reports = MonthlyReport.objects.visible_to(user)
    return reports if can_see_finances(user) else reports.none()


def tenant_get(*, user: Any, pk: int) -> Tenant:
    """One tenant in scope; 404 otherwise."""
    return get_object_or_404(tenant_list(user=user), pk=pk)


def tenant_of(*, user: Any) -> Tenant | None:
    """The entrepreneur's own tenant record (the latest, if they were taken in twice)."""
    return tenant_list(user=user).filter(entrepreneur=user).order_by("-joined_on", "-pk").first()


def incubator_list(*, user: Any) -> QuerySet[Centre]:
    """Centres in scope that incubate: designated incubators and any centre with tenants."""
    # EXISTS per centre rather than IN (every tenant's incubator): a probe of the (incubator, …) index
    # per centre in scope instead of hashing a hundred thousand tenants at every board and list.
    has_tenants = Exists(Tenant.objects.filter(incubator=OuterRef("pk")))
    return Centre.objects.visible_to(user).filter(Q(is_incubator=True) | Q(has_tenants)).order_by("code")


def incubator_choices(*, user: Any) -> QuerySet:
    """``incubator_list`` with just what the board's and dashboard's picker shows, as (pk, code, name)
    tuples: hundreds of centres nationally, no model instance each (``incubation_tags.incubator_options``)."""
    return incubator_list(user=user).values_list("pk", "code", "name")


def incubator_get(*, user: Any, code: str) -> Centre:
    """One centre in scope by code; 404 otherwise."""
    return get_object_or_404(Centre.objects.visible_to(user), code=code)


@dataclass(frozen=True)
class Column:
    """A column of the board: a stage, how many tenants it has, and one page of its cards."""

    stage: str
    label: str | Promise
    count: int
    tenants: list[Card]
    page: int = 1

    @property
    def pages(self) -> int:
        """How many pages of ``BOARD_CARDS`` the column has (at least one, even empty)."""
        return max(1, -(-self.count // BOARD_CARDS))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def remaining(self) -> int:
        """Cards after this page."""
        return max(0, self.count - self.page * BOARD_CARDS)

    @property
    def page_param(self) -> str:
        """The query parameter that pages this column on the full board (``page_pre=2``)."""
        return board_page_param(self.stage)


def board_page_param(stage: str) -> str:
    """Each column pages on its own: ``?page_incubation=3`` leaves the other columns on their page."""
    return f"page_{stage}"


@dataclass
class Card:
    """What a board card shows of a tenant (``incubation_tags.board_cards``): read as one tuple per card,
    not a tenant, person, business and incubator model each, a hundred cards per national board."""

    pk: int
    display_name: str  # the group's name, or the person's (``Tenant.display_name``)
    business_name: str
    where: str  # the incubator's name or the venue's (``Tenant.where``)
    reported_last_month: bool = False


CARD_COLUMNS = ("pk", "group_name", "person__name", "business__name", "incubator_id", "incubator__name", "venue_name")


def _cards(tenants: QuerySet[Tenant], stage: str, page: int) -> list[Card]:
    start = (page - 1) * BOARD_CARDS
    rows = tenants.filter(stage=stage).order_by("-joined_on", "-pk").values_list(*CARD_COLUMNS)
    return [
        Card(pk, group_name or person_name, business_name or "", incubator_name if incubator_id else venue_name)
        for pk, group_name, person_name, business_name, incubator_id, incubator_name, venue_name in rows[
            start : start + BOARD_CARDS
        ]
    ]


def _mark_reported(cards: list[Card], last: datetime.date) -> None:
    """Set ``reported_last_month`` on each card with one query for the cards shown.

    Not an EXISTS per row in the card query: on a national board PostgreSQL answers that by hashing
    every report of the month (a hundred thousand) before the first 20 cards come out.
    """
    reported = set(
        MonthlyReport.objects.filter(tenant__in=[card.pk for card in cards], month=last).values_list(
            "tenant_id", flat=True
        )
    )
    for card in cards:
        card.reported_last_month = card.pk in reported


def stage_counts(tenants: QuerySet[Tenant]) -> dict[str, int]:
    """How many of ``tenants`` are in each pipeline stage, in one query.

    Every tenant of the country (a ministry's board, no filter): a ``COUNT(*)`` per stage, each an
    index-only scan of its range of the (stage, joined_on) index, as scalar subqueries of one ``SELECT``
    (a few ms). A ``GROUP BY stage`` there reads a hundred thousand rows and compares each one's stage
    text to group it (25-60 ms); a ``UNION ALL`` of the counts runs in parallel workers whose start-up
    costs more than the counts on a busy two-core server. A scope or an incubator narrows the rows by its
    own index first, and grouping those few is the cheaper plan: one ``GROUP BY``.
    """
    if tenants.query.where:
        grouped = dict(tenants.order_by().values_list("stage").annotate(n=Count("pk")))
        return {str(stage): grouped.get(stage, 0) for stage in stages.PIPELINE}
    count_all = Func(template="COUNT(*)", output_field=IntegerField())
    parts, params = [], []
    for stage in stages.PIPELINE:
        counted = tenants.filter(stage=stage).order_by().annotate(n=count_all).values("n")
        sql, part_params = counted.query.get_compiler(using=tenants.db).as_sql()
        parts.append(f"({sql})")
        params.extend(part_params)
    with connections[tenants.db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return {str(stage): int(n or 0) for stage, n in zip(stages.PIPELINE, row, strict=True)}


def board(*, tenants: QuerySet[Tenant], today: datetime.date, pages: dict[str, int] | None = None) -> list[Column]:
    """The tenants by stage, in pipeline order, each column on its own page of ``BOARD_CARDS`` (the first
    unless ``pages`` says otherwise): one grouped count and one query per column, whatever the numbers.

    Newest first rather than by name: the (stage, joined_on) index serves a national board without a sort.
    A page past a column's end shows its last page.
    """
    pages = pages or {}
    counts = stage_counts(tenants)
    last = stages.add_months(stages.month_start(today), -1)  # each card says whether last month is reported
    columns = []
    for stage in stages.PIPELINE:
        count = counts.get(stage, 0)
        page = min(max(1, pages.get(stage, 1)), max(1, -(-count // BOARD_CARDS)))
        cards = _cards(tenants, stage, page) if count else []
        columns.append(Column(stage, Stage(stage).label, count, cards, page))
    _mark_reported([card for column in columns for card in column.tenants], last)
    return columns


def board_column(*, tenants: QuerySet[Tenant], stage: str, page: int, today: datetime.date) -> Column | None:
    """One page of one column (the board's "more" appends it); None for an unknown stage or a page past the end."""
    if stage not in stages.PIPELINE or page < 1:
        return None
    count = tenants.filter(stage=stage).count()
    if page > max(1, -(-count // BOARD_CARDS)):
        return None
    cards = _cards(tenants, stage, page)
    _mark_reported(cards, stages.add_months(stages.month_start(today), -1))
    return Column(stage, Stage(stage).label, count, cards, page)


@dataclass(frozen=True)
class ReadinessItem:
    """One item of the readiness checklist and the step that gets the tenant there."""

    key: str
    label: str | Promise
    done: bool
    next_step: str | Promise


def readiness(tenant: Tenant) -> list[ReadinessItem]:
    """NIB, PIRT, halal, bookkeeping and a bank account: what the tenant has and the next step for each."""
    licences = set(tenant.business.licences.values_list("kind", flat=True)) if hasattr(tenant, "business") else set()
    achieved = set(tenant.milestones.filter(achieved_on__isnull=False).values_list("kind", flat=True))
    return [
        ReadinessItem(
            "nib", LicenceKind.NIB.label, LicenceKind.NIB in licences,
            _("Register the business on OSS (oss.go.id) to get an NIB."),
        ),
        ReadinessItem(
            "pirt", LicenceKind.PIRT.label, LicenceKind.PIRT in licences,
            _("Apply to the regency health office for a PIRT (home-made food only)."),
        ),
        ReadinessItem(
            "halal", LicenceKind.HALAL.label, LicenceKind.HALAL in licences,
            _("Apply for the free halal self-declaration (SEHATI) through ptsp.halal.go.id."),
        ),
        ReadinessItem(
            "bookkeeping", MilestoneKind.BOOKKEEPING.label, MilestoneKind.BOOKKEEPING in achieved,
            _("Keep a simple cash book (e.g. the SiApik or BukuWarung app) and record it as a milestone."),
        ),
        ReadinessItem(
            "bank_account", MilestoneKind.BANK_ACCOUNT.label, MilestoneKind.BANK_ACCOUNT in achieved,
            _("Open a bank account in the business's name: the first step to a KUR loan."),
        ),
    ]  # fmt: skip


def next_step(items: list[ReadinessItem]) -> ReadinessItem | None:
    """The first item not yet done."""
    return next((item for item in items if not item.done), None)


@dataclass(frozen=True)
class MonthFlag:
    """A month whose figures are missing past the deadline."""

    month: datetime.date
    deadline: datetime.date


def missing_reports(tenant: Tenant, *, today: datetime.date, months: int = 12) -> list[MonthFlag]:
    """Months (since the tenant joined, at most ``months`` back) without figures and past their deadline."""
    reported = set(tenant.reports.values_list("month", flat=True))
    first = stages.month_start(tenant.joined_on)
    flags = []
    for month in stages.last_months(today, months):
        if month >= first and month not in reported and today > report_deadline(month):
            flags.append(MonthFlag(month, report_deadline(month)))
    return flags


ACTIVE_STAGES = (Stage.PRE, Stage.INCUBATION, Stage.POST)


def months_to_report(tenant: Tenant, *, today: datetime.date, months: int = 12) -> list[datetime.date]:
    """Closed months (since the tenant joined, at most ``months`` back) without figures, oldest first.

    A month is closed once it has ended: the current month is never offered, whatever its day.
    """
    reported = set(tenant.reports.values_list("month", flat=True))
    first = stages.month_start(tenant.joined_on)
    return [m for m in stages.last_months(today, months) if m >= first and m not in reported]


def month_to_report(tenant: Tenant, *, today: datetime.date) -> datetime.date | None:
    """The month the figures form opens on: the earliest closed month not yet reported (None: all done)."""
    return next(iter(months_to_report(tenant, today=today)), None)


def tenants_missing_report(*, user: Any, today: datetime.date) -> QuerySet[Tenant]:
    """Tenants in scope, still in the pipeline, without figures for the last closed month (past its deadline).

    Before the 10th the month is still on time, so the month before it is the one checked.
    """
    month = stages.add_months(stages.month_start(today), -1)
    if today <= report_deadline(month):
        month = stages.add_months(month, -1)
    return (
        tenant_list(user=user)
        .filter(stage__in=ACTIVE_STAGES, joined_on__lt=stages.add_months(month, 1))
        .exclude(reports__month=month)
    )


def next_coaching_session(*, user: Any, tenant: Tenant, today: datetime.date) -> CoachingSession | None:
    """The tenant's next coaching session from ``today`` on, within scope."""
    return (
        CoachingSession.objects.visible_to(user).filter(tenant=tenant, date__gte=today).order_by("date", "pk").first()
    )


def reports_of(tenant: Tenant, *, months: int = 24) -> list[MonthlyReport]:
    """The tenant's latest figures, oldest first (for the table and the chart)."""
    return list(reversed(tenant.reports.select_related("lock").order_by("-month")[:months]))


def moves_of(tenant: Tenant) -> QuerySet[StageMove]:
    """The tenant's stage history, newest first."""
    return tenant.moves.select_related("moved_by")


@dataclass(frozen=True)
class Dashboard:
    """An incubator's (or the scope's) figures."""

    by_stage: list[tuple[str | Promise, int]]
    total: int
    jobs: int
    graduation_rate: int | None
    months: list[datetime.date]
    revenue: list[int]
    growth: int | None
    unreported: int  # open tenants without figures for last month


def dashboard(*, tenants: QuerySet[Tenant], today: datetime.date) -> Dashboard:
    """Tenants by stage, jobs (workers of each tenant's latest report), revenue by month, graduation rate."""
    counts = stage_counts(tenants)
    latest_workers = MonthlyReport.objects.filter(tenant=OuterRef("pk")).order_by("-month").values("workers")[:1]
    jobs = tenants.order_by().annotate(w=Subquery(latest_workers)).aggregate(total=Sum("w"))["total"] or 0
    finished = counts.get(Stage.GRADUATED, 0) + counts.get(Stage.DROPPED, 0)
    rate = round(100 * counts.get(Stage.GRADUATED, 0) / finished) if finished else None
    months = stages.last_months(today, 12)
    sums = dict(
        MonthlyReport.objects.filter(
            tenant__in=tenants.order_by().values("pk"), month__gte=months[0], month__lte=months[-1]
        )
        .order_by()
        .values_list("month")
        .annotate(total=Sum("revenue"))
    )
    revenue = [int(sums.get(month, 0)) for month in months]
    growth = _same_tenant_growth(tenants, first=months[0], last=months[-1])
    last = months[-1]
    unreported = (
        tenants.filter(stage__in=stages.OPEN_STAGES, joined_on__lt=stages.add_months(last, 1))
        .exclude(pk__in=MonthlyReport.objects.filter(month=last).values("tenant"))
        .count()
    )
    return Dashboard(
        unreported=unreported,
        by_stage=[(Stage(stage).label, counts.get(stage, 0)) for stage in stages.PIPELINE],
        total=sum(counts.values()),
        jobs=int(jobs),
        graduation_rate=rate,
        months=months,
        revenue=revenue,
        growth=growth,
    )


def _same_tenant_growth(tenants: QuerySet[Tenant], *, first: datetime.date, last: datetime.date) -> int | None:
    """Revenue growth (%) from ``first`` to ``last`` month of the tenants that reported both.

    Comparing the same tenants keeps newcomers from passing for growth.
    """
    both = (
        MonthlyReport.objects.filter(tenant__in=tenants.order_by().values("pk"), month__in=(first, last))
        .order_by()
        .values("tenant")
        .annotate(n=Count("pk"))
        .filter(n=2)
        .values("tenant")
    )
    sums = dict(
        MonthlyReport.objects.filter(tenant__in=both, month__in=(first, last))
        .order_by()
        .values_list("month")
        .annotate(total=Sum("revenue"))
    )
    start, end = sums.get(first, 0), sums.get(last, 0)
    return round(100 * (end - start) / start) if start else None


def followups(*, user: Any) -> QuerySet[CoachingAction]:
    """Agreed actions not done yet, in scope, the most overdue first."""
    return (
        CoachingAction.objects.visible_to(user)
        .filter(done_on__isnull=True)
        .select_related("session__tenant__person", "session__coach")
        .order_by("due_on", "pk")
    )


def calendar(*, user: Any, month: datetime.date) -> tuple[list[CoachingSession], list[CoachingAction]]:
    """The coach's sessions in ``month`` and the actions of their sessions due in it."""
    end = stages.add_months(month, 1)
    sessions = list(
        CoachingSession.objects.visible_to(user)
        .filter(coach=user, date__gte=month, date__lt=end)
        .select_related("tenant__person")
        .order_by("date", "pk")
    )
    actions = list(
        CoachingAction.objects.visible_to(user)
        .filter(session__coach=user, due_on__gte=month, due_on__lt=end)
        .select_related("session__tenant__person")
        .order_by("due_on", "pk")
    )
    return sessions, actions
