"""Rounds (list, create, progress and assignment), the assessor's worklist and the assessment list with export.

Rounds and assessments come from ``visible_to``: a coordinator sees the rounds holding centres of
their region and counts only those; creating rounds and assigning centres is the ministry's (404
for anyone else).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from inkubator.centres.models import Centre
from inkubator.core.exports import FORMATS, export_response

from . import services
from .choices import RoundStatus
from .filters import AssessmentFilter
from .forms import AssignForm, RoundForm
from .permissions import can_manage, can_see_results
from .selectors import assessment_list, published_instruments, round_get, round_list, round_progress, worklist
from .tables import EXPORT_COLUMNS, AssessmentTable, RoundTable

PER_PAGE = 25


@login_required
@require_GET
def round_list_view(request: HttpRequest) -> HttpResponse:
    """The rounds the user may see, newest first."""
    if not can_see_results(request.user):
        raise Http404
    rounds = round_list(user=request.user)
    status = request.GET.get("status", "")
    if status in RoundStatus.values:
        rounds = rounds.filter(status=status)
    table = RoundTable(rounds)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {
        "table": table,
        "statuses": RoundStatus.choices,
        "status": status,
        "can_manage": can_manage(request.user),
    }
    return render(request, "assessments/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create_view(request: HttpRequest) -> HttpResponse:
    """Prepare a new round on a published instrument version."""
    if not can_manage(request.user):
        raise Http404
    form = RoundForm(request.POST or None, instruments=published_instruments())
    if request.method == "POST" and form.is_valid():
        try:
            new = services.round_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Round %(name)s created: now assign its centres.") % {"name": new.name})
            return redirect("assessments:round_detail", pk=new.pk)
    return render(request, "assessments/round_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def round_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's progress (assigned / in draft / submitted / verified) and, for the ministry, assignment."""
    if not can_see_results(request.user):
        raise Http404
    the_round = round_get(user=request.user, pk=pk)
    manager = can_manage(request.user)
    form = AssignForm(request.POST or None, user=request.user) if manager else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            centres = Centre.objects.visible_to(request.user)
            if form.cleaned_data["province"] is not None:
                centres = centres.filter(province=form.cleaned_data["province"])
            if form.cleaned_data["only_new"]:
                centres = centres.exclude(assessments__round=the_round)
            try:
                changed = services.round_assign(
                    round=the_round, centres=centres.order_by("code"), assessor=form.cleaned_data["assessor"]
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("%(count)s centres assigned.") % {"count": changed})
                return redirect("assessments:round_detail", pk=the_round.pk)
    context = {
        "round": the_round,
        "progress": round_progress(user=request.user, round=the_round),
        "form": form,
        "can_manage": manager,
    }
    return render(request, "assessments/round_detail.html", context)


@login_required
@require_POST
def round_advance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a prepared round or close an open one."""
    if not can_manage(request.user):
        raise Http404
    the_round = round_get(user=request.user, pk=pk)
    try:
        services.round_advance(round=the_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The round is now: %(status)s.") % {"status": the_round.get_status_display()})
    return redirect("assessments:round_detail", pk=the_round.pk)


@login_required
@require_GET
def worklist_view(request: HttpRequest) -> HttpResponse:
    """The assessor's centres in open rounds."""
    if not can_see_results(request.user):
        raise Http404
    return render(request, "assessments/worklist.html", {"assessments": worklist(user=request.user)})


def _filtered(request: HttpRequest, *, paginate: bool) -> tuple[AssessmentFilter, AssessmentTable]:
    filterset = AssessmentFilter(request.GET or None, queryset=assessment_list(user=request.user), user=request.user)
    rows = filterset.qs if filterset.is_valid() or not filterset.is_bound else filterset.queryset.none()
    table = AssessmentTable(rows.order_by("round", "centre__code"))
    RequestConfig(request, paginate={"per_page": PER_PAGE} if paginate else False).configure(table)
    return filterset, table


@login_required
@require_GET
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    """Assessments in scope, filtered, sorted and paginated; coordinators find what awaits verification."""
    if not can_see_results(request.user):
        raise Http404
    filterset, table = _filtered(request, paginate=True)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/assessment_list.html",
        {"filter": filterset, "table": table, "export_query": query.urlencode()},
    )


@login_required
@require_GET
def assessment_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list's rows (every page) as XLSX or CSV."""
    if fmt not in FORMATS or not can_see_results(request.user):
        raise Http404
    filterset, table = _filtered(request, paginate=False)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(_("The filters are not valid."), content_type="text/plain; charset=utf-8")
    return export_response(
        rows=table.data.data.iterator(chunk_size=1000),
        columns=EXPORT_COLUMNS,
        fmt=fmt,
        filename_stem=slugify(_("assessments")),
        sheet_title=_("Assessments"),
    )
