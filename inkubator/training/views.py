"""Training pages: the batch list and its export, a batch with its trainees, enrolment, a trainee's record.

Every page starts from a scoped selector (``visible_to``): another centre's batch or trainee answers
404, for reading and writing alike. Roles that may not change training records get 404 on the pages
that change them. Pages that show trainees send ``Cache-Control: no-store`` (personal data).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core import concurrency
from inkubator.core.screens import ObjectEditView, ObjectFormView, ObjectListView, page
from inkubator.people.nik import nik_mask
from inkubator.people.permissions import can_reveal
from inkubator.people.selectors import person_by_nik

from .filters import BatchFilter
from .forms import BatchForm, CertificateForm, EnrollmentForm, NewPersonForm, NikForm
from .models import CompetencyCertificate
from .permissions import can_manage_training
from .selectors import batch_get, batch_list, batch_trainees, enrollment_get
from .services import (
    batch_create,
    certificate_record,
    enrollment_create,
    enrollment_update,
    trainee_enrol_new,
)
from .tables import BATCH_EXPORT_COLUMNS, BATCH_PAGE_FIELDS, BatchTable

# What the certificate form's version covers: the enrolment's certificate, or that it has none.
CERTIFICATE_VALUES = concurrency.related_values(
    lambda enrollment: CompetencyCertificate.objects.filter(enrollment=enrollment).first(),
    ("number", "scheme", "issued_on"),
)


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


class BatchListView(ObjectListView):
    """The batches in the user's scope with their fill rate: filters, sort, pages, export (no personal data)."""

    selector = staticmethod(batch_list)
    filterset_class = BatchFilter
    table_class = BatchTable
    ordering = ("-start_date", "code")
    template_name = "training/batch_list.html"
    title = gettext_lazy("Training batches")
    testid = "batch"
    count_label = gettext_lazy("Batches found: %(counter)s")
    export_columns = BATCH_EXPORT_COLUMNS
    export_buttons = ("xlsx",)  # the page offers XLSX; the URL serves CSV too
    export_url_name = "training:export"
    export_filename = gettext_lazy("training batches")

    def page_rows(self, rows: QuerySet) -> QuerySet:
        # What BatchTable shows (the fill figures are annotations, kept): no regency, no unshown field.
        return rows.select_related(None).select_related("centre", "field").only(*BATCH_PAGE_FIELDS)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_manage": can_manage_training(request.user)}


class BatchCreateView(ObjectEditView):
    """Plan a batch at a centre in scope (or, for the ministry, at a government venue)."""

    allowed = staticmethod(can_manage_training)
    form_class = BatchForm
    service = staticmethod(batch_create)
    title = gettext_lazy("New batch")
    parents = ((gettext_lazy("Training batches"), "training:batches"),)
    form_testid = "batch-form"
    grid = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST or None, "user": self.request.user}

    def get_success_message(self, saved: Any) -> str:
        return _("Batch %(code)s planned.") % {"code": saved.code}

    def get_success_url(self, saved: Any) -> str:
        return reverse("training:batch", args=[saved.pk]) if saved is not None else reverse("training:batches")


batch_list_view = BatchListView.as_view()
batch_export_view = BatchListView.as_view()
batch_create_view = BatchCreateView.as_view()


