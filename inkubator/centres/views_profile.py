"""A centre's page with tabs, and the asset-mapping forms.

Every view fetches the centre with ``centre_get`` (404 outside the user's scope) and every child
record through ``selectors_profile``, which starts from ``visible_to`` and requires the record to
belong to the centre in the URL. Users who may see the centre but not change what a form changes
also get 404: the project answers 404, never 403, so that a URL tells nothing to a user it is not for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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
        return {"agreements": centre_agreements(user=user, centre=centre)}
    return {"history": centre_history(user=user, centre=centre)}


@login_required
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


def _centre_for_mapping(request: HttpRequest, code: str, *, register: bool = False) -> Centre:
    """The centre of the URL if the user may map it (or register for it): else 404, never 403."""
    centre = centre_get(user=request.user, code=code)
    allowed = can_register_centres(request.user) if register else can_map_centre(request.user)
    if not allowed:
        raise Http404
    return centre


def _form_page(
    request: HttpRequest,
    *,
    centre: Centre,
    form: Any,
    title: str,
    tab: Tab,
    save: Callable[[dict[str, Any]], Any],
    saved_message: str,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` (one service) and go back to the tab with a message."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, saved_message)
            return HttpResponseRedirect(_tab_url(centre, tab))
    status = 400 if request.method == "POST" else 200
    context = {"centre": centre, "form": form, "title": title, "back_url": _tab_url(centre, tab)}
    return render(request, "centres/mapping_form.html", context, status=status)


def _confirm_page(
    request: HttpRequest,
    *,
    centre: Centre,
    title: str,
    question: str,
    button: str,
    tab: Tab,
    act: Callable[[], Any],
    done_message: str,
) -> HttpResponse:
    """GET asks for confirmation; POST acts (one service) and goes back to the tab with a message."""
    if request.method == "POST":
        act()
        messages.success(request, done_message)
        return HttpResponseRedirect(_tab_url(centre, tab))
    context = {
        "centre": centre,
        "title": title,
        "question": question,
        "button": button,
        "back_url": _tab_url(centre, tab),
    }
    return render(request, "centres/mapping_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def asset_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """Map a new asset of the centre."""
    centre = _centre_for_mapping(request, code)
    form = AssetForm(request.POST or None, instance=Asset(centre=centre), partners=partner_choices(user=request.user))
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Add an asset"),
        tab=Tab.ASSETS,
        save=lambda data: services.asset_create(centre=centre, **data),
        saved_message=_("The asset was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_update_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Change an asset of the centre."""
    centre = _centre_for_mapping(request, code)
    asset = centre_asset_get(user=request.user, centre=centre, pk=pk)
    form = AssetForm(request.POST or None, instance=asset, partners=partner_choices(user=request.user))
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Change an asset"),
        tab=Tab.ASSETS,
        save=lambda data: services.asset_update(asset=asset, **data),
        saved_message=_("The asset was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_delete_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Remove an asset from the mapping, after confirmation."""
    centre = _centre_for_mapping(request, code)
    asset: Asset = centre_asset_get(user=request.user, centre=centre, pk=pk)
    return _confirm_page(
        request,
        centre=centre,
        title=_("Delete an asset"),
        question=_("Delete the asset “%(name)s” from the mapping?") % {"name": asset.name},
        button=_("Delete"),
        tab=Tab.ASSETS,
        act=lambda: services.asset_delete(asset=asset),
        done_message=_("The asset was deleted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """Add a staff member to the centre."""
    centre = _centre_for_mapping(request, code)
    form = StaffForm(request.POST or None, instance=Staff(centre=centre))
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Add a staff member"),
        tab=Tab.STAFF,
        save=lambda data: services.staff_create(centre=centre, **data),
        saved_message=_("The staff member was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_update_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Change a staff member of the centre."""
    centre = _centre_for_mapping(request, code)
    staff = centre_staff_get(user=request.user, centre=centre, pk=pk)
    form = StaffForm(request.POST or None, instance=staff)
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Change a staff member"),
        tab=Tab.STAFF,
        save=lambda data: services.staff_update(staff=staff, **data),
        saved_message=_("The staff member was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_deactivate_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Mark a staff member as no longer active (the record stays, with its certificates), after confirmation."""
    centre = _centre_for_mapping(request, code)
    staff: Staff = centre_staff_get(user=request.user, centre=centre, pk=pk)
    return _confirm_page(
        request,
        centre=centre,
        title=_("Deactivate a staff member"),
        question=_("Mark “%(name)s” as no longer working at the centre?") % {"name": staff.name},
        button=_("Deactivate"),
        tab=Tab.STAFF,
        act=lambda: services.staff_update(staff=staff, active=False),
        done_message=_("The staff member was deactivated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_create_view(request: HttpRequest, code: str, staff_pk: int) -> HttpResponse:
    """Record a certificate of a staff member of the centre."""
    centre = _centre_for_mapping(request, code)
    staff = centre_staff_get(user=request.user, centre=centre, pk=staff_pk)
    form = CertificateForm(request.POST or None, instance=Certificate(staff=staff))
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Add a certificate of %(name)s") % {"name": staff.name},
        tab=Tab.STAFF,
        save=lambda data: services.certificate_create(staff=staff, **data),
        saved_message=_("The certificate was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_delete_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Remove a certificate of a staff member of the centre, after confirmation."""
    centre = _centre_for_mapping(request, code)
    certificate: Certificate = centre_certificate_get(user=request.user, centre=centre, pk=pk)
    return _confirm_page(
        request,
        centre=centre,
        title=_("Delete a certificate"),
        question=_("Delete the certificate “%(name)s” of %(staff)s?")
        % {"name": certificate.name, "staff": certificate.staff.name},
        button=_("Delete"),
        tab=Tab.STAFF,
        act=lambda: services.certificate_delete(certificate=certificate),
        done_message=_("The certificate was deleted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_field_set_view(request: HttpRequest, code: str) -> HttpResponse:
    """Offer a vocational field at the centre or change its capacity (``?field=<code>`` fills the form)."""
    centre = _centre_for_mapping(request, code)
    initial: dict[str, Any] = {}
    existing = centre_fields(user=request.user, centre=centre).filter(field__code=request.GET.get("field", "")).first()
    if existing is not None:
        initial = {"field": existing.field_id, "capacity": existing.capacity}
    form = CentreFieldForm(request.POST or None, instance=CentreField(centre=centre), initial=initial)
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Set a vocational field"),
        tab=Tab.FIELDS,
        save=lambda data: services.centre_field_set(centre=centre, **data),
        saved_message=_("The vocational field was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_field_remove_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Stop offering a field at the centre, after confirmation."""
    centre = _centre_for_mapping(request, code)
    centre_field: CentreField = centre_field_get(user=request.user, centre=centre, pk=pk)
    return _confirm_page(
        request,
        centre=centre,
        title=_("Remove a vocational field"),
        question=_("Stop offering “%(name)s” at the centre?") % {"name": centre_field.field.name},
        button=_("Remove"),
        tab=Tab.FIELDS,
        act=lambda: services.centre_field_remove(centre_field=centre_field),
        done_message=_("The vocational field was removed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """Record a signed agreement with its document: registration roles only (others get 404)."""
    centre = _centre_for_mapping(request, code, register=True)
    form = AgreementForm(request.POST or None, request.FILES or None, instance=Agreement(centre=centre))
    return _form_page(
        request,
        centre=centre,
        form=form,
        title=_("Add an agreement (PKS)"),
        tab=Tab.AGREEMENTS,
        save=lambda data: services.agreement_create(centre=centre, **data),
        saved_message=_("The agreement was added."),
    )


@login_required
@require_http_methods(["GET"])
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
