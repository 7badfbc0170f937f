"""Report pages: a centre's PDF profile (built at once), province and national PDFs (built in the background)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from inkubator.centres.models import Centre
from inkubator.core.periods import requested_year
from inkubator.core.roles import effective_role
from inkubator.core.screens import ObjectFormView, page
from inkubator.dashboards.views_national import STAFF_ROLES, YEARS_OFFERED

from .forms import ReportRequestForm
from .models import ReportJob, ReportStatus
from .pdf import render_pdf
from .selectors import centre_profile
from .services import report_request


def _sees_reports(user: object) -> bool:
    return effective_role(user) in STAFF_ROLES


@page(allowed=_sees_reports, methods=None)
def centre_profile_view(request: HttpRequest, code: str) -> HttpResponse:
    """The centre's profile (rapor) as a PDF; 404 outside the user's scope."""
    centre = get_object_or_404(
        Centre.objects.visible_to(request.user).select_related("host", "province", "regency"), code=code
    )
    profile = centre_profile(user=request.user, centre=centre, year=requested_year(request, back=YEARS_OFFERED - 1))
    pdf = render_pdf("reports/centre_profile.pdf.html", {"profile": profile, "generated": timezone.now()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rapor-{centre.code}-{profile.year}.pdf"'
    return response


class ReportListView(ObjectFormView):
    """The user's reports, newest first, and the form to ask for a province or national report: a
    valid request starts the build (``report_request``) and opens the report's progress page."""

    allowed = staticmethod(_sees_reports)
    form_class = ReportRequestForm
    form_user = True
    service = staticmethod(report_request)
    template_name = "reports/list.html"
    form_testid = "report-request"

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"jobs": ReportJob.objects.visible_to(request.user).filter(requested_by=request.user)[:20]}

    def get_success_url(self, saved: ReportJob | None) -> str:
        return reverse("reports:job", args=[saved.pk]) if saved is not None else reverse("reports:list")


report_list_view = ReportListView.as_view()


@page(methods=None)
def report_job_view(request: HttpRequest, pk: str) -> HttpResponse:
    """One report's progress; refreshes itself (htmx) until the file is ready."""
    job = get_object_or_404(ReportJob.objects.visible_to(request.user), pk=pk)
    partial = bool(getattr(request, "htmx", False))
    template = "reports/_job_status.html" if partial else "reports/job.html"
    return render(request, template, {"job": job, "finished": job.status in (ReportStatus.DONE, ReportStatus.FAILED)})


@page(methods=None)
def report_download_view(request: HttpRequest, pk: str) -> FileResponse:
    """The finished report's PDF."""
    job = get_object_or_404(ReportJob.objects.visible_to(request.user), pk=pk, status=ReportStatus.DONE)
    if not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
