"""A tenant's profile and the forms that write to it (move, figures, session, diagnosis, records).

The tenant is always fetched through ``tenant_get`` (``visible_to``): another centre's tenant, or
another entrepreneur's, answers 404. Writing needs a coaching role, except the monthly figures,
which the entrepreneur reports for their own business.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core import concurrency
from inkubator.core.panels import render_panels
from inkubator.core.screens import ObjectDeleteView, ObjectEditView, page
from inkubator.people.nik import nik_mask
from inkubator.people.phones import phone_mask

from . import forms, selectors, services, stages
from .choices import Stage
from .models import CoachingAction, Loan, Milestone, TenantMember
from .permissions import can_coach, can_lock_reports, can_report, can_see_finances
from .services import coaching_action_done, loan_update, milestone_achieve
from .views import followups_page

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


class TenantCreateView(ObjectEditView):
    """Take a person in as a tenant of an incubator in the user's scope (found by NIK or registered)."""

    allowed = staticmethod(can_coach)
    form_class = forms.IntakeForm
    title = gettext_lazy("New tenant")
    parents = ((gettext_lazy("Tenants"), "incubation:tenant_list"),)
    form_testid = "intake-form"
    grid = True
    intro = gettext_lazy(
        "A person already registered under this NIK (e.g. a BLKK graduate) is taken in as they are: their record "
        "is not duplicated."
    )
    invalid_status = 400

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST or None, "user": self.request.user}

    def form_save_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_success_message(self, saved: Any) -> str:
        return _("%(name)s taken in.") % {"name": saved.person.name}

    def get_success_url(self, saved: Any) -> str:
        return tenant_url(saved) if saved is not None else reverse("incubation:tenant_list")


tenant_create_view = TenantCreateView.as_view()


class GroupCreateView(TenantCreateView):
    """Take a group (kelompok, e.g. a TKM group) in as a tenant: its chair first, the members after."""

    form_class = forms.GroupIntakeForm
    title = gettext_lazy("New group")

    def get_success_message(self, saved: Any) -> str:
        return _("Group %(name)s taken in: add its members.") % {"name": saved.group_name}

    def get_success_url(self, saved: Any) -> str:
        return f"{tenant_url(saved)}#members" if saved is not None else reverse("incubation:tenant_list")


group_create_view = GroupCreateView.as_view()


@page()
def tenant_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The tenant's profile: business, licences, stage history, diagnosis, coaching, figures, capital."""
    return _profile(request, selectors.tenant_get(user=request.user, pk=pk))


def _profile(request: HttpRequest, tenant: Any, *, status: int = 200) -> HttpResponse:
    """The tenant's profile page (also the answer of a button that came too late, with 409)."""
    today = timezone.localdate()
    finances = can_see_finances(request.user)
    reports = selectors.reports_of(tenant) if finances else []
    items = selectors.readiness(tenant)
    context = {
        "tenant": tenant,
        "business": tenant.business,
        "nik": nik_mask(tenant.person.nik),
        "members": _members(tenant),
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
        "loans": _versioned(tenant.loans.select_related("bank")) if finances else [],
        "loan_statuses": forms.LoanStatusForm.base_fields["status"].choices,
        "equipment": tenant.equipment.all(),
        "can_coach": can_coach(request.user),
        "can_report": can_report(request.user),
        "is_owner": tenant.entrepreneur_id == request.user.pk,
        "move_form": forms.MoveForm(tenant=tenant) if can_coach(request.user) else None,
        "today": today,
        "panels": render_panels("incubation.tenant", request, tenant),
    }
    return render(request, "incubation/detail.html", context, status=status)


def _members(tenant: Any) -> list[Any]:
    """A group's members with their NIK masked (the full NIK is on the person's record, for those who may)."""
    if not tenant.is_group:
        return []
    rows = list(tenant.members.select_related("person"))
    for member in rows:
        member.nik_masked = nik_mask(member.person.nik)
    return rows


def _versioned(loans: Any) -> list[Loan]:
    """The loans, each with the version of its status that its status form carries (``edit_version``)."""
    rows = list(loans)
    for loan in rows:
        loan.edit_version = concurrency.version_token(loan, ["status"])
    return rows


class TenantFormView(ObjectEditView):
    """A coach's form about the tenant of the URL (404 outside the scope); its ``save(user=)`` calls the services."""

    allowed = staticmethod(can_coach)
    template_name = "incubation/form.html"
    invalid_status = 400
    testid = ""
    anchor = ""  # the profile's section to go back to

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.tenant = selectors.tenant_get(user=request.user, pk=kwargs["pk"])
        super().prepare(request, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST or None, "tenant": self.tenant}

    def form_save_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_success_url(self, saved: Any) -> str:
        return f"{tenant_url(self.tenant)}#{self.anchor}" if self.anchor else tenant_url(self.tenant)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"tenant": self.tenant, "testid": self.testid}


