"""Reads of the mentoring app, always within the user's scope (``visible_to``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from inkubator.accounts.models import User
from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything

from .choices import CLUSTER_PRIORITY, SKILL_FIELDS, ActionStatus, PlanStatus
from .maps import MapLine, MapPoint, plan_svg
from .models import ActionItem, Assignment, Facilitator, Plan, PlanCentre, Visit
from .solver import CentreInput, FacilitatorInput


def point_of(obj: Any) -> tuple[float, float] | None:
    """(lat, lon) of a centre or facilitator: its own coordinates, else its regency's centroid."""
    if obj.latitude is not None and obj.longitude is not None:
        return float(obj.latitude), float(obj.longitude)
    regency = obj.regency
    if regency.latitude is not None and regency.longitude is not None:
        return float(regency.latitude), float(regency.longitude)
    return None


# Facilitators -------------------------------------------------------------------------------------


def facilitator_list(*, user: Any) -> QuerySet[Facilitator]:
    """The facilitators ``user`` may see, with their home regency and account."""
    return Facilitator.objects.visible_to(user).select_related("regency", "user")


def facilitator_get(*, user: Any, pk: int) -> Facilitator:
    """One facilitator; 404 outside the user's scope."""
    return get_object_or_404(facilitator_list(user=user), pk=pk)


def facilitator_of(user: Any) -> Facilitator | None:
    """The facilitator record linked to a facilitator user, if any."""
    if getattr(user, "role", None) != Role.FACILITATOR:
        return None
    return Facilitator.objects.visible_to(user).select_related("regency").filter(user=user).first()


def facilitator_account_choices(*, user: Any, facilitator: Facilitator) -> QuerySet[User]:
    """The accounts ``user`` may link to ``facilitator`` (a new record, or one fetched through ``visible_to``).

    Active facilitator accounts ``user`` may see (a coordinator: those assigned to a centre of their
    region) that no other facilitator record is linked to, and the account this record is linked to
    already, so that editing it never drops the link.
    """
    # Accounts linked to any other record, country-wide: only used to leave them out, never shown.
    taken = Facilitator.objects.exclude(pk=facilitator.pk).exclude(user=None).values("user")
    offered = User.objects.visible_to(user).filter(role=Role.FACILITATOR, is_active=True).exclude(pk__in=taken)
    current = Q(pk=facilitator.user_id) if facilitator.user_id else Q(pk__in=[])
    return User.objects.filter(Q(pk__in=offered.values("pk")) | current).order_by("username")


def facilitator_with_skill(queryset: QuerySet[Facilitator], focus: str) -> QuerySet[Facilitator]:
    """Only those who can mentor ``focus``."""
    return queryset.filter(**{SKILL_FIELDS[focus]: True})


# Plans --------------------------------------------------------------------------------------------


def plan_list(*, user: Any) -> QuerySet[Plan]:
    """The plans ``user`` sees (those with a centre in their scope), with entry and assignment counts."""
    # Subqueries, not joins: counting two one-to-many relations through joins multiplies the rows
    # (500 entries × 500 assignments for one national plan).
    entries = PlanCentre.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk"))
    assigned = Assignment.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk"))
    return (
        Plan.objects.visible_to(user)
        .select_related("created_by")
        .annotate(
            centre_count=Coalesce(Subquery(entries.values("n")), 0),
            assigned_count=Coalesce(Subquery(assigned.values("n")), 0),
        )
    )


def plan_get(*, user: Any, pk: int) -> Plan:
    """One plan; 404 outside the user's scope."""
    return get_object_or_404(Plan.objects.visible_to(user), pk=pk)


def plan_is_within_scope(*, user: Any, plan: Plan) -> bool:
    """Whether every centre of the plan is visible to ``user`` (a coordinator may only change such plans)."""
    if sees_everything(user):
        return True
    total = PlanCentre.objects.filter(plan=plan).count()
    return total > 0 and PlanCentre.objects.visible_to(user).filter(plan=plan).count() == total


def plan_entries(*, user: Any, plan: Plan) -> QuerySet[PlanCentre]:
    """The plan's centres the user sees, each with its assignment and facilitator loaded."""
    return (
        PlanCentre.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("centre__regency", "centre__province", "assignment__facilitator")
    )


def plan_entry_counts(*, user: Any, plan: Plan) -> dict[str, int]:
    """How many of the plan's centres the user sees, and how many of them have a facilitator (one query)."""
    return (
        PlanCentre.objects.visible_to(user).filter(plan=plan).aggregate(total=Count("pk"), assigned=Count("assignment"))
    )


def plan_entry_get(*, user: Any, plan: Plan, pk: int) -> PlanCentre:
    """One centre of a plan; 404 outside scope or when it belongs to another plan."""
    return get_object_or_404(plan_entries(user=user, plan=plan), pk=pk)


