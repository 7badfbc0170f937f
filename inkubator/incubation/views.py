"""Pipeline pages: the tenant list and export, the board by stage, the dashboard, follow-ups, a coach's
calendar and the entrepreneur's own page.

Every page starts from ``visible_to`` (through the selectors); a tenant or centre outside the
user's scope answers 404, and so does a page the role has no business with.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from inkubator.core import concurrency
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything
from inkubator.core.screens import ObjectFormView, ObjectListView, page

from . import selectors, stages
from .filters import TenantFilter
from .forms import GateForm
from .models import StageGate
from .permissions import can_coach, role_of, sees_pipeline
from .services import stage_gate_set_active
from .tables import TENANT_EXPORT_COLUMNS, TENANT_PAGE_FIELDS, TenantTable

PER_PAGE = 25


class TenantListView(ObjectListView):
    """Every tenant in scope, filtered, sorted and paginated, with export links (no finances exported)."""

    allowed = staticmethod(sees_pipeline)
    selector = staticmethod(selectors.tenant_list)
    filterset_class = TenantFilter
    table_class = TenantTable
    template_name = "incubation/list.html"
    title = gettext_lazy("Tenants")
    testid = "tenant"
    count_label = ngettext_lazy("%(counter)s tenant", "%(counter)s tenants", "counter")
    export_columns = TENANT_EXPORT_COLUMNS
    export_url_name = "incubation:tenant_export"
    export_filename = gettext_lazy("tenants")

    def page_rows(self, rows: QuerySet) -> QuerySet:
        # What TenantTable shows: the name (group or person), business, where, stage, source, joined.
        return rows.select_related(None).select_related("person", "incubator", "business").only(*TENANT_PAGE_FIELDS)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_coach": can_coach(request.user)}


tenant_list_view = TenantListView.as_view()
tenant_export_view = TenantListView.as_view()


def _default_centre_code(request: HttpRequest) -> str | None:
    """A centre manager's board opens on their own centre."""
    if role_of(request.user) == Role.CENTRE_MANAGER:
        centre = request.user.centres.order_by("code").first()
        return centre.code if centre else None
    return None


