"""Planning pages: the facilitator team, mentoring plans, the optimised assignment and the coverage what-if.

Every object comes through a selector that starts from ``visible_to`` (404 outside the scope). Pages
for planners only answer 404 to other roles; a coordinator may change a plan only when every centre
of it lies in their region (else 404 on the change pages, the plan stays readable).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.core import concurrency
from inkubator.core.scoping import sees_everything
from inkubator.core.screens import ObjectEditView, ObjectFormView, ObjectListView, page
from inkubator.regions.models import Regency
from inkubator.regions.selectors import regencies_visible_to

from . import selectors, services
from .filters import FacilitatorFilter, PlanFilter
from .forms import CentrePickFilter, EntryForm, FacilitatorForm, PlanForm, PlanStatusForm, ProposeForm, WhatIfForm
from .maps import ATTRIBUTION
from .models import Assignment, Facilitator, Plan
from .permissions import can_plan
from .selectors import facilitator_with_skill
from .solver import BALANCE_KM, ROAD_FACTOR, CentreInput, FacilitatorInput
from .tables import FACILITATOR_EXPORT_COLUMNS, PLAN_EXPORT_COLUMNS, FacilitatorTable, PlanTable
from .whatif import coverage

PLAN_PER_PAGE = 50  # centres per page of a plan's table
MAX_CANDIDATES = 500  # centres listed to tick for a plan built by hand; filters narrow a bigger register


def _planner(request: HttpRequest) -> None:
    if not can_plan(request.user):
        raise Http404


def _managed_plan(request: HttpRequest, pk: int) -> Plan:
    """A plan the user may change: visible, and wholly in their region (ministry: any)."""
    _planner(request)
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not selectors.plan_is_within_scope(user=request.user, plan=plan):
        raise Http404
    return plan


# Facilitators -------------------------------------------------------------------------------------


class FacilitatorListView(ObjectListView):
    """The team in the user's scope, filtered, sorted and paginated, with export links (planners only)."""

    allowed = staticmethod(can_plan)
    selector = staticmethod(selectors.facilitator_list)
    filterset_class = FacilitatorFilter
    table_class = FacilitatorTable
    title = gettext_lazy("Facilitators")
    testid = "facilitator"
    count_label = ngettext_lazy("%(counter)s facilitator", "%(counter)s facilitators", "counter")
    create = (gettext_lazy("New facilitator"), "mentoring:facilitator_create", "facilitator-create")
    may_create = staticmethod(can_plan)
    filter_col_class = "col-12 col-sm-6 col-lg-2"
    export_columns = FACILITATOR_EXPORT_COLUMNS
    export_url_name = "mentoring:facilitator_export"
    export_filename = gettext_lazy("facilitators")

    def export_rows(self, rows: Any) -> Any:
        return rows.select_related("regency__province").iterator(chunk_size=self.export_chunk)


def _regencies(request: HttpRequest) -> Any:
    return Regency.objects.all() if sees_everything(request.user) else regencies_visible_to(request.user)


class FacilitatorCreateView(ObjectEditView):
    """Add a facilitator based in the user's region. Never cached: a person's home coordinates."""

    allowed = staticmethod(can_plan)
    private = True
    form_class = FacilitatorForm
    service = staticmethod(services.facilitator_create)
    template_name = "mentoring/facilitator_form.html"
    parents = ((gettext_lazy("Facilitators"), "mentoring:facilitator_list"),)
    form_testid = "facilitator-form"
    grid = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "regencies": _regencies(self.request)}

    def get_title(self) -> str:
        return self.object.name if self.object is not None else _("New facilitator")

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        # The service checks both sides of the links against who acts: the home and the account.
        return {**super().service_kwargs(form), "actor": self.request.user}

    def get_success_message(self, saved: Facilitator) -> str:
        return _("Facilitator %(name)s saved.") % {"name": saved.name}

    def get_success_url(self, saved: Any) -> str:
        return reverse("mentoring:facilitator_list")


class FacilitatorUpdateView(FacilitatorCreateView):
    """Edit a facilitator of the user's region (404 outside it)."""

    service = staticmethod(services.facilitator_update)
    object_kwarg = "facilitator"

    def get_object(self) -> Facilitator:
        return selectors.facilitator_get(user=self.request.user, pk=self.kwargs["pk"])


facilitator_list_view = FacilitatorListView.as_view()
facilitator_export_view = FacilitatorListView.as_view()
facilitator_create_view = FacilitatorCreateView.as_view()
facilitator_update_view = FacilitatorUpdateView.as_view()


# The facilitator a planner set by hand for a plan centre (None: the optimiser's choice, or nobody).
MANUAL_FACILITATOR = concurrency.related_values(
    lambda entry: Assignment.objects.filter(plan_centre=entry, is_manual=True).select_related("facilitator").first(),
    ("facilitator",),
)


# Plans --------------------------------------------------------------------------------------------