@dataclass(frozen=True)
class FacilitatorLoad:
    """One facilitator's share of a plan."""

    facilitator: Facilitator
    centres: int
    manual: int
    km: Decimal


def plan_loads(*, user: Any, plan: Plan) -> list[FacilitatorLoad]:
    """Each facilitator's load and travel in the plan, from the most loaded down."""
    rows = (
        Assignment.objects.visible_to(user)
        .filter(plan=plan)
        .values("facilitator")
        .annotate(centres=Count("pk"), manual=Count("pk", filter=Q(is_manual=True)), km=Sum("travel_km"))
        .order_by("-centres", "facilitator")
    )
    rows = list(rows)
    people = Facilitator.objects.select_related("regency").in_bulk([r["facilitator"] for r in rows])
    return [FacilitatorLoad(people[r["facilitator"]], r["centres"], r["manual"], r["km"] or Decimal(0)) for r in rows]


def other_plan_loads(*, plan: Plan) -> dict[int, int]:
    """Centres each facilitator already mentors in *other* active plans whose period overlaps this one.

    Capacity is "centres at once", so these places are not free for this plan. Read without scope: it
    is a count used by the optimiser, never shown row by row.
    """
    rows = (
        Assignment.objects.filter(
            plan__status=PlanStatus.ACTIVE,
            plan__period_start__lte=plan.period_end,
            plan__period_end__gte=plan.period_start,
        )
        .exclude(plan=plan)
        .values("facilitator")
        .annotate(n=Count("pk"))
    )
    return {r["facilitator"]: r["n"] for r in rows}


@dataclass
class SolverInputs:
    """A plan as the solver wants it, and the lookups to write its answer back."""

    facilitators: list[FacilitatorInput]
    centres: list[CentreInput]
    fixed: dict[int, int]
    entries: dict[int, PlanCentre]
    people: dict[int, Facilitator]
    no_point: list[Centre]


def plan_solver_inputs(*, user: Any, plan: Plan) -> SolverInputs:
    """The plan's centres, the user's active facilitators (capacity net of other active plans), fixed pairs.

    A coordinator plans with the team based in their region; the ministry with the whole team.
    """
    entries = list(plan_entries(user=user, plan=plan))
    people = {f.pk: f for f in facilitator_list(user=user).filter(active=True)}
    # A pair set by hand stays even if its facilitator is now inactive or was chosen by the ministry.
    for f in Facilitator.objects.filter(assignments__plan=plan, assignments__is_manual=True).select_related("regency"):
        people.setdefault(f.pk, f)
    elsewhere = other_plan_loads(plan=plan)
    facilitators = []
    for f in people.values():
        point = point_of(f)
        if point is not None:
            capacity = max(f.capacity_centres - elsewhere.get(f.pk, 0), 0)
            facilitators.append(FacilitatorInput(f.pk, point, f.skills, capacity))
    centres, fixed, no_point = [], {}, []
    for entry in entries:
        point = point_of(entry.centre)
        if point is None:
            no_point.append(entry.centre)
            continue
        centres.append(CentreInput(entry.pk, point, entry.focus, entry.priority))
        assignment = getattr(entry, "assignment", None)
        if assignment is not None and assignment.is_manual:
            fixed[entry.pk] = assignment.facilitator_id
    return SolverInputs(facilitators, centres, fixed, {e.pk: e for e in entries}, people, no_point)


def plan_map(*, user: Any, plan: Plan) -> Any:
    """The plan's SVG map: its centres (coloured by focus), the facilitators used and the assignment lines."""
    points: list[MapPoint] = []
    lines: list[MapLine] = []
    homes: dict[int, tuple[float, float]] = {}
    for entry in plan_entries(user=user, plan=plan):
        point = point_of(entry.centre)
        if point is None:
            continue
        points.append(MapPoint(*point, label=entry.centre.name, kind="centre", focus=entry.focus))
        assignment = getattr(entry, "assignment", None)
        if assignment is None:
            continue
        f = assignment.facilitator
        if f.pk not in homes:
            home = point_of(f) if f.latitude is not None else None
            if home is None:
                home = point_of(Facilitator.objects.select_related("regency").get(pk=f.pk))
            if home is None:
                continue
            homes[f.pk] = home
            points.append(MapPoint(*home, label=f.name, kind="facilitator"))
        lines.append(MapLine(homes[f.pk], point, assignment.is_manual))
    return plan_svg(points=points, lines=lines, title=plan.name)


def centre_candidates(*, user: Any, province: str = "", cluster: str = "", q: str = "") -> QuerySet[Centre]:
    """Active centres in scope to pick for a plan by hand, filtered by province, cluster and name or code."""
    rows = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE).select_related("regency")
    if province:
        rows = rows.filter(province_id=province)
    if cluster:
        rows = rows.filter(cluster="" if cluster == "none" else cluster)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return rows.order_by("province_id", "code")


