"""The trainee import page: upload a list, see every bad row, then import all rows or only the good ones.

The file is checked (extension, magic bytes, size, zip directory) before anything reads it, kept under
a random name for the second step, and read by the streaming import (``bulk.trainee_import``) both
times: first as a dry run for the report, then for real. The kept file is removed after the import.

Value reconciliation: the report lists each value that named nothing (a sex, status, batch code …)
once with its rows and suggestions; what the user says it means is kept for their organisation
(``imports.values``) and the file is checked again, and every later import of theirs reads it so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core.screens import ObjectFormView
from inkubator.imports.files import check_import_file, remove_upload, store_upload, stored_path
from inkubator.imports.validation import MappingError
from inkubator.imports.values import value_mappings_save

from .bulk import trainee_import
from .forms import TraineeUploadForm
from .permissions import can_import_trainees
from .trainee_rows import TRAINEE_LIMITS

SESSION_KEY = "training_import"  # the checked file waiting for step 2 (TraineeImportView.pending)
ERRORS_SHOWN = 200
VALUES_SHOWN = 200  # unmatched values offered for mapping at once (the most frequent first)
ROWS_SHOWN = 20  # rows listed per unmatched value (the count says how many in all)


class TraineeImportView(ObjectFormView):
    """Step 1, the form: upload and check (a dry run of the streaming import, its report on the page);
    step 2, the page's buttons (``actions``): import every row, or only the rows without errors.

    The checked file waits under a random name, which the session keeps for the second step.
    """

    allowed = staticmethod(can_import_trainees)
    form_class = TraineeUploadForm
    template_name = "training/import.html"
    title = gettext_lazy("Import trainees")
    parents = ((gettext_lazy("Training batches"), "training:batches"),)
    intro = gettext_lazy(
        "A CSV or XLSX list with the columns NIK, Nama, Jenis Kelamin (L/P), Tempat Lahir, Tanggal Lahir, "
        "Alamat, No HP, Pendidikan and either Kode Pelatihan (the batch code) or Kode BLK, Kejuruan and "
        "Tanggal Mulai. Every row is checked first; nothing is written until you import."
    )
    save_label = gettext_lazy("Check the file")
    save_testid = "check"
    form_testid = "upload-form"
    grid = True
    actions: ClassVar[dict[str, str]] = {"commit": "commit", "commit_valid": "commit_valid", "values": "map_values"}
    report: Any = None
    # {"stored": random file name, "name": the user's file name, "unresolved": [[column key, value], …]
    # (the values offered for mapping, in the order the page numbers them)}
    pending: dict[str, Any] | None = None

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        super().prepare(request, **kwargs)
        self.pending = request.session.get(SESSION_KEY)

    def write(self, form: TraineeUploadForm) -> Any:
        """Keep the file (checked before anything reads it) and check every row: the dry run's report."""
        upload, session = form.cleaned_data["file"], self.request.session
        try:
            fmt = check_import_file(name=upload.name or "", stream=upload, size=upload.size, limits=TRAINEE_LIMITS)
            stored = store_upload(stream=upload, fmt=fmt)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        if self.pending:
            remove_upload(self.pending["stored"])
        self.pending = session[SESSION_KEY] = {"stored": stored, "name": Path(upload.name or "").name[:255]}
        try:
            return self._check()
        except (ValidationError, MappingError) as error:
            self.pending = None
            del session[SESSION_KEY]
            remove_upload(stored)
            raise ValidationError({"file": error.messages}) from error

    def _check(self) -> Any:
        """The dry run of the pending file; the values it offers for mapping kept for the next POST."""
        report = trainee_import(path=stored_path(self.pending["stored"]), user=self.request.user, dry_run=True)
        self.pending["unresolved"] = [[entry.key, entry.value] for entry in report.unresolved()[:VALUES_SHOWN]]
        self.request.session[SESSION_KEY] = self.pending
        return report

    def map_values(self) -> HttpResponse:
        """Keep what the user says the unmatched values mean (for their organisation); check the file again."""
        pending, post = self.pending, self.request.POST
        if not pending:
            form = self.form = self.get_form()
            form.is_valid()
            return self.invalid_response(form)
        entries = []
        for index, (key, value) in enumerate(pending.get("unresolved", [])):
            meaning = post.get(f"value_{index}", "").strip()[:255]
            if meaning and meaning != value:
                entries.append((key, value, meaning))
        if entries:
            value_mappings_save(kind="trainees", user=self.request.user, entries=entries)
            messages.success(
                self.request, _("%(count)s values mapped; the file was checked again.") % {"count": len(entries)}
            )
        self.report = self._check()
        return self.render_form(TraineeUploadForm())

    def saved_response(self, saved: Any) -> HttpResponse:
        self.report = saved  # the check's report under the form, with the Import buttons
        return self.render_form(self.form)

    def commit(self) -> HttpResponse:
        return self.import_rows(commit_valid=False)

    def commit_valid(self) -> HttpResponse:
        return self.import_rows(commit_valid=True)

    def import_rows(self, *, commit_valid: bool) -> HttpResponse:
        """Import the checked file (every row, or only the good ones); a file with errors and no such
        choice writes nothing and shows its report again."""
        pending = self.pending
        if not pending:  # nothing checked (or already imported): the form, asking for a file
            form = self.form = self.get_form()
            form.is_valid()
            return self.invalid_response(form)
        report = trainee_import(
            path=stored_path(pending["stored"]),
            user=self.request.user,
            commit_valid=commit_valid,
            original_name=pending["name"],
        )
        if not report.written:
            self.report = report
            pending["unresolved"] = [[entry.key, entry.value] for entry in report.unresolved()[:VALUES_SHOWN]]
            self.request.session[SESSION_KEY] = pending
            return self.render_form(TraineeUploadForm())
        remove_upload(pending["stored"])
        del self.request.session[SESSION_KEY]
        messages.success(
            self.request,
            _("Imported: %(created)s enrolments created, %(updated)s updated, %(people)s new people.")
            % {
                "created": report.enrolments_created,
                "updated": report.enrolments_updated,
                "people": report.people_created,
            },
        )
        return redirect("training:batches")

    def get_back_url(self) -> str:
        return reverse("training:batches")

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        unresolved = self.report.unresolved()[:VALUES_SHOWN] if self.report is not None else []
        return {
            "report": self.report,
            "pending": self.pending,
            "errors_shown": ERRORS_SHOWN,
            "wide": True,
            "unresolved": [
                {"index": index, "entry": entry, "rows": entry.rows[:ROWS_SHOWN], "more": entry.count - ROWS_SHOWN}
                for index, entry in enumerate(unresolved)
            ],
        }


import_view = TraineeImportView.as_view()
