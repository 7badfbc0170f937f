"""Filling in, submitting, verifying and returning an assessment, and its evidence files.

The assessment comes from ``assessment_get`` (``visible_to``; 404 outside the scope). Only its
assessor may change it, only while it is a draft in an open round; only coordinators and the
ministry verify. Answers are saved one by one as the assessor changes them (htmx), and the whole
form can be saved as a draft without JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from inkubator.centres.views_profile import DOCUMENT_TYPES
from inkubator.core import concurrency
from inkubator.core.icons import icon
from inkubator.core.screens import page

from . import services
from .choices import AssessmentStatus
from .forms import CommentForm, EvidenceForm
from .models import Answer, Assessment, Indicator
from .permissions import can_enter, can_see_results, can_verify
from .selectors import (
    assessment_form_rows,
    assessment_get,
    assessment_result,
    evidence_get,
    indicator_of,
    instrument_indicators,
)


def _get(request: HttpRequest, pk: int) -> Assessment:
    if not can_see_results(request.user):
        raise Http404
    return assessment_get(user=request.user, pk=pk)


def _parse_value(raw: str | None, indicator: Indicator) -> int | None:
    """The posted value of an indicator: empty is no answer; anything else must be a whole number in range."""
    if raw is None or raw.strip() == "":
        return None
    try:
        return int(raw)
    except ValueError as error:
        raise ValidationError(
            _("%(code)s: give a whole number from %(low)s to %(high)s.")
            % {"code": indicator.code, "low": indicator.scale_min, "high": indicator.scale_max}
        ) from error


@page(methods=("GET", "POST"))
def assessment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry form for its assessor; the answers, scores and verification for everyone else in scope."""
    assessment = _get(request, pk)
    editable = can_enter(request.user, assessment)
    if request.method == "POST":
        if not editable:
            raise Http404
        rows = assessment_form_rows(assessment)
        answers = {}
        errors: list[str] = []
        for _dimension, items in rows:
            for item in items:
                indicator = item.indicator
                try:
                    value = _parse_value(request.POST.get(f"value-{indicator.pk}"), indicator)
                except ValidationError as error:
                    errors.extend(error.messages)
                    continue
                answers[indicator] = (value, request.POST.get(f"note-{indicator.pk}", "")[:500])
        try:
            if errors:
                raise ValidationError(errors)
            _save_answers(assessment, answers, request.POST.get(concurrency.VERSION_FIELD))
        except concurrency.EditConflict as conflict:
            # Answered meanwhile elsewhere (another device, a draft sent late): the page as it is now,
            # with what was saved and what this form said, so the assessor decides; nothing overwritten.
            messages.error(request, _conflict_message(conflict, answers))
            return _detail(request, conflict.current, editable, status=409)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Draft saved."))
        return redirect("assessments:assessment_detail", pk=assessment.pk)
    return _detail(request, assessment, editable)


