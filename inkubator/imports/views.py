"""Import pages: upload → map columns → validation preview (with error report) → commit → result.

Only ministry admins and regional coordinators import; anyone else gets 404, like any page outside
their role. An import is reached by its random id and only by its uploader (404 for anyone else).
The upload and columns steps are core form screens, the values and commit buttons core act screens
(POST only), each sending on with ``answer_instead`` when the run's state says another step is due; the
check and result pages are read pages (``@page``).
"""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core.screens import ObjectDeleteView, ObjectFormView, page

from .forms import MappingForm, UploadForm
from .models import ImportRun, ImportStatus
from .registry import import_kinds, kind_entry, spec_for
from .reports import error_report_csv, error_report_xlsx
from .selectors import can_import, import_run_get, importable_kinds
from .services import (
    import_queue,
    import_reconcile,
    import_set_mapping,
    import_upload,
    import_validate,
    run_mapping,
    run_table,
)

# How many errors the preview lists; the downloadable report has them all.
PREVIEW_ERRORS = 500
SAMPLE_ROWS = 3


def _private(response: HttpResponse) -> HttpResponse:
    # Lists carry contact names and phone numbers: personal data pages are never cached.
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


@page(methods=None)
def import_index(request: HttpRequest) -> HttpResponse:
    """The import start page: the kinds of list the user may import (straight to the upload if only one)."""
    kinds = importable_kinds(request.user)
    if not kinds:
        raise Http404
    if len(kinds) == 1:
        return redirect("imports:upload", kind=kinds[0])
    return render(request, "imports/index.html", {"specs": [spec_for(kind) for kind in kinds]})


class ImportStep(ObjectFormView):
    """A form step of an import (upload, columns): the screen's form page, answered ``no-store``."""

    title = gettext_lazy("Import centres")
    step = 0  # which of the steps (1 upload, 2 columns, 3 check, 4 import) the page is

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        return _private(super().render_form(form, status=status))

    def get_back_url(self) -> str:
        return reverse("imports:index")

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"step": self.step, "spec": self.spec}


class ImportUploadView(ImportStep):
    """Step 1: upload a CSV or XLSX file (a kind with its own streaming page is sent there)."""

    form_class = UploadForm
    template_name = "imports/upload.html"
    save_label = gettext_lazy("Upload and continue")
    step = 1

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.kind = kwargs["kind"]
        if self.kind not in import_kinds() or not can_import(request.user, self.kind):
            raise Http404
        self.spec = spec_for(self.kind)
        super().prepare(request, **kwargs)

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        own_page = kind_entry(self.kind).page
        return redirect(own_page) if own_page else None

    def write(self, form: UploadForm) -> ImportRun:
        return import_upload(user=self.request.user, kind=self.kind, file=form.cleaned_data["file"])

    def get_success_url(self, saved: ImportRun) -> str:
        return reverse("imports:mapping", args=[saved.pk])


class ImportMappingView(ImportStep):
    """Step 2: which column of the file feeds which field; pre-filled from the known headers."""

    template_name = "imports/mapping.html"
    fields_template = "imports/_mapping_fields.html"
    save_label = gettext_lazy("Check every row")
    step = 2

    def get_object(self) -> ImportRun:
        run = import_run_get(user=self.request.user, run_id=self.kwargs["run_id"])
        self.spec = spec_for(run.kind)
        return run

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        if self.object.status == ImportStatus.COMMITTED:
            return redirect("imports:result", run_id=self.object.pk)
        return None

    def get_form(self) -> MappingForm:
        run = self.object
        return MappingForm(
            self.request.POST or None, spec=self.spec, headers=run.headers, initial_mapping=run_mapping(run)
        )

    def write(self, form: MappingForm) -> ImportRun:
        import_set_mapping(run=self.object, mapping=form.mapping())
        # Inline for now; see services.import_validate for how it moves to a task.
        import_validate(run=self.object)
        return self.object

    def get_success_url(self, saved: ImportRun) -> str:
        return reverse("imports:preview", args=[saved.pk])

    def get_title(self) -> str:
        return _("Match the columns")

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        run = self.object
        table = run_table(run)
        samples = {
            index: [row.values[index] for row in table.rows[:SAMPLE_ROWS] if row.values[index] is not None]
            for index in range(len(run.headers))
        }
        fields = self.form.column_fields()
        return {**super().get_extra_context(request), "run": run, "rows": [(i, f, samples[i]) for i, f in fields]}


