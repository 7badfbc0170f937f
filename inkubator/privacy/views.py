"""Data-subject rights pages (UU 27/2022), for ministry admins only (404 for everyone else).

The person is found by a NIK typed into a POST form; from there on pages name the person by record
number, never by NIK. Every page sends ``Cache-Control: no-store``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core.screens import ObjectFormView, page
from inkubator.people.models import Person
from inkubator.reports.pdf import render_pdf

from .forms import CorrectionForm, ErasureForm, ExportForm, NikForm, RequestFields
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


def _request_fields(form: RequestFields) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in ("basis", "basis_detail", "requester")}


class IndexView(ObjectFormView):
    """Find the person by NIK (POST only: the NIK is never in a URL or a log line), then open their page
    by record number; the latest requests below."""

    allowed = staticmethod(can_handle_requests)
    private = True
    form_class = NikForm
    invalid_status = 400
    template_name = "privacy/index.html"

    def write(self, form: NikForm) -> Person:
        # Finding is this form's one act (a read): an unknown NIK is an error on the field.
        person = person_for_request(user=self.request.user, nik=form.cleaned_data["nik"])
        if person is None:
            raise ValidationError({"nik": _("No person is registered under this NIK.")})
        return person

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"recent": requests_visible_to(request.user)[:10]}

    def get_success_url(self, saved: Person | None) -> str:
        return reverse("privacy:person", args=[saved.pk]) if saved is not None else reverse("privacy:index")


index_view = IndexView.as_view()


@page(methods=None, private=True)
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


class PersonActView(ObjectFormView):
    """An act on the person's page (export, erasure): a form posted from it with the legal basis and
    the requester, one service call recorded as a request; an invalid form shows the page again (400)."""

    http_method_names: ClassVar[list[str]] = ["post"]
    allowed = staticmethod(can_handle_requests)
    private = True
    invalid_status = 400
    object_kwarg = "person"
    form_key = ""  # which of the person page's forms this is

    def get_object(self) -> Person:
        return _person(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST}

    def service_kwargs(self, form: RequestFields) -> dict[str, Any]:
        return {"person": self.object, "user": self.request.user, **_request_fields(form)}

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        person = self.object
        context = {"person": person, "data": read_subject_data(person), "export_form": ExportForm(),
                   "erasure_form": ErasureForm(person=person), "history": [], self.form_key: form}  # fmt: skip
        return render(self.request, "privacy/person.html", context, status=status)


class ExportView(PersonActView):
    """Every record about the person as JSON or PDF, recorded as an access request."""

    form_class = ExportForm
    form_key = "export_form"
    service = staticmethod(subject_export)

    def saved_response(self, data: Any) -> HttpResponse:
        person = self.object
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if self.form.cleaned_data["format"] == "pdf":
            pdf = render_pdf("privacy/export.pdf.html", {"data": data, "person": person, "now": timezone.now()})
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}-{stamp}.pdf"'
            return response
        body = json.dumps(data.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}-{stamp}.json"'
        return response


export_view = ExportView.as_view()


class CorrectView(ObjectFormView):
    """Correct the person's details on request, with the legal basis recorded."""

    allowed = staticmethod(can_handle_requests)
    private = True
    form_class = CorrectionForm
    invalid_status = 400
    grid = True
    title = gettext_lazy("Correction")
    save_label = gettext_lazy("Save the correction")
    success_message = gettext_lazy("The correction is saved and recorded.")

    def get_object(self) -> Person:
        return _person(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        # A copy of the row: the form writes its cleaned data into its instance, and the service compares
        # the person as stored with the changes to say what was corrected.
        return {**super().get_form_kwargs(), "instance": Person.objects.get(pk=self.object.pk)}

    def write(self, form: CorrectionForm) -> Person:
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        subject_correct(person=self.object, user=self.request.user, changes=changes, **_request_fields(form))
        return self.object

    def get_success_url(self, saved: Person | None) -> str:
        return reverse("privacy:person", args=[self.object.pk])

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        return [(self.object.name, self.get_success_url(self.object))]


correct_view = CorrectView.as_view()


class EraseView(PersonActView):
    """Erase (anonymise) the person's data on a lawful request; figures stay as they were."""

    form_class = ErasureForm
    form_key = "erasure_form"
    service = staticmethod(subject_erase)
    success_message = gettext_lazy("The person's data is erased (anonymised); the figures are unchanged.")
    success_url = reverse_lazy("privacy:requests")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "person": self.object}


erase_view = EraseView.as_view()


@page(allowed=can_handle_requests, methods=None, private=True)
def requests_view(request: HttpRequest) -> HttpResponse:
    """The register of data-subject requests."""
    page = Paginator(requests_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/requests.html", {"page": page})