class TenantMoveView(TenantFormView):
    """Move the tenant to another stage; a blocked move shows the failed gates.

    The move is chosen from the stage the form was loaded on: when someone else moved the tenant
    meanwhile, the move answers 409 with the form of the stage it is in now (``version_guard``).
    """

    form_class = forms.MoveForm
    testid = "move-form"
    version_guard = ("stage",)

    def get_object(self) -> Any:
        return self.tenant

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        super().prepare(request, **kwargs)
        # A tenant at a final stage has no move to offer; a move posted from a form loaded before
        # someone else's final move answers the conflict (409), not 404.
        if not stages.allowed_moves(self.tenant.stage) and request.method != "POST":
            raise Http404

    def get_title(self) -> str:
        return _("Move %(name)s") % {"name": self.tenant.display_name}

    def get_success_message(self, saved: Any) -> str:
        stage = Stage(self.form.cleaned_data["to_stage"]).label
        return _("%(name)s moved to %(stage)s.") % {"name": self.tenant.display_name, "stage": stage}


class ReportCreateView(TenantFormView):
    """Report a month's figures: the incubator, or the entrepreneur for their own business (phone-sized)."""

    allowed = staticmethod(can_report)
    form_class = forms.ReportForm
    testid = "report-form"
    report_form: Any = None

    def get_form_kwargs(self) -> dict[str, Any]:
        # ?month=YYYY-MM opens a reported month to correct it; otherwise the month to report.
        return {**super().get_form_kwargs(), "month": self.request.GET.get("month")}

    def get_object(self) -> Any:
        """A correction edits the month's report (versioned like any edit); a new month has none."""
        correcting = self.request.POST.get("correcting", "") if self.request.method == "POST" else None
        return forms.report_to_open(self.tenant, month=self.request.GET.get("month"), correcting=correcting)

    def get_form(self) -> Any:
        self.report_form = super().get_form()
        return self.report_form

    def get_title(self) -> str:
        if self.report_form is not None and self.report_form.is_correction:
            return _("Correct the monthly figures of %(business)s") % {"business": self.tenant.business.name}
        return _("Monthly figures of %(business)s") % {"business": self.tenant.business.name}

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        help_text = _(
            "Amounts in rupiah without dots, e.g. 4500000. A month is reported once it has ended, by the 10th of "
            "the next month; its figures can be corrected until the incubator locks them."
        )
        existing = self.report_form.existing if self.report_form is not None else None
        locked = existing is not None and hasattr(existing, "lock")
        return {**super().get_extra_context(request), "help": help_text, "locked": locked}

    def get_success_message(self, saved: Any) -> str:
        message = _("Figures of %(month)s saved.") % {"month": f"{saved.month:%m/%Y}"}
        if saved.late:
            message = f"{message} {_('They were reported after the 10th of the next month: marked late.')}"
        return message


class RecordCreateView(TenantFormView):
    """Add a licence, milestone, grant, equipment, loan, coaching session or diagnosis to a tenant; correct
    the business's details or link the entrepreneur's account (those two are versioned edits)."""

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        if kwargs["kind"] not in RECORDS:
            raise Http404
        self.kind = kwargs["kind"]
        self.form_class, self.title, self.anchor = RECORDS[self.kind]  # type: ignore[misc]
        self.testid = f"{self.kind}-form"
        if self.kind == "account":
            # Linked from the account the form was loaded with: someone else's link meanwhile answers 409.
            self.version_guard = ("entrepreneur",)  # type: ignore[misc]
        super().prepare(request, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if getattr(self.form_class, "takes_user", False):
            kwargs["user"] = self.request.user
        return kwargs

    def get_object(self) -> Any:
        """The business's details and the account link edit a row; the other kinds add one."""
        if self.kind == "business":
            return self.tenant.business
        if self.kind == "account":
            return self.tenant
        return None

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {**super().get_extra_context(request), "kind": self.kind}

    def get_success_message(self, saved: Any) -> str:
        return _("%(what)s saved.") % {"what": self.title}


class MemberAddView(TenantFormView):
    """Add a member (a person by NIK) to a group tenant; a tenant who is one person has no such page."""

    form_class = forms.MemberForm
    testid = "member-form"
    anchor = "members"
    title = gettext_lazy("New group member")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        super().prepare(request, **kwargs)
        if not self.tenant.is_group:
            raise Http404

    def get_success_message(self, saved: Any) -> str:
        return _("%(name)s added to the group.") % {"name": saved.person.name}


class _MemberActView(ObjectDeleteView):
    """A confirmed act on one member of a group in scope (404 outside it, or for roles that do not coach)."""

    allowed = staticmethod(can_coach)
    object_kwarg = "member"

    def get_object(self) -> Any:
        tenant = selectors.tenant_get(user=self.request.user, pk=self.kwargs["pk"])
        return get_object_or_404(
            TenantMember.objects.visible_to(self.request.user).filter(tenant=tenant).select_related("person", "tenant"),
            pk=self.kwargs["member_pk"],
        )

    def question_args(self, obj: Any) -> dict[str, Any]:
        return {"name": obj.person.name, "group": obj.tenant.group_name}

    def act(self) -> Any:
        return type(self).service(member=self.object, user=self.request.user)

    def get_success_url(self) -> str:
        return f"{tenant_url(self.object.tenant)}#members"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_success_url())