def _detail(request: HttpRequest, assessment: Assessment, editable: bool, *, status: int = 200) -> HttpResponse:
    instrument = assessment.round.instrument
    context = {
        "assessment": assessment,
        "editable": editable,
        "rows": assessment_form_rows(assessment),
        "can_verify": can_verify(request.user) and assessment.status == AssessmentStatus.SUBMITTED,
        "comment_form": CommentForm(),
        "evidence_form": EvidenceForm(indicators=instrument_indicators(instrument)) if editable else None,
        # The entry form's version: the answers as shown (offline drafts keep it, see drafts.js).
        "edit_version": _version(assessment) if editable else "",
        **assessment_result(assessment),
    }
    response = render(request, "assessments/assessment_detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _stored_answers(assessment: Assessment) -> dict[str, Any]:
    """``value-<indicator>`` and ``note-<indicator>`` → as stored now (none: None and ""), read once per copy."""
    if "_version_answers" not in assessment.__dict__:
        stored: dict[str, Any] = {}
        for indicator in instrument_indicators(assessment.round.instrument):
            stored[f"value-{indicator.pk}"], stored[f"note-{indicator.pk}"] = None, ""
        for answer in Answer.objects.filter(assessment=assessment):
            stored[f"value-{answer.indicator_id}"], stored[f"note-{answer.indicator_id}"] = answer.value, answer.note
        assessment.__dict__["_version_answers"] = stored
    return assessment.__dict__["_version_answers"]


def _version(assessment: Assessment) -> str:
    values = _answer_values(assessment)
    return concurrency.version_token(assessment, list(values), values)


def _answer_values(assessment: Assessment) -> concurrency.Values:
    """Every answer's value and note (``value-<indicator>``, ``note-<indicator>``): the ``values`` of the
    entry form's version, read from whichever copy of the assessment is asked (the locked one on save)."""
    return {name: (lambda copy, name=name: _stored_answers(copy).get(name)) for name in _stored_answers(assessment)}


def _save_answers(assessment: Assessment, answers: dict[Indicator, tuple[int | None, str]], token: str | None) -> None:
    """Save the draft's answers on the locked assessment, merged against the version the page was loaded
    with: answers this form did not change keep what is stored now (an answer saved meanwhile on another
    device stays); an answer changed here and there differently is a conflict. The same answer saved
    first one by one (as the assessor chose it) and then with the whole form is no conflict."""
    submitted: dict[str, Any] = {}
    for indicator, (value, note) in answers.items():
        submitted[f"value-{indicator.pk}"], submitted[f"note-{indicator.pk}"] = value, note
    with transaction.atomic():
        current = concurrency.locked(assessment)
        concurrency.merge_edit(
            current=current,
            token=token,
            submitted=submitted,
            fields=list(submitted),
            values=_answer_values(assessment),
            converge=True,
        )
        merged = {i: (submitted[f"value-{i.pk}"], submitted[f"note-{i.pk}"]) for i in answers}
        services.assessment_answers_save(assessment=current, answers=merged)


def _conflict_message(conflict: concurrency.EditConflict, answers: dict[Indicator, tuple[int | None, str]]) -> str:
    codes = {indicator.pk: indicator.code for indicator in answers}
    saved = []
    for name, value in conflict.fields.items():
        kind, pk = name.split("-", 1)
        saved.append(f"{codes.get(int(pk), pk)}: {'—' if value in (None, '') else value}")
    return _(
        "Someone else saved answers of this assessment while you were filling it in: %(answers)s. "
        "Their answers are shown below: check them, then save again."
    ) % {"answers": "; ".join(saved)}


@page(methods=("POST",))
def answer_save_view(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """Save one answer as the assessor changes it (htmx); answers with a short status for the indicator."""
    assessment = _get(request, pk)
    if not can_enter(request.user, assessment):
        raise Http404
    indicator = indicator_of(assessment, indicator_pk)
    try:
        value = _parse_value(request.POST.get(f"value-{indicator.pk}"), indicator)
        services.assessment_answer_set(
            assessment=assessment,
            indicator=indicator,
            value=value,
            note=request.POST.get(f"note-{indicator.pk}", "")[:500],
        )
    except ValidationError as error:
        return HttpResponse(
            format_html('<span class="text-danger" role="alert">{}</span>', " ".join(error.messages)), status=422
        )
    now = time_format(timezone.localtime(), "H:i")
    return HttpResponse(
        format_html('<span class="text-success" data-testid="saved">{} {} {}</span>', icon("check2"), _("Saved"), now)
    )


@page(methods=("POST",))
def evidence_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a PDF or image to an answer of the assessor's draft."""
    assessment = _get(request, pk)
    if not can_enter(request.user, assessment):
        raise Http404
    form = EvidenceForm(
        request.POST,
        request.FILES,
        indicators=instrument_indicators(assessment.round.instrument),
    )
    if form.is_valid():
        try:
            services.evidence_add(
                assessment=assessment,
                indicator=form.cleaned_data["indicator"],
                file=form.cleaned_data["file"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File attached."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("assessments:assessment_detail", pk=assessment.pk)


@page()
def evidence_download_view(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """Send an evidence file to users who may see the assessment; never a public URL."""
    assessment = _get(request, pk)
    evidence = evidence_get(user=request.user, assessment=assessment, pk=evidence_pk)
    name = Path(evidence.file.name).name
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=DOCUMENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


@page(methods=("POST",))
def evidence_remove_view(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Remove a file from the assessor's draft."""
    assessment = _get(request, pk)
    if not can_enter(request.user, assessment):
        raise Http404
    evidence = evidence_get(user=request.user, assessment=assessment, pk=evidence_pk)
    services.evidence_remove(evidence=evidence)
    messages.success(request, _("File removed."))
    return redirect("assessments:assessment_detail", pk=assessment.pk)


@page(methods=("POST",))
def assessment_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the completed assessment to the coordinator."""
    assessment = _get(request, pk)
    if not can_enter(request.user, assessment):
        raise Http404
    try:
        services.assessment_submit(assessment=assessment)
    except ValidationError as error:
        messages.error(request, _("The assessment cannot be submitted yet:") + " " + " ".join(error.messages))
    else:
        messages.success(request, _("Submitted for verification."))
    return redirect("assessments:assessment_detail", pk=assessment.pk)


@page(methods=("POST",))
def assessment_review_view(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Verify a submitted assessment, or return it to its assessor with a comment."""
    assessment = _get(request, pk)
    if not can_verify(request.user) or decision not in ("verify", "return"):
        raise Http404
    form = CommentForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    try:
        if decision == "verify":
            services.assessment_verify(assessment=assessment, user=request.user, comment=comment)
            messages.success(request, _("Verified: the centre's cluster is updated."))
        else:
            services.assessment_return(assessment=assessment, user=request.user, comment=comment)
            messages.success(request, _("Returned to the assessor."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("assessments:assessment_detail", pk=assessment.pk)
