"""Writes: report jobs, asked for on a page and built by the background worker."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.dashboards.selectors_national import place_get

from .models import ReportJob, ReportKind, ReportStatus
from .pdf import render_pdf
from .selectors import area_report


@transaction.atomic
def report_request(*, user: Any, kind: str, year: int, code: str = "") -> ReportJob:
    """Record a request for a report and queue it; the place must be in ``user``'s scope (else 404)."""
    place_get(user=user, level=kind, code=code)  # raises Http404 outside the user's scope
    job = ReportJob(kind=kind, code=code if kind == ReportKind.PROVINCE else "", year=year, requested_by=user)
    job.full_clean()
    job.save()
    from .tasks import report_build_task  # the task module imports this one

    transaction.on_commit(lambda: report_build_task.enqueue(str(job.pk)))
    return job


def _set(job: ReportJob, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(job, name, value)
    job.save(update_fields=[*changes])


def report_build(*, job: ReportJob) -> ReportJob:
    """Build ``job``'s PDF within its requester's scope, saving progress as parts finish."""
    if job.status == ReportStatus.DONE:
        return job
    _set(job, status=ReportStatus.RUNNING, progress=5)
    try:
        user = job.requested_by
        place = place_get(user=user, level=job.kind, code=job.code)
        report = area_report(user=user, place=place, year=job.year, step=lambda f: _set(job, progress=round(f * 100)))
        pdf = render_pdf("reports/area_report.pdf.html", {"report": report, "job": job, "generated": timezone.now()})
        name = f"inkubator-{job.kind}-{job.code or 'id'}-{job.year}.pdf"
        job.file.save(name, ContentFile(pdf), save=False)
        _set(job, file=job.file.name, status=ReportStatus.DONE, progress=100, finished_at=timezone.now())
    except Exception:
        # The worker keeps running; the page says the report failed and offers to ask again.
        _set(job, status=ReportStatus.FAILED, error=_("The report could not be built."), finished_at=timezone.now())
        raise
    return job