def propose_centres(*, user: Any, counts: dict[str, int], province: str = "") -> list[tuple[Centre, str]]:
    """Centres for a plan by the ministry's rule: ``counts[cluster]`` centres of each cluster, in order.

    Within a cluster: designated incubators first, then the oldest cohort (longest since build aid),
    then registration code, so the proposal is the same every time for the same register.
    """
    chosen: list[tuple[Centre, str]] = []
    base = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE).select_related("regency")
    if province:
        base = base.filter(province_id=province)
    for cluster in Cluster.values:
        wanted = counts.get(cluster, 0)
        if wanted <= 0:
            continue
        rows = base.filter(cluster=cluster).order_by("-is_incubator", "cohort_year", "code")[:wanted]
        chosen.extend((centre, cluster) for centre in rows)
    return chosen


def cluster_counts(*, user: Any, province: str = "") -> dict[str, int]:
    """How many active centres in scope each cluster has (to show next to the proposal form)."""
    rows = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
    if province:
        rows = rows.filter(province_id=province)
    counts = dict(rows.values_list("cluster").annotate(n=Count("pk")).order_by())
    return {cluster: counts.get(cluster, 0) for cluster in Cluster.values}


def entry_priority(cluster: str) -> int:
    """The default priority of a centre of ``cluster`` in a plan."""
    return CLUSTER_PRIORITY.get(cluster, CLUSTER_PRIORITY[""])


# Visits, action items, a centre's progress, a facilitator's schedule --------------------------------


def visit_list(*, user: Any) -> QuerySet[Visit]:
    """Visits in scope, newest first, with centre and facilitator."""
    return Visit.objects.visible_to(user).select_related("centre", "facilitator").prefetch_related("photos")


def action_item_list(*, user: Any) -> QuerySet[ActionItem]:
    """Action items in scope."""
    return ActionItem.objects.visible_to(user).select_related("centre")


def action_item_get(*, user: Any, centre: Centre, pk: int) -> ActionItem:
    """One action item of ``centre``; 404 outside scope or when it belongs to another centre."""
    return get_object_or_404(action_item_list(user=user), pk=pk, centre=centre)


def assignment_list(*, user: Any) -> QuerySet[Assignment]:
    """Assignments in scope, with plan, centre and facilitator."""
    return Assignment.objects.visible_to(user).select_related("plan", "plan_centre__centre", "facilitator")


@dataclass(frozen=True)
class CentreProgress:
    """A centre's mentoring at a glance."""

    entries: list[PlanCentre]
    visits: list[Visit]
    actions: list[ActionItem]
    open_actions: int
    done_actions: int
    overdue_actions: int


def centre_progress(*, user: Any, centre: Centre) -> CentreProgress:
    """The centre's plans (with facilitator), visits and action items, within the user's scope."""
    entries = list(
        PlanCentre.objects.visible_to(user)
        .filter(centre=centre)
        .select_related("plan", "assignment__facilitator")
        .order_by("-plan__period_start")
    )
    visits = list(visit_list(user=user).filter(centre=centre)[:50])
    actions = list(action_item_list(user=user).filter(centre=centre).order_by("status", "due_date", "pk"))
    today = datetime.date.today()
    return CentreProgress(
        entries=entries,
        visits=visits,
        actions=actions,
        open_actions=sum(1 for a in actions if a.status == ActionStatus.OPEN),
        done_actions=sum(1 for a in actions if a.status == ActionStatus.DONE),
        overdue_actions=sum(1 for a in actions if a.status == ActionStatus.OPEN and a.due_date < today),
    )


def schedule_assignments(*, user: Any, facilitator: Facilitator) -> QuerySet[Assignment]:
    """The facilitator's assignments in active plans (the centres they mentor now), within scope."""
    return (
        assignment_list(user=user)
        .filter(facilitator=facilitator, plan__status=PlanStatus.ACTIVE)
        .select_related("plan_centre__centre__regency")
        .order_by("plan_centre__centre__regency__name", "plan_centre__centre__code")
    )


def last_visits(*, user: Any, facilitator: Facilitator, centre_ids: list[int]) -> dict[int, datetime.date]:
    """The date of the facilitator's latest visit to each of the given centres."""
    rows = (
        Visit.objects.visible_to(user)
        .filter(facilitator=facilitator, centre_id__in=centre_ids)
        .values("centre")
        .annotate(last=Max("date"))
    )
    return {r["centre"]: r["last"] for r in rows}


def focus_choices() -> list[tuple[str, str]]:
    """The mentoring foci as form choices."""
    return list(MentoringFocus.choices)
