"""Pages of the partner register: partners and their agreements (lists with filters and exports,
a partner's page, forms for the ministry).

Every page starts from ``visible_to`` (through the selectors): another partner's page or agreement
answers 404, and so does a page the role has no business with.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.models import Centre
from inkubator.core.masking import mask_identifier
from inkubator.core.panels import render_panels
from inkubator.core.screens import ObjectEditView, page

from . import selectors
from .filters import AgreementFilter, PartnerFilter
from .forms import AgreementForm, PartnerForm
from .models import Partner, PartnerAgreement
from .pages import RegisterListView
from .permissions import can_manage_partners, reads_register
from .tables import AGREEMENT_EXPORT_COLUMNS, PARTNER_EXPORT_COLUMNS, AgreementTable, PartnerTable


class PartnerListView(RegisterListView):
    """The partner register in scope, filtered, with exports (contact phones masked); the ministry adds."""

    allowed = staticmethod(reads_register)
    selector = staticmethod(selectors.partner_list)
    filterset_class = PartnerFilter
    table_class = PartnerTable
    export_columns = PARTNER_EXPORT_COLUMNS
    export_url_name = "partners:export"
    title = gettext_lazy("Partners")
    testid = "partners"

    create = (gettext_lazy("New partner"), "partners:create", "partner-create")
    may_create = staticmethod(can_manage_partners)


@page(allowed=reads_register)
def partner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's page: details, agreements, and what other apps show about it (contributions, offers)."""
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


class PartnerCreateView(ObjectEditView):
    """Register a partner (the ministry); the form's own ``save`` calls the partner services."""

    allowed = staticmethod(can_manage_partners)
    form_class = PartnerForm
    invalid_status = 400
    form_testid = "partner-form"
    title = gettext_lazy("New partner")

    def get_success_message(self, saved: Partner) -> str:
        return _("%(name)s registered.") % {"name": saved.name}

    def get_success_url(self, saved: Partner | None) -> str:
        return reverse("partners:detail", args=[saved.pk]) if saved is not None else reverse("partners:list")


class PartnerEditView(PartnerCreateView):
    """Change a partner's details (the ministry)."""

    success_message = gettext_lazy("Partner saved.")

    def get_object(self) -> Partner:
        return selectors.partner_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_title(self) -> str:
        return self.object.name

    def get_success_message(self, saved: Partner) -> str:
        return str(self.success_message)


partner_create_view = PartnerCreateView.as_view()
partner_edit_view = PartnerEditView.as_view()


class AgreementListView(RegisterListView):
    """Agreements in scope with expiry warnings, filtered, with exports."""

    allowed = staticmethod(reads_register)
    selector = staticmethod(selectors.agreement_list)
    filterset_class = AgreementFilter
    table_class = AgreementTable
    export_columns = AGREEMENT_EXPORT_COLUMNS
    export_url_name = "partners:agreement_export"
    title = gettext_lazy("Partner agreements")
    testid = "agreements"

    create = (gettext_lazy("New agreement"), "partners:agreement_create", "agreement-create")
    may_create = staticmethod(can_manage_partners)

    def get_warnings(self, request: HttpRequest) -> list[str]:
        expiring = selectors.agreements_expiring(user=request.user, today=timezone.localdate())
        return [
            _("%(number)s with %(partner)s ends on %(date)s.")
            % {"number": a.number, "partner": a.partner.name, "date": a.ends_on.strftime("%d/%m/%Y")}
            for a in expiring[:10]
        ]


class AgreementCreateView(ObjectEditView):
    """Record an MoU or PKS (the ministry): partners and centres to choose from are those in scope."""

    allowed = staticmethod(can_manage_partners)
    form_class = AgreementForm
    invalid_status = 400
    form_testid = "agreement-form"
    title = gettext_lazy("New agreement")

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "partners": selectors.partner_list(user=user),
            "centres": Centre.objects.visible_to(user).order_by("name"),
        }

    def get_success_message(self, saved: PartnerAgreement) -> str:
        return _("Agreement %(number)s recorded.") % {"number": saved.number}

    def get_success_url(self, saved: PartnerAgreement | None) -> str:
        return reverse("partners:detail", args=[saved.partner_id]) if saved is not None else self.get_back_url()

    def get_back_url(self) -> str:
        return reverse("partners:agreements")


class AgreementEditView(AgreementCreateView):
    """An agreement: read by those in scope (the read-only page), changed by the ministry."""

    allowed = staticmethod(reads_register)
    success_message = gettext_lazy("Agreement saved.")

    def get_object(self) -> PartnerAgreement:
        return selectors.agreement_get(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch_form(self) -> bool:
        return can_manage_partners(self.request.user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.dispatch_form():
            return render(request, "partners/agreement.html", {"agreement": self.object})
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.dispatch_form():
            return render(request, "partners/agreement.html", {"agreement": self.object})
        return super().post(request, *args, **kwargs)

    def get_title(self) -> str:
        return str(self.object)

    def get_success_message(self, saved: PartnerAgreement) -> str:
        return str(self.success_message)


agreement_create_view = AgreementCreateView.as_view()
agreement_edit_view = AgreementEditView.as_view()
