"""Rounds (list, create, progress and assignment), the assessor's worklist and the assessment list with export.

Rounds and assessments come from ``visible_to``: a coordinator sees the rounds holding centres of
their region and counts only those; creating rounds and assigning centres is the ministry's (404
for anyone else).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from inkubator.centres.models import Centre
from inkubator.core import concurrency
from inkubator.core.screens import ObjectEditView, ObjectFormView, ObjectListView, page

from . import services
from .filters import AssessmentFilter, RoundFilter
from .forms import AssignForm, RoundForm
from .permissions import can_manage, can_see_results
from .selectors import assessment_list, published_instruments, round_get, round_list, round_progress, worklist
from .tables import ASSESSMENT_PAGE_FIELDS, EXPORT_COLUMNS, AssessmentTable, RoundTable


class RoundListView(ObjectListView):
    """The rounds the user may see, newest first."""

    allowed = staticmethod(can_see_results)
    selector = staticmethod(round_list)
    filterset_class = RoundFilter
    filterset_takes_user = False
    table_class = RoundTable
    template_name = "assessments/round_list.html"
    title = gettext_lazy("Assessment rounds")
    testid = "round"

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_manage": can_manage(request.user)}


class RoundCreateView(ObjectEditView):
    """Prepare a new round on a published instrument version."""

    allowed = staticmethod(can_manage)
    form_class = RoundForm
    service = staticmethod(services.round_create)
    template_name = "assessments/round_form.html"
    title = gettext_lazy("New round")
    form_testid = "round-form"
    grid = True
    save_label = gettext_lazy("Create round")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST or None, "instruments": published_instruments()}

    def get_success_message(self, saved: Any) -> str:
        return _("Round %(name)s created: now assign its centres.") % {"name": saved.name}

    def get_success_url(self, saved: Any) -> str:
        return reverse("assessments:round_detail", args=[saved.pk]) if saved else reverse("assessments:round_list")


round_list_view = RoundListView.as_view()
round_create_view = RoundCreateView.as_view()


class RoundDetailView(ObjectFormView):
    """A round's progress (assigned / in draft / submitted / verified) and, for the ministry, the form
    that assigns its centres (in a province, or all in scope; only the new ones if asked) to an assessor."""

    allowed = staticmethod(can_see_results)
    form_class = AssignForm
    form_user = True
    template_name = "assessments/round_detail.html"

    def get_object(self) -> Any:
        return round_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_form(self) -> AssignForm | None:
        return super().get_form() if can_manage(self.request.user) else None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage(request.user):
            raise Http404  # the page is readable by more roles than may assign
        return super().post(request, *args, **kwargs)

    def write(self, form: AssignForm) -> int:
        centres = Centre.objects.visible_to(self.request.user)
        if form.cleaned_data["province"] is not None:
            centres = centres.filter(province=form.cleaned_data["province"])
        if form.cleaned_data["only_new"]:
            centres = centres.exclude(assessments__round=self.object)
        return services.round_assign(
            round=self.object, centres=centres.order_by("code"), assessor=form.cleaned_data["assessor"],
            actor=self.request.user,
        )  # fmt: skip

    def get_success_message(self, saved: int) -> str:
        return _("%(count)s centres assigned.") % {"count": saved}

    def get_success_url(self, saved: Any) -> str:
        return reverse("assessments:round_detail", args=[self.object.pk])

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return _round_context(request, self.object)


round_detail_view = RoundDetailView.as_view()


def _round_context(request: HttpRequest, the_round: Any) -> dict[str, Any]:
    return {
        "round": the_round,
        "progress": round_progress(user=request.user, round=the_round),
        "can_manage": can_manage(request.user),
        # The open/close button carries the status it was shown with: a second click closes nothing.
        "edit_version": concurrency.version_token(the_round, ["status"]),
    }


@page(allowed=can_manage, methods=("POST",))
def round_advance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a prepared round or close an open one."""
    the_round = round_get(user=request.user, pk=pk)
    try:
        the_round = concurrency.act_versioned(
            request.POST, the_round, lambda current: services.round_advance(round=current), guard=("status",)
        )
    except concurrency.EditConflict as conflict:
        messages.error(request, concurrency.conflict_message(conflict))
        context = {**_round_context(request, conflict.current), "form": AssignForm(user=request.user)}
        return render(request, "assessments/round_detail.html", context, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The round is now: %(status)s.") % {"status": the_round.get_status_display()})
    return redirect("assessments:round_detail", pk=the_round.pk)


@page(allowed=can_see_results)
def worklist_view(request: HttpRequest) -> HttpResponse:
    """The assessor's centres in open rounds."""
    return render(request, "assessments/worklist.html", {"assessments": worklist(user=request.user)})


class AssessmentListView(ObjectListView):
    """Assessments in scope, filtered, sorted and paginated; coordinators find what awaits verification."""

    allowed = staticmethod(can_see_results)
    selector = staticmethod(assessment_list)
    filterset_class = AssessmentFilter
    table_class = AssessmentTable
    ordering = ("round", "centre__code")
    template_name = "assessments/assessment_list.html"
    title = gettext_lazy("Assessments")
    testid = "assessment"
    count_label = ngettext_lazy("%(counter)s assessment", "%(counter)s assessments", "counter")
    filter_col_class = "col-12 col-sm-6 col-lg-2"
    export_columns = EXPORT_COLUMNS
    export_buttons = ("xlsx",)
    export_url_name = "assessments:export"
    export_filename = gettext_lazy("assessments")

    def page_rows(self, rows: QuerySet) -> QuerySet:
        # What AssessmentTable shows: centre and its province, round, assessor (full name or username), figures.
        return (
            rows.select_related(None)
            .select_related("round", "centre__province", "assessor")
            .only(*ASSESSMENT_PAGE_FIELDS)
        )


assessment_list_view = AssessmentListView.as_view()
assessment_export_view = AssessmentListView.as_view()
