"""A tenant's profile and the forms that write to it (move, figures, session, diagnosis, records).

The tenant is always fetched through ``tenant_get`` (``visible_to``): another centre's tenant, or
another entrepreneur's, answers 404. Writing needs a coaching role, except the monthly figures,
which the entrepreneur reports for their own business.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inkubator.people.nik import nik_mask
from inkubator.people.phones import phone_mask

from . import forms, selectors, stages
from .choices import Stage
from .models import CoachingAction, Loan, Milestone
from .permissions import can_coach, can_report, can_see_finances
from .services import coaching_action_done, loan_update, milestone_achieve

# What a coach adds or corrects from the profile: url kind → (form, title, section anchor).
RECORDS: dict[str, tuple[type[forms.ServiceForm], Any, str]] = {
    "licence": (forms.LicenceForm, gettext_lazy("New licence"), "business"),
    "milestone": (forms.MilestoneForm, gettext_lazy("New milestone"), "milestones"),
    "grant": (forms.GrantForm, gettext_lazy("New grant"), "capital"),
    "equipment": (forms.EquipmentForm, gettext_lazy("New equipment"), "capital"),
    "loan": (forms.LoanForm, gettext_lazy("New loan"), "capital"),
    "session": (forms.SessionForm, gettext_lazy("New coaching session"), "coaching"),
    "diagnosis": (forms.DiagnosisForm, gettext_lazy("New diagnosis"), "diagnosis"),
    "business": (forms.BusinessForm, gettext_lazy("Business details"), "business"),
    "account": (forms.AccountForm, gettext_lazy("Entrepreneur's account"), "business"),
}


@login_required
@require_http_methods(["GET", "POST"])
def tenant_create_view(request: HttpRequest) -> HttpResponse:
    """Take a person in as a tenant of an incubator in the user's scope (found by NIK or registered)."""
    if not can_coach(request.user):
        raise Http404
    form = forms.IntakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = form.save(user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s taken in.") % {"name": tenant.person.name})
            return redirect("incubation:tenant_detail", pk=tenant.pk)
    return render(
        request,
        "incubation/intake.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def tenant_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The tenant's profile: business, licences, stage history, diagnosis, coaching, figures, capital."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    today = timezone.localdate()
    finances = can_see_finances(request.user)
    reports = selectors.reports_of(tenant) if finances else []
    items = selectors.readiness(tenant)
    context = {
        "tenant": tenant,
        "business": tenant.business,
        "nik": nik_mask(tenant.person.nik),
        "phone": phone_mask(tenant.person.phone),
        "licences": tenant.business.licences.all(),
        "moves": selectors.moves_of(tenant),
        "diagnoses": tenant.diagnoses.prefetch_related("problems").select_related("diagnosed_by"),
        "sessions": tenant.sessions.prefetch_related("actions").select_related("coach")[:20],
        "milestones": tenant.milestones.all(),
        "readiness": items,
        "next_step": selectors.next_step(items),
        "finances": finances,
        "reports": list(reversed(reports)),
        "chart": {
            "labels": [f"{r.month:%m/%Y}" for r in reports],
            "revenue": [r.revenue for r in reports],
            "costs": [r.costs for r in reports],
            "workers": [r.workers for r in reports],
            "revenue_label": _("Revenue (Rp)"),
            "costs_label": _("Costs (Rp)"),
        },
        "missing": selectors.missing_reports(tenant, today=today),
        "grants": tenant.grants.all() if finances else [],
        "loans": tenant.loans.all() if finances else [],
        "loan_statuses": forms.LoanStatusForm.base_fields["status"].choices,
        "equipment": tenant.equipment.all(),
        "can_coach": can_coach(request.user),
        "can_report": can_report(request.user),
        "is_owner": tenant.entrepreneur_id == request.user.pk,
        "move_form": forms.MoveForm(tenant=tenant) if can_coach(request.user) else None,
        "today": today,
    }
    return render(request, "incubation/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def tenant_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the tenant to another stage; a blocked move shows the failed gates."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_coach(request.user) or not stages.allowed_moves(tenant.stage):
        raise Http404
    form = forms.MoveForm(request.POST or None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            stage = Stage(form.cleaned_data["to_stage"]).label
            messages.success(request, _("%(name)s moved to %(stage)s.") % {"name": tenant.person.name, "stage": stage})
            return redirect("incubation:tenant_detail", pk=tenant.pk)
    return render(
        request,
        "incubation/form.html",
        {
            "form": form,
            "tenant": tenant,
            "title": _("Move %(name)s") % {"name": tenant.person.name},
            "testid": "move-form",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a month's figures: the incubator, or the entrepreneur for their own business (phone-sized)."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_report(request.user):
        raise Http404
    form = forms.ReportForm(request.POST or None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        try:
            report = form.save(user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            message = _("Figures of %(month)s saved.") % {"month": f"{report.month:%m/%Y}"}
            if report.late:
                message = f"{message} {_('They were reported after the 10th of the next month: marked late.')}"
            messages.success(request, message)
            return redirect("incubation:tenant_detail", pk=tenant.pk)
    return render(
        request,
        "incubation/form.html",
        {
            "form": form,
            "tenant": tenant,
            "title": _("Monthly figures of %(business)s") % {"business": tenant.business.name},
            "testid": "report-form",
            "help": _("Amounts in rupiah without dots, e.g. 4500000. Figures are due by the 10th of the next month."),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a licence, milestone, grant, equipment, loan, coaching session or diagnosis to a tenant."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if kind not in RECORDS or not can_coach(request.user):
        raise Http404
    form_class, title, anchor = RECORDS[kind]
    form = form_class(request.POST or None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(user=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(what)s saved.") % {"what": title})
            return redirect(f"{tenant_url(tenant)}#{anchor}")
    return render(
        request,
        "incubation/form.html",
        {"form": form, "tenant": tenant, "title": title, "testid": f"{kind}-form", "kind": kind},
        status=400 if request.method == "POST" else 200,
    )


def tenant_url(tenant: Any) -> str:
    """The tenant's profile."""
    return reverse("incubation:tenant_detail", kwargs={"pk": tenant.pk})


class _DateForm(django_forms.Form):
    on = django_forms.DateField(required=False)


@login_required
@require_POST
def action_done_view(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Mark an agreed action done (today, or the date posted)."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_coach(request.user):
        raise Http404
    action = get_object_or_404(
        CoachingAction.objects.visible_to(request.user).filter(session__tenant=tenant), pk=action_pk
    )
    form = _DateForm(request.POST)
    done_on = form.cleaned_data.get("on") if form.is_valid() else None
    coaching_action_done(action=action, done_on=done_on or timezone.localdate())
    messages.success(request, _("Action marked done."))
    # From the follow-up list the coach goes back to it; from the profile, to the profile.
    if request.POST.get("back") == "followups":
        return redirect("incubation:followups")
    return redirect(f"{tenant_url(tenant)}#coaching")


@login_required
@require_POST
def loan_status_view(request: HttpRequest, pk: int, loan_pk: int) -> HttpResponse:
    """Record where a loan application stands now."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_coach(request.user):
        raise Http404
    loan = get_object_or_404(Loan.objects.visible_to(request.user).filter(tenant=tenant), pk=loan_pk)
    form = forms.LoanStatusForm(request.POST)
    if form.is_valid():
        loan_update(loan=loan, status=form.cleaned_data["status"])
        messages.success(request, _("Loan status saved."))
    else:
        messages.error(request, _("Choose a loan status."))
    return redirect(f"{tenant_url(tenant)}#capital")


@login_required
@require_POST
def milestone_achieve_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Record a milestone achieved today."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_coach(request.user):
        raise Http404
    milestone = get_object_or_404(Milestone.objects.visible_to(request.user).filter(tenant=tenant), pk=milestone_pk)
    milestone_achieve(milestone=milestone, achieved_on=timezone.localdate())
    messages.success(request, _("Milestone achieved."))
    return redirect(f"{tenant_url(tenant)}#milestones")