@page(allowed=sees_pipeline)
def board_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Tenants by stage (columns), for one incubator or the whole scope; cards link to the profile."""
    code = code or request.GET.get("incubator") or _default_centre_code(request)
    tenants = selectors.tenant_list(user=request.user)
    centre = None
    if code:
        centre = selectors.incubator_get(user=request.user, code=code)
        tenants = tenants.filter(incubator=centre)
    pages = {stage: _page_number(request.GET.get(selectors.board_page_param(stage))) for stage in stages.PIPELINE}
    context = {
        "centre": centre,
        "columns": selectors.board(tenants=tenants, today=timezone.localdate(), pages=pages),
        "last_month": stages.add_months(stages.month_start(timezone.localdate()), -1),
        "incubators": selectors.incubator_choices(user=request.user),
        "can_coach": can_coach(request.user),
    }
    return render(request, "incubation/board.html", context)


def _page_number(value: str | None) -> int:
    """A page number from the query string; anything else is the first page."""
    return int(value) if value and value.isdigit() and len(value) < 7 else 1


@page(allowed=sees_pipeline)
def board_column_view(request: HttpRequest, stage: str) -> HttpResponse:
    """One more page of one stage column (htmx appends it under the column's last card)."""
    tenants = selectors.tenant_list(user=request.user)
    centre = None
    if code := request.GET.get("incubator"):
        centre = selectors.incubator_get(user=request.user, code=code)
        tenants = tenants.filter(incubator=centre)
    column = selectors.board_column(
        tenants=tenants, stage=stage, page=_page_number(request.GET.get("page")), today=timezone.localdate()
    )
    if column is None:
        raise Http404
    context = {
        "centre": centre,
        "column": column,
        "last_month": stages.add_months(stages.month_start(timezone.localdate()), -1),
        "can_coach": can_coach(request.user),
    }
    return render(request, "incubation/_board_cards.html", context)


@page(allowed=sees_pipeline)
def dashboard_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Tenants by stage, jobs, revenue growth and graduation rate, for one incubator or the scope."""
    code = code or request.GET.get("incubator") or _default_centre_code(request)
    tenants = selectors.tenant_list(user=request.user)
    centre = None
    if code:
        centre = selectors.incubator_get(user=request.user, code=code)
        tenants = tenants.filter(incubator=centre)
    figures = selectors.dashboard(tenants=tenants, today=timezone.localdate())
    chart = {
        "labels": [f"{m:%m/%Y}" for m in figures.months],
        "revenue": figures.revenue,
        "label": _("Revenue of all tenants (Rp)"),
    }
    context = {
        "centre": centre,
        "figures": figures,
        "chart": chart,
        "incubators": selectors.incubator_choices(user=request.user),
        "can_coach": can_coach(request.user),
    }
    return render(request, "incubation/dashboard.html", context)


@page(allowed=sees_pipeline)
def followups_view(request: HttpRequest) -> HttpResponse:
    """Agreed actions not yet done, in scope, the most overdue first."""
    return followups_page(request)


def followups_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """The follow-up list (also the answer of a "done" that came too late, with 409)."""
    actions = selectors.followups(user=request.user)
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "today": timezone.localdate(), "can_coach": can_coach(request.user)}
    return render(request, "incubation/followups.html", context, status=status)


@page(allowed=can_coach)
def calendar_view(request: HttpRequest) -> HttpResponse:
    """The signed-in coach's sessions and the actions due in a month (``?month=2026-05``)."""
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = stages.month_start(timezone.localdate())
    sessions, actions = selectors.calendar(user=request.user, month=month)
    days: dict[datetime.date, dict[str, list]] = {}
    for session in sessions:
        days.setdefault(session.date, {"sessions": [], "actions": []})["sessions"].append(session)
    for action in actions:
        days.setdefault(action.due_on, {"sessions": [], "actions": []})["actions"].append(action)
    context = {
        "month": month,
        "previous": stages.add_months(month, -1),
        "next": stages.add_months(month, 1),
        "days": sorted(days.items()),
    }
    return render(request, "incubation/calendar.html", context)


@page()
def mine_view(request: HttpRequest) -> HttpResponse:
    """The entrepreneur's own page: their tenant profile, or a word that none is registered yet."""
    if role_of(request.user) != Role.ENTREPRENEUR:
        raise Http404
    tenant = selectors.tenant_of(user=request.user)
    if tenant is not None:
        return redirect("incubation:tenant_detail", pk=tenant.pk)
    return render(request, "incubation/mine_none.html")


def _gates_context(user: Any) -> dict[str, Any]:
    """What the gates page shows besides its form: the gates, each button carrying whether the gate
    was in force when shown."""
    gates = list(StageGate.objects.visible_to(user))
    for gate in gates:
        gate.edit_version = concurrency.version_token(gate, ["active"])
    return {"gates": gates, "can_coach": can_coach(user)}


class GatesView(ObjectFormView):
    """The stage gates in force and out of it, and a form to add one (ministry admins)."""

    allowed = staticmethod(sees_everything)
    form_class = GateForm
    invalid_status = 400
    template_name = "incubation/gates.html"
    success_message = gettext_lazy("Gate added.")
    success_url = reverse_lazy("incubation:gates")

    def form_save_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return _gates_context(request.user)


gate_list_view = GatesView.as_view()


@page(allowed=sees_everything, methods=("POST",))
def gate_toggle_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a gate out of force, or back in: from the state the button was shown with (two clicks, or two
    people, never put it back where it was)."""
    gate = get_object_or_404(StageGate.objects.visible_to(request.user), pk=pk)
    try:
        gate = concurrency.act_versioned(
            request.POST,
            gate,
            lambda current: stage_gate_set_active(gate=current, active=not current.active),
            guard=("active",),
        )
    except concurrency.EditConflict as conflict:
        messages.error(request, concurrency.conflict_message(conflict))
        context = {**_gates_context(request.user), "form": GateForm()}
        return render(request, "incubation/gates.html", context, status=409)
    messages.success(request, _("Gate in force.") if gate.active else _("Gate no longer in force."))
    return redirect("incubation:gates")
