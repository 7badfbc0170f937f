"""The trainee import page: upload a list, see every bad row, then import all rows or only the good ones.

The file is checked (extension, magic bytes, size, zip directory) before anything reads it, kept under
a random name for the second step, and read by the streaming import (``bulk.trainee_import``) both
times: first as a dry run for the report, then for real. The kept file is removed after the import.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inkubator.core.screens import page
from inkubator.imports.files import check_import_file, remove_upload, store_upload, stored_path
from inkubator.imports.validation import MappingError

from .bulk import trainee_import
from .forms import TraineeUploadForm
from .permissions import can_import_trainees
from .trainee_rows import TRAINEE_LIMITS

SESSION_KEY = "training_import"  # {"stored": random file name, "name": the user's file name}
ERRORS_SHOWN = 200


@page(allowed=can_import_trainees, methods=("GET", "POST"))
def import_view(request: HttpRequest) -> HttpResponse:
    """Step 1 (upload and check) and step 2 (import, all rows or only the good ones)."""
    pending = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("action") in {"commit", "commit_valid"} and pending:
        report = trainee_import(
            path=stored_path(pending["stored"]),
            user=request.user,
            commit_valid=request.POST["action"] == "commit_valid",
            original_name=pending["name"],
        )
        if report.written:
            remove_upload(pending["stored"])
            del request.session[SESSION_KEY]
            messages.success(
                request,
                _("Imported: %(created)s enrolments created, %(updated)s updated, %(people)s new people.")
                % {
                    "created": report.enrolments_created,
                    "updated": report.enrolments_updated,
                    "people": report.people_created,
                },
            )
            return redirect("training:batches")
        return render(request, "training/import.html", _context(TraineeUploadForm(), report, pending))
    form = TraineeUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            fmt = check_import_file(name=upload.name or "", stream=upload, size=upload.size, limits=TRAINEE_LIMITS)
            stored = store_upload(stream=upload, fmt=fmt)
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            if pending:
                remove_upload(pending["stored"])
            pending = {"stored": stored, "name": Path(upload.name or "").name[:255]}
            request.session[SESSION_KEY] = pending
            try:
                report = trainee_import(path=stored_path(stored), user=request.user, dry_run=True)
            except (ValidationError, MappingError) as error:
                form.add_error("file", error.messages)
                pending = None
                del request.session[SESSION_KEY]
                remove_upload(stored)
    return render(request, "training/import.html", _context(form, report, pending))


def _context(form: TraineeUploadForm, report: object, pending: dict | None) -> dict:
    return {"form": form, "report": report, "pending": pending, "errors_shown": ERRORS_SHOWN}