import_upload_view = ImportUploadView.as_view()
import_mapping_view = ImportMappingView.as_view()


@page(methods=None)
def import_preview_view(request: HttpRequest, run_id: UUID) -> HttpResponse:
    """Step 3: what the import would do, row errors by row and column, and the commit button."""
    run = import_run_get(user=request.user, run_id=run_id)
    if run.status in (ImportStatus.COMMITTED, ImportStatus.QUEUED):
        return redirect("imports:result", run_id=run.pk)
    if run.status != ImportStatus.VALIDATED:
        return redirect("imports:mapping", run_id=run.pk)
    context = {
        "run": run,
        "errors": run.errors[:PREVIEW_ERRORS],
        "more_errors": max(len(run.errors) - PREVIEW_ERRORS, 0),
        "warnings": run.warnings[:PREVIEW_ERRORS],
        "unresolved": [
            {"index": index, "key": key, "column": column, "value": value, "suggestions": suggestions, "rows": rows}
            for index, (key, column, value, suggestions, rows) in enumerate(run.unresolved[:PREVIEW_ERRORS])
        ],
        "can_commit": run.error_count == 0 and run.rows_read > 0,
    }
    return _private(render(request, "imports/preview.html", context))


class ImportAct(ObjectDeleteView):
    """A button of the check page (map the values, import now): POST only, on the uploader's own run."""

    http_method_names: ClassVar[list[str]] = ["post"]

    def get_object(self) -> ImportRun:
        return import_run_get(user=self.request.user, run_id=self.kwargs["run_id"])


class ImportValuesView(ImportAct):
    """Step 3b: what each unmatched value means (kept for the organisation), then the check again."""

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        if self.object.status != ImportStatus.VALIDATED:
            return redirect("imports:preview", run_id=self.object.pk)
        return None

    def act(self) -> None:
        run, post = self.object, self.request.POST
        entries = []
        for index, (key, _column, value, _suggestions, _rows) in enumerate(run.unresolved[:PREVIEW_ERRORS]):
            meaning = post.get(f"value_{index}", "").strip()[:255]
            if meaning and meaning != value:
                entries.append((key, value, meaning))
        if entries:
            import_reconcile(run=run, entries=entries)
            messages.success(
                self.request, _("%(count)s values mapped; the file was checked again.") % {"count": len(entries)}
            )

    def get_success_url(self) -> str:
        return reverse("imports:preview", args=[self.object.pk])


import_values_view = ImportValuesView.as_view()


@page(methods=None)
def import_error_report_view(request: HttpRequest, run_id: UUID, fmt: str) -> HttpResponse:
    """The rows with errors, as in the file plus an "Error" column, as CSV or XLSX."""
    run = import_run_get(user=request.user, run_id=run_id)
    if fmt not in ("csv", "xlsx") or not run.stored_name or not run.errors:
        raise Http404
    table = run_table(run)
    if fmt == "csv":
        body, content_type = error_report_csv(run, table), "text/csv; charset=utf-8"
    else:
        body = error_report_xlsx(run, table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="import-errors-{run.pk.hex[:8]}.{fmt}"'
    return _private(response)


class ImportCommitView(ImportAct):
    """Step 4: validate again and write every row in one transaction, or nothing (queued for the worker)."""

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        status = self.object.status
        if status in (ImportStatus.COMMITTED, ImportStatus.QUEUED):
            return redirect("imports:result", run_id=self.object.pk)
        if status != ImportStatus.VALIDATED:
            return redirect("imports:mapping", run_id=self.object.pk)
        return None

    def act(self) -> None:
        import_queue(run=self.object)

    def get_success_url(self) -> str:
        return reverse("imports:result", args=[self.object.pk])


import_commit_view = ImportCommitView.as_view()


@page(methods=None)
def import_result_view(request: HttpRequest, run_id: UUID) -> HttpResponse:
    """Step 5: what the import wrote."""
    run: ImportRun = import_run_get(user=request.user, run_id=run_id)
    if run.status == ImportStatus.QUEUED:
        # The worker is committing it: this page reloads itself until the run is done.
        return _private(render(request, "imports/running.html", {"run": run}))
    if run.status != ImportStatus.COMMITTED:
        messages.error(request, _("Some rows have errors now, so nothing was imported. See the list below."))
        return redirect("imports:preview", run_id=run.pk)
    return _private(render(request, "imports/result.html", {"run": run}))