@page()
def batch_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch with its trainees, their attendance, completion, certificates and outcomes."""
    batch = batch_get(user=request.user, pk=pk)
    trainees = list(batch_trainees(batch=batch))
    manage = can_manage_training(request.user)
    context = {
        "batch": batch,
        "trainees": trainees,
        "taken": sum(1 for e in trainees if e.status != "dropped"),
        "can_manage": manage,
        "nik_form": NikForm() if manage else None,
    }
    return _private(render(request, "training/batch_detail.html", context))


class EnrolView(ObjectFormView):
    """Enrol by NIK (the form on the batch page posts here): a person already registered is enrolled at
    once; an unknown NIK answers the new-person form, the NIK kept in it, whose POST registers and enrols.

    One form page of two steps: the POST names its step by its fields (the new-person form has a name).
    """

    allowed = staticmethod(can_manage_training)
    http_method_names: ClassVar[list[str]] = ["post"]
    private = True
    grid = True

    def get_object(self) -> Any:
        return batch_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_form(self) -> Any:
        return NewPersonForm(self.request.POST) if "name" in self.request.POST else NikForm(self.request.POST)

    def write(self, form: Any) -> str | None:
        """The enrolled person's name; None when the NIK is nobody's yet (the next step asks who it is)."""
        if isinstance(form, NewPersonForm):
            trainee_enrol_new(batch=self.object, **form.cleaned_data)
            return form.cleaned_data["name"]
        person = person_by_nik(nik=form.cleaned_data["nik"])
        if person is None:
            return None
        enrollment_create(batch=self.object, person=person)
        return person.name

    def saved_response(self, saved: str | None) -> HttpResponse:
        if saved is None:
            return self.render_form(NewPersonForm(initial={"nik": self.form.cleaned_data["nik"]}))
        return super().saved_response(saved)

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        self.step = form
        return super().render_form(form, status=status)

    def is_new_person(self) -> bool:
        return isinstance(self.step, NewPersonForm)

    def get_title(self) -> str:
        return _("New trainee") if self.is_new_person() else _("Enrol a trainee by NIK")

    def get_intro(self) -> str:
        if not self.is_new_person():
            return ""
        nik = nik_mask(self.step["nik"].value())
        return _(
            "No one is registered under NIK %(nik)s yet: give the person's details to register and enrol them."
        ) % {"nik": nik}

    def get_template_names(self) -> str:
        return "training/enrol_new.html" if self.is_new_person() else self.template_name

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        batch = self.object
        return [(_("Training batches"), reverse("training:batches")), (batch.code, self.get_back_url())]

    def get_back_url(self) -> str:
        return reverse("training:batch", args=[self.object.pk])

    def get_success_url(self, saved: Any) -> str:
        return self.get_back_url()

    def get_success_message(self, saved: Any) -> str:
        return _("%(name)s enrolled.") % {"name": saved}

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        new = self.is_new_person()
        return {
            "batch": self.object,
            "here": _("New trainee") if new else _("Enrol"),
            "nik_form": None if new else self.step,
            "form_testid": "person-form" if new else "enrol-form",
            "save_testid": "save" if new else "enrol",
            "save_label": _("Register and enrol") if new else _("Enrol"),
            "wide": not new,  # the one NIK field across the page
        }


enrol_view = EnrolView.as_view()


class EnrollmentView(ObjectEditView):
    """One trainee in one batch: status and attendance, certificate, tracer outcomes.

    Two forms, each saved by one service under a version: the status of the enrolment row, and the
    certificate (none yet, or its values) as seen from it — the enrolment row is what is locked. The
    POST's ``form`` names the one sent; only training managers may send one (404 for the others).
    """

    private = True
    template_name = "training/enrollment.html"
    forms: dict[str, Any]

    def get_object(self) -> Any:
        return enrollment_get(user=self.request.user, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_training(request.user):
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_form(self) -> Any:
        enrollment, post = self.object, self.request.POST
        certificate = getattr(enrollment, "certificate", None)  # None when there is none (a reverse one-to-one)
        status_form = EnrollmentForm(
            post if post.get("form") == "status" else None,
            initial={"status": enrollment.status, "attendance": enrollment.attendance},
        )
        certificate_form = CertificateForm(
            post if post.get("form") == "certificate" else None,
            initial={"number": certificate.number, "scheme": certificate.scheme, "issued_on": certificate.issued_on}
            if certificate
            else None,
        )
        concurrency.add_version(status_form, enrollment)
        concurrency.add_version(certificate_form, enrollment, (), values=CERTIFICATE_VALUES)
        self.forms = {"status": status_form, "certificate": certificate_form}
        return status_form if post.get("form") == "status" else certificate_form

    def is_certificate(self, form: Any) -> bool:
        return form is self.forms["certificate"]

    def version_fields(self, form: Any) -> list[str]:
        return [] if self.is_certificate(form) else super().version_fields(form)

    def version_values(self) -> concurrency.Values | None:
        return CERTIFICATE_VALUES if self.is_certificate(self.form) else None

    def write(self, form: Any) -> Any:
        service = certificate_record if self.is_certificate(form) else enrollment_update
        return service(enrollment=self.object, **form.cleaned_data)

    def get_success_message(self, saved: Any) -> str:
        return _("Saved.")

    def get_success_url(self, saved: Any) -> str:
        return reverse("training:enrollment", args=[self.object.pk])

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        enrollment = self.object
        return {
            "enrollment": enrollment,
            "person": enrollment.person,
            "outcomes": enrollment.outcomes.order_by("wave"),
            "certificate": getattr(enrollment, "certificate", None),
            "status_form": self.forms["status"],
            "certificate_form": self.forms["certificate"],
            "can_manage": can_manage_training(request.user),
            "can_reveal": can_reveal(request.user),
        }


enrollment_view = EnrollmentView.as_view()