class MemberRemoveView(_MemberActView):
    """Take a member out of a group (never its chair)."""

    service = staticmethod(services.group_member_remove)
    title = gettext_lazy("Remove a group member")
    question = gettext_lazy("Remove %(name)s from the group %(group)s?")
    button = gettext_lazy("Remove")
    success_message = gettext_lazy("Member removed from the group.")


class MemberChairView(_MemberActView):
    """Make a member the group's chair (the previous chair stays a member)."""

    service = staticmethod(services.group_chair_set)
    title = gettext_lazy("Choose the group's chair")
    question = gettext_lazy("Make %(name)s the chair of the group %(group)s?")
    button = gettext_lazy("Make chair")
    success_message = gettext_lazy("The group has a new chair.")


member_add_view = MemberAddView.as_view()
member_remove_view = MemberRemoveView.as_view()
member_chair_view = MemberChairView.as_view()


@page(methods=("POST",))
def report_lock_view(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """The incubator locks a reported month of a tenant in its scope (404 outside it, or for other roles)."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_lock_reports(request.user):
        raise Http404
    report = get_object_or_404(selectors.monthly_report_list(user=request.user), pk=report_pk, tenant=tenant)
    services.report_lock(report=report, user=request.user)
    messages.success(request, _("Figures of %(month)s locked.") % {"month": f"{report.month:%m/%Y}"})
    return redirect(f"{tenant_url(tenant)}#figures")


tenant_move_view = TenantMoveView.as_view()
report_create_view = ReportCreateView.as_view()
record_create_view = RecordCreateView.as_view()


def tenant_url(tenant: Any) -> str:
    """The tenant's profile."""
    return reverse("incubation:tenant_detail", kwargs={"pk": tenant.pk})


class _DateForm(django_forms.Form):
    on = django_forms.DateField(required=False)


@page(allowed=can_coach, methods=("POST",))
def action_done_view(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Mark an agreed action done (today, or the date posted)."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    action = get_object_or_404(
        CoachingAction.objects.visible_to(request.user).filter(session__tenant=tenant), pk=action_pk
    )
    form = _DateForm(request.POST)
    done_on = form.cleaned_data.get("on") if form.is_valid() else None
    from_followups = request.POST.get("back") == "followups"
    try:
        coaching_action_done(action=action, done_on=done_on or timezone.localdate())
    except ValidationError as error:
        # Done meanwhile (a second click, another coach): the page as it is now, the first date kept.
        messages.error(request, " ".join(error.messages))
        return followups_page(request, status=409) if from_followups else _profile(request, tenant, status=409)
    messages.success(request, _("Action marked done."))
    # From the follow-up list the coach goes back to it; from the profile, to the profile.
    if from_followups:
        return redirect("incubation:followups")
    return redirect(f"{tenant_url(tenant)}#coaching")


@page(methods=("POST",))
def loan_status_view(request: HttpRequest, pk: int, loan_pk: int) -> HttpResponse:
    """Record where a loan application stands now."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    if not can_coach(request.user):
        raise Http404
    loan = get_object_or_404(Loan.objects.visible_to(request.user).filter(tenant=tenant), pk=loan_pk)
    form = forms.LoanStatusForm(request.POST)
    concurrency.add_version(form, loan)  # the profile's form carries the status it showed
    if form.is_valid():
        try:
            concurrency.save_versioned(
                form, loan, lambda current: loan_update(loan=current, status=form.cleaned_data["status"])
            )
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
            context = {"tenant": tenant, "form": form, "title": _("Loan status"), "testid": "loan-status-form"}
            return render(request, "incubation/form.html", context, status=409)
        messages.success(request, _("Loan status saved."))
    else:
        messages.error(request, _("Choose a loan status."))
    return redirect(f"{tenant_url(tenant)}#capital")


@page(allowed=can_coach, methods=("POST",))
def milestone_achieve_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Record a milestone achieved today."""
    tenant = selectors.tenant_get(user=request.user, pk=pk)
    milestone = get_object_or_404(Milestone.objects.visible_to(request.user).filter(tenant=tenant), pk=milestone_pk)
    try:
        milestone_achieve(milestone=milestone, achieved_on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _profile(request, tenant, status=409)
    messages.success(request, _("Milestone achieved."))
    return redirect(f"{tenant_url(tenant)}#milestones")