class PlanListView(ObjectListView):
    """Plans with a centre in the user's scope, filtered, sorted, paginated, with export links."""

    selector = staticmethod(selectors.plan_list)
    filterset_class = PlanFilter
    filterset_takes_user = False
    table_class = PlanTable
    table_order_by = ("-period_start",)
    template_name = "mentoring/plan_list.html"
    title = gettext_lazy("Mentoring plans")
    testid = "plan"
    export_columns = PLAN_EXPORT_COLUMNS
    export_buttons = ("xlsx",)
    export_url_name = "mentoring:plan_export"
    export_filename = gettext_lazy("mentoring plans")

    def export_rows(self, rows: Any) -> Any:
        return iter(rows)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_plan": can_plan(request.user)}


plan_list_view = PlanListView.as_view()
plan_export_view = PlanListView.as_view()


class PlanCreateView(ObjectFormView):
    """Build a plan by hand, in two steps on one page: filter the centres (GET), tick them and name the
    plan and its period (POST); ``plan_create`` gets the ticked centres that are in scope."""

    allowed = staticmethod(can_plan)
    form_class = PlanForm
    template_name = "mentoring/plan_create.html"
    title = gettext_lazy("New plan")
    parents = ((gettext_lazy("Mentoring plans"), "mentoring:plan_list"),)
    form_testid = "plan-form"
    grid = True
    save_label = gettext_lazy("Create plan")
    success_url = reverse_lazy("mentoring:plan_list")

    def ticked(self) -> list[int]:
        return [int(v) for v in self.request.POST.getlist("centre") if v.isdigit()]

    def write(self, form: Any) -> Plan:
        ids = self.ticked()
        chosen = list(selectors.centre_candidates(user=self.request.user).filter(pk__in=ids)) if ids else []
        centres = [(centre, centre.cluster) for centre in chosen]
        return services.plan_create(**form.cleaned_data, created_by=self.request.user, centres=centres)

    def get_success_message(self, saved: Plan) -> str:
        return _("Plan %(name)s created.") % {"name": saved.name}

    def saved_response(self, saved: Plan) -> HttpResponse:
        messages.success(self.request, self.get_success_message(saved))
        return redirect("mentoring:plan_detail", pk=saved.pk)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        picker = CentrePickFilter(request.GET or None)
        picker.is_valid()
        filters = {k: (v.pk if hasattr(v, "pk") else v or "") for k, v in getattr(picker, "cleaned_data", {}).items()}
        candidates = list(selectors.centre_candidates(user=request.user, **filters)[:MAX_CANDIDATES])
        return {"picker": picker, "candidates": candidates, "ticked": set(self.ticked())}


