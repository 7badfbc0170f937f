"""A centre's page with tabs, and the asset-mapping forms.

Every view fetches the centre with ``centre_get`` (404 outside the user's scope) and every child
record through ``selectors_profile``, which starts from ``visible_to`` and requires the record to
belong to the centre in the URL. Users who may see the centre but not change what a form changes
also get 404: the project answers 404, never 403, so that a URL tells nothing to a user it is not for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core.panels import render_panels
from inkubator.core.screens import ObjectDeleteView, ObjectEditView, page

from . import services
from .forms_mapping import AgreementForm, AssetForm, CentreFieldForm, CertificateForm, StaffForm
from .models import Agreement, Asset, Centre, CentreField, Certificate, Staff
from .permissions import can_map_centre, can_register_centres
from .sections import sections_for
from .selectors import centre_get
from .selectors_profile import (
    Tab,
    centre_agreement_get,
    centre_agreements,
    centre_asset_get,
    centre_assets,
    centre_certificate_get,
    centre_field_get,
    centre_fields,
    centre_history,
    centre_map,
    centre_staff,
    centre_staff_get,
    centre_summary,
    partner_choices,
    tabs_for,
)

# What a downloaded agreement document is sent as; validate_document admits only these extensions.
DOCUMENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _tab_url(centre: Centre, tab: Tab) -> str:
    return f"{reverse('centres:detail', args=[centre.code])}?tab={tab.value}"


def _tab_context(request: HttpRequest, centre: Centre, tab: Tab) -> dict[str, Any]:
    """What one tab needs, read with a fixed number of queries."""
    user = request.user
    if tab == Tab.PROFILE:
        return {"map": centre_map(centre=centre)}
    if tab == Tab.FIELDS:
        return {"centre_fields": centre_fields(user=user, centre=centre)}
    if tab == Tab.STAFF:
        return {"staff_rows": centre_staff(user=user, centre=centre)}
    if tab == Tab.ASSETS:
        return {"asset_rows": centre_assets(user=user, centre=centre)}
    if tab == Tab.AGREEMENTS:
        # Apps above add what partners gave the centre (matching's contributions) as panels.
        panels = render_panels("centres.centre", request, centre)
        return {"agreements": centre_agreements(user=user, centre=centre), "panels": panels}
    return {"history": centre_history(user=user, centre=centre)}


@page(methods=None)
def centre_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """One centre's page with tabs (``?tab=``); 404 outside the user's scope or for a tab not theirs.

    Tab links work without JavaScript; with htmx, only the tab frame is sent back.
    """
    centre = centre_get(user=request.user, code=code)
    tabs = tabs_for(request.user)
    try:
        tab = Tab(request.GET.get("tab") or Tab.PROFILE)
    except ValueError:
        tab = Tab.PROFILE
    if tab not in dict(tabs):
        raise Http404
    context: dict[str, Any] = {
        "centre": centre,
        "tab": tab.value,
        "tabs": [(t.value, label) for t, label in tabs],
        "can_map": can_map_centre(request.user),
        "can_register": can_register_centres(request.user),
        "sections": sections_for(request.user),
        # Completeness and "last updated" of staff and assets head every tab (coordinators chase stale centres).
        "summary": centre_summary(user=request.user, centre=centre),
        **_tab_context(request, centre, tab),
    }
    partial = bool(getattr(request, "htmx", False)) and request.headers.get("HX-Target") == "centre-tabs"
    response = render(request, "centres/_tab_frame.html" if partial else "centres/detail.html", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    # The staff tab holds people's contact details: never in a shared cache.
    add_never_cache_headers(response)
    return response


# Mapping ------------------------------------------------------------------------------------------


class CentreMappingScreen:
    """A mapping page of the centre in the URL: the user must see it (404) and may map it (404 too).

    ``register = True``: only the registration roles (agreements). Saving or acting goes back to the
    page's ``tab`` with a message; an invalid form answers 400.
    """

    tab: Tab
    register = False
    template_name = "centres/mapping_form.html"
    invalid_status = 400
    request: HttpRequest
    kwargs: dict[str, Any]
    centre: Centre

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.centre = centre_get(user=request.user, code=kwargs["code"])
        allowed = can_register_centres(request.user) if self.register else can_map_centre(request.user)
        if not allowed:
            raise Http404
        super().prepare(request, **kwargs)  # type: ignore[misc]

    def get_success_url(self, *args: Any) -> str:
        return _tab_url(self.centre, self.tab)

    def get_back_url(self) -> str:
        return _tab_url(self.centre, self.tab)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"centre": self.centre}


class CentreRecordLookup(CentreMappingScreen):
    """The record of the URL's ``pk`` through ``lookup(user=, centre=, pk=)``: 404 unless it is this centre's."""

    lookup: Any = None

    def get_object(self) -> Any:
        if type(self).lookup is None:
            return None  # a create page
        return type(self).lookup(user=self.request.user, centre=self.centre, pk=self.kwargs["pk"])


class MappingEditView(CentreRecordLookup, ObjectEditView):
    """Create (``model`` tied to the centre, which the service gets as ``centre``) or change one record."""

    model: Any = None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.object is None and self.model is not None:
            kwargs["instance"] = self.model(centre=self.centre)
        return kwargs

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        kwargs = super().service_kwargs(form)
        if self.object is None:
            kwargs["centre"] = self.centre
        return kwargs

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        # Mapping is done at the centre, often where the signal is poor: the form is kept on the device
        # and sent when the connection returns (static/inkubator/js/drafts.js, generic/object_edit.html).
        record = self.object.pk if self.object is not None else "new"
        tab = getattr(self.tab, "value", self.tab)
        return {
            **super().get_extra_context(request),
            "draft": f"{tab}:{self.centre.code}:{record}",
            "draft_what": f"{self.title} · {self.centre.name}",
        }


class MappingConfirmView(CentreRecordLookup, ObjectDeleteView):
    """Ask, then act on one record of the centre (delete, deactivate, remove)."""

    template_name = "centres/mapping_confirm.html"


class AssetCreateView(MappingEditView):
    """Map a new asset of the centre."""

    model = Asset
    form_class = AssetForm
    service = staticmethod(services.asset_create)
    tab = Tab.ASSETS
    title = gettext_lazy("Add an asset")
    success_message = gettext_lazy("The asset was added.")

    def get_form_kwargs(self) -> dict[str, Any]:
        donor = getattr(self.object, "partner_id", None)  # an asset's donor stays a choice when editing it
        return {**super().get_form_kwargs(), "partners": partner_choices(user=self.request.user, current=donor)}


class AssetUpdateView(AssetCreateView):
    """Change an asset of the centre."""

    lookup = staticmethod(centre_asset_get)
    service = staticmethod(services.asset_update)
    object_kwarg = "asset"
    title = gettext_lazy("Change an asset")
    success_message = gettext_lazy("The asset was saved.")


class AssetDeleteView(MappingConfirmView):
    """Remove an asset from the mapping, after confirmation."""

    lookup = staticmethod(centre_asset_get)
    service = staticmethod(services.asset_delete)
    object_kwarg = "asset"
    tab = Tab.ASSETS
    title = gettext_lazy("Delete an asset")
    question = gettext_lazy("Delete the asset “%(name)s” from the mapping?")
    button = gettext_lazy("Delete")
    success_message = gettext_lazy("The asset was deleted.")


class StaffCreateView(MappingEditView):
    """Add a staff member to the centre."""

    model = Staff
    form_class = StaffForm
    service = staticmethod(services.staff_create)
    tab = Tab.STAFF
    title = gettext_lazy("Add a staff member")
    success_message = gettext_lazy("The staff member was added.")


class StaffUpdateView(MappingEditView):
    """Change a staff member of the centre."""

    lookup = staticmethod(centre_staff_get)
    form_class = StaffForm
    service = staticmethod(services.staff_update)
    object_kwarg = "staff"
    tab = Tab.STAFF
    title = gettext_lazy("Change a staff member")
    success_message = gettext_lazy("The staff member was saved.")


class StaffDeactivateView(MappingConfirmView):
    """Mark a staff member as no longer active (the record stays, with its certificates), after confirmation."""

    lookup = staticmethod(centre_staff_get)
    tab = Tab.STAFF
    title = gettext_lazy("Deactivate a staff member")
    question = gettext_lazy("Mark “%(name)s” as no longer working at the centre?")
    button = gettext_lazy("Deactivate")
    success_message = gettext_lazy("The staff member was deactivated.")

    def act(self) -> Any:
        return services.staff_update(staff=self.object, active=False)


class CertificateCreateView(MappingEditView):
    """Record a certificate of a staff member of the centre."""

    form_class = CertificateForm
    service = staticmethod(services.certificate_create)
    tab = Tab.STAFF
    success_message = gettext_lazy("The certificate was added.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        super().prepare(request, **kwargs)
        self.staff = centre_staff_get(user=request.user, centre=self.centre, pk=kwargs["staff_pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Certificate(staff=self.staff)}

    def get_title(self) -> str:
        return _("Add a certificate of %(name)s") % {"name": self.staff.name}

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        return {**form.cleaned_data, "staff": self.staff}


class CertificateDeleteView(MappingConfirmView):
    """Remove a certificate of a staff member of the centre, after confirmation."""

    lookup = staticmethod(centre_certificate_get)
    service = staticmethod(services.certificate_delete)
    object_kwarg = "certificate"
    tab = Tab.STAFF
    title = gettext_lazy("Delete a certificate")
    question = gettext_lazy("Delete the certificate “%(name)s” of %(staff)s?")
    button = gettext_lazy("Delete")
    success_message = gettext_lazy("The certificate was deleted.")

    def question_args(self, obj: Certificate) -> dict[str, Any]:
        return {"name": obj.name, "staff": obj.staff.name}


class CentreFieldSetView(MappingEditView):
    """Offer a vocational field at the centre or change its capacity (``?field=<code>`` fills the form)."""

    model = CentreField
    form_class = CentreFieldForm
    service = staticmethod(services.centre_field_set)
    tab = Tab.FIELDS
    title = gettext_lazy("Set a vocational field")
    success_message = gettext_lazy("The vocational field was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        code = self.request.GET.get("field", "")
        existing = centre_fields(user=self.request.user, centre=self.centre).filter(field__code=code).first()
        initial = {"field": existing.field_id, "capacity": existing.capacity} if existing is not None else {}
        return {**super().get_form_kwargs(), "initial": initial}


class CentreFieldRemoveView(MappingConfirmView):
    """Stop offering a field at the centre, after confirmation."""

    lookup = staticmethod(centre_field_get)
    service = staticmethod(services.centre_field_remove)
    object_kwarg = "centre_field"
    tab = Tab.FIELDS
    title = gettext_lazy("Remove a vocational field")
    question = gettext_lazy("Stop offering “%(name)s” at the centre?")
    button = gettext_lazy("Remove")
    success_message = gettext_lazy("The vocational field was removed.")

    def question_args(self, obj: CentreField) -> dict[str, Any]:
        return {"name": obj.field.name}


class AgreementCreateView(MappingEditView):
    """Record a signed agreement with its document: registration roles only (others get 404)."""

    register = True
    model = Agreement
    form_class = AgreementForm
    service = staticmethod(services.agreement_create)
    tab = Tab.AGREEMENTS
    title = gettext_lazy("Add an agreement (PKS)")
    success_message = gettext_lazy("The agreement was added.")


asset_create_view = AssetCreateView.as_view()
asset_update_view = AssetUpdateView.as_view()
asset_delete_view = AssetDeleteView.as_view()
staff_create_view = StaffCreateView.as_view()
staff_update_view = StaffUpdateView.as_view()
staff_deactivate_view = StaffDeactivateView.as_view()
certificate_create_view = CertificateCreateView.as_view()
certificate_delete_view = CertificateDeleteView.as_view()
centre_field_set_view = CentreFieldSetView.as_view()
centre_field_remove_view = CentreFieldRemoveView.as_view()
agreement_create_view = AgreementCreateView.as_view()


@page()
def agreement_document_view(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Send an agreement's document as a download, to users who can see the centre; never a public URL."""
    centre = centre_get(user=request.user, code=code)
    agreement = centre_agreement_get(user=request.user, centre=centre, pk=pk)
    if not agreement.document:
        raise Http404
    name = Path(agreement.document.name).name
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = DOCUMENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
