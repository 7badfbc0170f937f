"""Data-subject rights pages (UU 27/2022), for ministry admins only (404 for everyone else).

The person is found by a NIK typed into a POST form; from there on pages name the person by record
number, never by NIK. Every page sends ``Cache-Control: no-store``.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from inkubator.people.models import Person
from inkubator.reports.pdf import render_pdf

from .forms import CorrectionForm, ErasureForm, ExportForm, NikForm, RequestForm
from .selectors import can_handle_requests, person_for_request, person_for_request_by_pk, requests_visible_to
from .selectors import subject_data as read_subject_data
from .services import subject_correct, subject_erase, subject_export


def _steward(request: HttpRequest) -> None:
    if not can_handle_requests(request.user):
        raise Http404


def _person(request: HttpRequest, pk: int) -> Person:
    _steward(request)
    person = person_for_request_by_pk(user=request.user, pk=pk)
    if person is None:
        raise Http404
    return person


def _request_fields(form: RequestForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in ("basis", "basis_detail", "requester")}


def _form_errors(form: Any, error: ValidationError) -> None:
    for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(field if field in form.fields else None, errors)


@never_cache
@login_required
def index_view(request: HttpRequest) -> HttpResponse:
    """Find the person by NIK (POST only: the NIK is never in a URL or a log line)."""
    _steward(request)
    form = NikForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = person_for_request(user=request.user, nik=form.cleaned_data["nik"])
        if person is not None:
            return redirect("privacy:person", pk=person.pk)
        form.add_error("nik", _("No person is registered under this NIK."))
    recent = requests_visible_to(request.user)[:10]
    return render(request, "privacy/index.html", {"form": form, "recent": recent}, status=400 if form.errors else 200)


@never_cache
@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What is held about the person, by kind of record, and the acts that can be done."""
    person = _person(request, pk)
    data = read_subject_data(person)
    context = {
        "person": person,
        "data": data,
        "export_form": ExportForm(),
        "erasure_form": ErasureForm(person=person),
        "history": requests_visible_to(request.user).filter(person=person),
    }
    return render(request, "privacy/person.html", context)


@never_cache
@login_required
@require_POST
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every record about the person as JSON or PDF, recorded as an access request."""
    person = _person(request, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        context = {"person": person, "data": read_subject_data(person), "export_form": form,
                   "erasure_form": ErasureForm(person=person), "history": []}  # fmt: skip
        return render(request, "privacy/person.html", context, status=400)
    try:
        data = subject_export(person=person, user=request.user, **_request_fields(form))
    except ValidationError as error:
        _form_errors(form, error)
        context = {"person": person, "data": read_subject_data(person), "export_form": form,
                   "erasure_form": ErasureForm(person=person), "history": []}  # fmt: skip
        return render(request, "privacy/person.html", context, status=400)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if form.cleaned_data["format"] == "pdf":
        pdf = render_pdf("privacy/export.pdf.html", {"data": data, "person": person, "now": timezone.now()})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}-{stamp}.pdf"'
        return response
    body = json.dumps(data.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}-{stamp}.json"'
    return response


@never_cache
@login_required
def correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the person's details on request, with the legal basis recorded."""
    person = _person(request, pk)
    form = CorrectionForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    request_form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request_form.is_valid():
        try:
            subject_correct(
                person=person,
                user=request.user,
                changes={name: form.cleaned_data[name] for name in form.Meta.fields},
                **_request_fields(request_form),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The correction is saved and recorded."))
            return redirect("privacy:person", pk=person.pk)
    context = {"person": person, "form": form, "request_form": request_form}
    status = 400 if (form.errors or request_form.errors) else 200
    return render(request, "privacy/correct.html", context, status=status)


@never_cache
@login_required
@require_POST
def erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase (anonymise) the person's data on a lawful request; figures stay as they were."""
    person = _person(request, pk)
    form = ErasureForm(request.POST, person=person)
    if form.is_valid():
        try:
            subject_erase(person=person, user=request.user, **_request_fields(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The person's data is erased (anonymised); the figures are unchanged."))
            return redirect("privacy:requests")
    context = {"person": person, "data": read_subject_data(person), "export_form": ExportForm(),
               "erasure_form": form, "history": []}  # fmt: skip
    return render(request, "privacy/person.html", context, status=400)


@never_cache
@login_required
def requests_view(request: HttpRequest) -> HttpResponse:
    """The register of data-subject requests."""
    _steward(request)
    page = Paginator(requests_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/requests.html", {"page": page})