class PlanProposeView(PlanCreateView):
    """Propose a plan from the clusters: so many binaan, berdaya and mandiri centres, by the ministry's rule."""

    form_class = ProposeForm
    template_name = "mentoring/plan_propose.html"
    title = gettext_lazy("Propose a plan from clusters")
    parents = ((gettext_lazy("Mentoring plans"), "mentoring:plan_list"),)
    form_testid = "propose-form"
    intro = gettext_lazy(
        "The plan takes the asked number of centres of each cluster: designated incubators first, then the "
        "oldest cohorts. Focus follows the cluster (binaan: people and asset mapping; berdaya: management; "
        "mandiri: incubator programme) and can be changed per centre afterwards."
    )

    def write(self, form: Any) -> Plan:
        data = form.cleaned_data
        self.counts = {cluster: data[cluster] for cluster in Cluster.values}
        code = data["province"].code if data["province"] else ""
        self.chosen = selectors.propose_centres(user=self.request.user, counts=self.counts, province=code)
        return services.plan_create(
            name=data["name"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            created_by=self.request.user,
            centres=self.chosen,
        )

    def saved_response(self, saved: Plan) -> HttpResponse:
        counts = self.counts
        short = {c: counts[c] - sum(1 for _, k in self.chosen if k == c) for c in Cluster.values}
        if any(short.values()):
            missing = ", ".join(f"{Cluster(c).label}: {n}" for c, n in short.items() if n > 0)
            messages.warning(
                self.request, _("Fewer centres than asked exist in scope (%(missing)s).") % {"missing": missing}
            )
        return super().saved_response(saved)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        source = request.POST if request.method == "POST" else request.GET
        province = source.get("province", "")
        counts = selectors.cluster_counts(user=request.user, province=province if province.isdigit() else "")
        return {"available": [(Cluster(c).label, n) for c, n in counts.items()]}


plan_create_view = PlanCreateView.as_view()
plan_propose_view = PlanProposeView.as_view()


@page()
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: its centres and their facilitators, the map, each facilitator's load and travel, the saving."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    # A national plan holds thousands of centres: the table pages, the totals come from one count.
    page = Paginator(selectors.plan_entries(user=request.user, plan=plan), PLAN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = selectors.plan_entry_counts(user=request.user, plan=plan)
    can_manage = can_plan(request.user) and selectors.plan_is_within_scope(user=request.user, plan=plan)
    context = {
        "plan": plan,
        "entries": page.object_list,
        "page": page,
        "total": counts["total"],
        "loads": selectors.plan_loads(user=request.user, plan=plan),
        "map_svg": selectors.plan_map(user=request.user, plan=plan),
        "can_manage": can_manage,
        "assigned": counts["assigned"],
        "attribution": ATTRIBUTION,
        "road_factor": ROAD_FACTOR,
        "balance_km": f"{BALANCE_KM:g}",
    }
    return render(request, "mentoring/plan_detail.html", context)


@page(methods=("POST",))
def plan_optimise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the optimiser on the plan (pairs set by hand stay)."""
    plan = _managed_plan(request, pk)
    try:
        plan = services.plan_optimise(plan=plan, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Assignment optimised: %(km)s km in all.") % {"km": f"{plan.total_km:,.1f}"})
    return redirect("mentoring:plan_detail", pk=plan.pk)


@page(methods=("POST",))
def plan_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Activate or close the plan."""
    plan = _managed_plan(request, pk)
    form = PlanStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown status."))
    try:
        plan = services.plan_set_status(plan=plan, status=form.cleaned_data["status"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Plan status: %(status)s.") % {"status": plan.get_status_display()})
    return redirect("mentoring:plan_detail", pk=plan.pk)


class PlanEntryEditView(ObjectEditView):
    """Change one centre of a plan by hand: its focus, and who mentors it (kept when re-optimising).

    The version covers the focus and the facilitator set by hand (kept in the assignment row); the plan
    centre's row is what is locked, so two planners never undo each other's choice unseen.
    """

    allowed = staticmethod(can_plan)
    form_class = EntryForm
    template_name = "mentoring/plan_entry.html"
    form_testid = "entry-form"
    grid = True
    intro = gettext_lazy(
        "A facilitator chosen here is kept when the plan is optimised again. Choose “Leave to the optimiser” to undo."
    )
    plan: Plan

    def get_object(self) -> Any:
        self.plan = _managed_plan(self.request, self.kwargs["pk"])
        return selectors.plan_entry_get(user=self.request.user, plan=self.plan, pk=self.kwargs["entry_pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        entry, request = self.object, self.request
        current = getattr(entry, "assignment", None)
        # The facilitators offered are those with the skill of the focus chosen (the posted one on save).
        focus = request.POST.get("focus", entry.focus)
        focus = focus if focus in MentoringFocus.values else entry.focus
        skilled = facilitator_with_skill(selectors.facilitator_list(user=request.user).filter(active=True), focus)
        initial = {"focus": entry.focus, "facilitator": current.facilitator if current and current.is_manual else None}
        return {"data": request.POST or None, "initial": initial, "facilitators": skilled}

    def version_fields(self, form: Any) -> list[str]:
        return ["focus"]

    def version_values(self) -> concurrency.Values:
        return MANUAL_FACILITATOR

    def write(self, form: Any) -> None:
        entry, data = self.object, form.cleaned_data
        assignment = getattr(entry, "assignment", None)
        services.plan_entry_update(entry=entry, focus=data["focus"])
        if data["facilitator"] is not None:
            services.assignment_set_manual(entry=entry, facilitator=data["facilitator"], actor=self.request.user)
        elif assignment is not None and assignment.is_manual:
            services.assignment_release(entry=entry)

    def get_title(self) -> str:
        return self.object.centre.name

    def get_success_message(self, saved: Any) -> str:
        return _("%(centre)s updated.") % {"centre": self.object.centre.name}

    def get_success_url(self, saved: Any) -> str:
        return reverse("mentoring:plan_detail", args=[self.plan.pk])

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Mentoring plans"), reverse("mentoring:plan_list")), (self.plan.name, self.get_success_url(None))]

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"plan": self.plan, "entry": self.object, "current": getattr(self.object, "assignment", None)}


plan_entry_view = PlanEntryEditView.as_view()


@page(allowed=can_plan)
def plan_whatif_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Coverage what-if on a plan's centres: covered centres and travel for growing team sizes."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = WhatIfForm(request.GET or None)
    rows = []
    if form.is_valid():
        inputs = selectors.plan_solver_inputs(user=request.user, plan=plan)
        team = [FacilitatorInput(f.id, f.point, f.skills, f.capacity) for f in inputs.facilitators]
        centres = [CentreInput(c.id, c.point, c.focus, c.priority) for c in inputs.centres]
        rows = coverage(
            team,
            centres,
            capacity=form.cleaned_data["capacity"],
            max_km=form.cleaned_data["max_km"],
            step=form.cleaned_data["step"],
        )
    chart = {
        "labels": [r.facilitators for r in rows],
        "covered": [r.covered for r in rows],
        "km": [r.total_km for r in rows],
        "covered_label": _("Centres covered"),
        "km_label": _("Total travel (km)"),
        "x_label": _("Facilitators"),
    }
    table = [(row, [(MentoringFocus(f).label, n) for f, n in sorted(row.covered_by_focus.items())]) for row in rows]
    context = {"plan": plan, "form": form, "rows": table, "chart": chart}
    return render(request, "mentoring/plan_whatif.html", context)
