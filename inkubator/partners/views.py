"""Pages of the partner register: partners and their agreements (lists with filters and exports,
a partner's page, forms for the ministry).

Every page starts from ``visible_to`` (through the selectors): another partner's page or agreement
answers 404, and so does a page the role has no business with.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inkubator.centres.models import Centre
from inkubator.core import concurrency
from inkubator.core.masking import mask_identifier
from inkubator.core.panels import render_panels

from . import selectors
from .filters import AgreementFilter, PartnerFilter
from .forms import AgreementForm, PartnerForm
from .pages import RegisterListView, form_page
from .permissions import can_manage_partners, reads_register
from .tables import AGREEMENT_EXPORT_COLUMNS, PARTNER_EXPORT_COLUMNS, AgreementTable, PartnerTable


def _readers_only(request: HttpRequest) -> None:
    if not reads_register(request.user):
        raise Http404


def _managers_only(request: HttpRequest) -> None:
    if not can_manage_partners(request.user):
        raise Http404


class PartnerListView(RegisterListView):
    """The partner register in scope, filtered, with exports (contact phones masked); the ministry adds."""

    allowed = staticmethod(reads_register)
    selector = staticmethod(selectors.partner_list)
    filterset_class = PartnerFilter
    table_class = PartnerTable
    export_columns = PARTNER_EXPORT_COLUMNS
    export_url_name = "partners:export"
    title = _("Partners")
    testid = "partners"

    def get_actions(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        if not can_manage_partners(request.user):
            return []
        return [(_("New partner"), reverse("partners:create"), "partner-create")]


@login_required
@require_GET
def partner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's page: details, agreements, and what other apps show about it (contributions, offers)."""
    _readers_only(request)
    partner = selectors.partner_get(user=request.user, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "phone": mask_identifier(partner.contact_phone),
            "agreements": selectors.agreement_list(user=request.user).filter(partner=partner),
            "expiring": selectors.agreements_expiring(user=request.user, today=today).filter(partner=partner),
            "can_manage": can_manage_partners(request.user),
            "panels": render_panels("partners.partner", request, partner),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_create_view(request: HttpRequest) -> HttpResponse:
    """Register a partner (the ministry)."""
    _managers_only(request)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = form.save()
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s registered.") % {"name": partner.name})
            return redirect("partners:detail", pk=partner.pk)
    return form_page(request, form, title=_("New partner"), cancel_url=reverse("partners:list"), testid="partner-form")


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a partner's details (the ministry)."""
    _managers_only(request)
    partner = selectors.partner_get(user=request.user, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    concurrency.add_version(form, partner)  # a stale save answers 409 (core.concurrency)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            concurrency.save_versioned(form, partner, lambda current: form.save())
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
            status = 409
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Partner saved."))
            return redirect("partners:detail", pk=partner.pk)
    return form_page(
        request,
        form,
        title=partner.name,
        cancel_url=reverse("partners:detail", args=[pk]),
        testid="partner-form",
        status=status,
    )


class AgreementListView(RegisterListView):
    """Agreements in scope with expiry warnings, filtered, with exports."""

    allowed = staticmethod(reads_register)
    selector = staticmethod(selectors.agreement_list)
    filterset_class = AgreementFilter
    table_class = AgreementTable
    export_columns = AGREEMENT_EXPORT_COLUMNS
    export_url_name = "partners:agreement_export"
    title = _("Partner agreements")
    testid = "agreements"

    def get_actions(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        if not can_manage_partners(request.user):
            return []
        return [(_("New agreement"), reverse("partners:agreement_create"), "agreement-create")]

    def get_warnings(self, request: HttpRequest) -> list[str]:
        expiring = selectors.agreements_expiring(user=request.user, today=timezone.localdate())
        return [
            _("%(number)s with %(partner)s ends on %(date)s.")
            % {"number": a.number, "partner": a.partner.name, "date": a.ends_on.strftime("%d/%m/%Y")}
            for a in expiring[:10]
        ]


def _agreement_form(request: HttpRequest, instance: object = None) -> AgreementForm:
    return AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        partners=selectors.partner_list(user=request.user),
        centres=Centre.objects.visible_to(request.user).order_by("name"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create_view(request: HttpRequest) -> HttpResponse:
    """Record an MoU or PKS (the ministry)."""
    _managers_only(request)
    form = _agreement_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = form.save()
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Agreement %(number)s recorded.") % {"number": agreement.number})
            return redirect("partners:detail", pk=agreement.partner_id)
    return form_page(
        request, form, title=_("New agreement"), cancel_url=reverse("partners:agreements"), testid="agreement-form"
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An agreement: read by those in scope, changed by the ministry."""
    _readers_only(request)
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    if not can_manage_partners(request.user):
        return render(request, "partners/agreement.html", {"agreement": agreement})
    form = _agreement_form(request, agreement)
    concurrency.add_version(form, agreement)  # a stale save answers 409 (core.concurrency)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            concurrency.save_versioned(form, agreement, lambda current: form.save())
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
            status = 409
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Agreement saved."))
            return redirect("partners:detail", pk=agreement.partner_id)
    return form_page(
        request,
        form,
        title=str(agreement),
        cancel_url=reverse("partners:agreements"),
        testid="agreement-form",
        status=status,
    )
