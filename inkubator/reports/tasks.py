"""Background work of reports, on the django-tasks API (database queue in production)."""

from __future__ import annotations

from django_tasks import task

from .models import ReportJob
from .services import report_build


@task()
def report_build_task(job_id: str) -> None:
    """Build one queued report."""
    report_build(job=ReportJob.objects.select_related("requested_by").get(pk=job_id))
