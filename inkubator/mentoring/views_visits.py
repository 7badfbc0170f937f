"""Field pages: a centre's mentoring progress, visit logging from a phone, action items, a facilitator's schedule.

The centre comes from ``centre_get`` (404 outside the user's scope): a facilitator reaches only the
centres assigned to them in an active plan. Roles that do not mentor get 404 on the write pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.selectors import centre_get
from inkubator.core import concurrency
from inkubator.core.screens import ObjectEditView, ObjectListView, page

from . import selectors, services
from .choices import ActionStatus
from .filters import ActionItemFilter
from .forms import ActionItemForm, ActionStatusForm, VisitForm
from .models import VisitPhoto
from .permissions import can_mentor, can_plan
from .routing import plan_trip
from .tables import ACTION_EXPORT_COLUMNS, ActionItemTable

PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


@page()
def centre_progress_view(request: HttpRequest, code: str) -> HttpResponse:
    """A centre's mentoring: its plans and facilitator, visits, and action items by focus."""
    centre = centre_get(user=request.user, code=code)
    return render(request, "mentoring/centre_progress.html", _progress_context(request, centre))


class VisitCreateView(ObjectEditView):
    """Log a visit to a centre: date, focus, attendees, notes, photos and the phone's GPS point.

    A planner picks the facilitator; a facilitator logs their own visits (an account not linked to a
    facilitator record cannot log visits: 404).
    """

    allowed = staticmethod(can_mentor)
    form_class = VisitForm
    service = staticmethod(services.visit_create)
    template_name = "mentoring/visit_form.html"
    title = gettext_lazy("Log a visit")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.centre = centre_get(user=request.user, code=kwargs["code"])
        self.own = selectors.facilitator_of(request.user)
        if can_plan(request.user):
            self.choices = selectors.facilitator_list(user=request.user)
        elif self.own is not None:
            self.choices = None
        else:
            raise Http404
        super().prepare(request, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        entry = selectors.centre_progress(user=self.request.user, centre=self.centre).entries
        return {
            **super().get_form_kwargs(),
            "files": self.request.FILES or None,
            "facilitators": self.choices,
            "initial": {"focus": entry[0].focus} if entry else {},
        }

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        data = form.cleaned_data
        return {
            "facilitator": data.get("facilitator") or self.own,
            "centre": self.centre,
            "date": data["date"],
            "focus": data["focus"],
            "attendees": data["attendees"] or 0,
            "notes": data["notes"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "photos": data["photos"],
            "created_by": self.request.user,
        }

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"centre": self.centre}

    def get_success_message(self, saved: Any) -> str:
        return _("Visit to %(centre)s logged.") % {"centre": self.centre.name}

    def get_success_url(self, saved: Any) -> str:
        return reverse("mentoring:centre_progress", args=[self.centre.code])


visit_create_view = VisitCreateView.as_view()


@page()
def visit_photo_view(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A visit photo, to those who see the centre (never from a public media URL)."""
    centre = centre_get(user=request.user, code=code)
    photo = get_object_or_404(VisitPhoto.objects.visible_to(request.user), pk=pk, visit__centre=centre)
    content_type = PHOTO_TYPES.get(Path(photo.image.name).suffix.lower())
    if content_type is None:
        raise Http404
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    add_never_cache_headers(response)
    return response


@page(allowed=can_mentor, methods=("POST",))
def action_create_view(request: HttpRequest, code: str) -> HttpResponse:
    """Add an action item to a centre (form on the progress page)."""
    centre = centre_get(user=request.user, code=code)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_create(centre=centre, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Action item added."))
            return redirect("mentoring:centre_progress", code=centre.code)
    return render(request, "mentoring/centre_progress.html", _progress_context(request, centre, form), status=400)


@page(allowed=can_mentor, methods=("POST",))
def action_status_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Mark an action item done, dropped or open again."""
    centre = centre_get(user=request.user, code=code)
    item = selectors.action_item_get(user=request.user, centre=centre, pk=pk)
    form = ActionStatusForm(request.POST)
    # The buttons carry the status they were shown on: marking an item someone else marked meanwhile
    # answers 409 with the page as it is now, rather than undoing their mark unseen.
    concurrency.add_version(form, item, (), guard=("status",))
    if form.is_valid():
        try:
            concurrency.save_versioned(
                form,
                item,
                lambda current: services.action_item_set_status(item=current, status=form.cleaned_data["status"]),
                fields=(),
                guard=("status",),
            )
        except concurrency.EditConflict as conflict:
            concurrency.show_conflict(form, conflict)
            for error in form.non_field_errors():
                messages.error(request, error)
            return render(request, "mentoring/centre_progress.html", _progress_context(request, centre), status=409)
        messages.success(request, _("Action item updated."))
    return redirect("mentoring:centre_progress", code=centre.code)


def _progress_context(request: HttpRequest, centre: Any, action_form: Any = None) -> dict[str, Any]:
    """What the centre's mentoring page shows, each action item with the version its buttons carry."""
    progress = selectors.centre_progress(user=request.user, centre=centre)
    for item in progress.actions:
        item.edit_version = concurrency.version_token(item, ["status"])
    return {
        "centre": centre,
        "progress": progress,
        "can_mentor": can_mentor(request.user),
        "action_statuses": ActionStatus.choices,
        "action_form": action_form
        or ActionItemForm(initial={"focus": progress.entries[0].focus if progress.entries else None}),
    }


class ActionItemListView(ObjectListView):
    """Action items of every centre in scope: what is due, what is overdue, by region, focus and status."""

    allowed = staticmethod(can_mentor)
    selector = staticmethod(selectors.action_item_list)
    filterset_class = ActionItemFilter
    table_class = ActionItemTable
    table_order_by = ("due_date",)
    template_name = "mentoring/action_list.html"
    title = gettext_lazy("Action items")
    testid = "action"
    filter_col_class = "col-12 col-sm-6 col-lg-2"
    export_columns = ACTION_EXPORT_COLUMNS
    export_url_name = "mentoring:action_export"
    export_filename = gettext_lazy("action items")


action_list_view = ActionItemListView.as_view()
action_export_view = ActionItemListView.as_view()


@page()
def schedule_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A facilitator's centres in active plans, their last visits, and a suggested order for a trip.

    A facilitator sees their own schedule (no ``pk``); planners open any facilitator in their scope.
    Tick centres for a trip and the page orders them into a round tour from the home base.
    """
    if pk is None:
        facilitator = selectors.facilitator_of(request.user)
        if facilitator is None:
            raise Http404
    else:
        if not can_plan(request.user):
            raise Http404
        facilitator = selectors.facilitator_get(user=request.user, pk=pk)
    assignments = list(selectors.schedule_assignments(user=request.user, facilitator=facilitator))
    centres = {a.plan_centre.centre_id: a.plan_centre.centre for a in assignments}
    last = selectors.last_visits(user=request.user, facilitator=facilitator, centre_ids=list(centres))
    picked = [int(v) for v in request.GET.getlist("centre") if v.isdigit() and int(v) in centres]
    trip = None
    if picked:
        home = selectors.point_of(facilitator)
        stops = [(centres[c], selectors.point_of(centres[c])) for c in picked]
        stops = [(c, p) for c, p in stops if p is not None]
        if home is not None and stops:
            tour = plan_trip(home, [p for _, p in stops])
            trip = {
                "stops": [(stops[i][0], round(tour.legs_km[n], 1)) for n, i in enumerate(tour.order)],
                "back_km": round(tour.legs_km[-1], 1),
                "total_km": round(tour.total_km, 1),
            }
    context = {
        "facilitator": facilitator,
        "rows": [(a, last.get(a.plan_centre.centre_id)) for a in assignments],
        "picked": set(picked),
        "trip": trip,
        "own": pk is None,
    }
    return render(request, "mentoring/schedule.html", context)
