"""Venue pages: the scoped list, a venue's page, create and edit.

Every page starts from ``venue_list(user=...)``: a venue outside the user's scope answers 404, and so
does a page the role has no business with (its existence is not revealed).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .forms import VenueForm
from .permissions import can_register_venues, can_view_venues
from .selectors import venue_get, venue_list

PER_PAGE = 50


def _require_view(request: HttpRequest) -> None:
    if not can_view_venues(request.user):
        raise Http404


@login_required
@require_GET
def venue_list_view(request: HttpRequest) -> HttpResponse:
    """The venues in the user's scope, by code, with their capacity per wave."""
    _require_view(request)
    rows = venue_list(user=request.user)
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "can_create": can_register_venues(request.user), "kind": kind}
    return render(request, "venues/list.html", context)


@login_required
@require_GET
def venue_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """One venue: where it is, what it trains, how many per wave."""
    _require_view(request)
    venue = venue_get(user=request.user, code=code)
    context = {"venue": venue, "can_edit": can_register_venues(request.user)}
    return render(request, "venues/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def venue_create_view(request: HttpRequest) -> HttpResponse:
    """Register a venue (ministry, coordinators in their region)."""
    if not can_register_venues(request.user):
        raise Http404
    form = VenueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            venue = form.save()
        except ValidationError:
            pass
        else:
            messages.success(request, _("Venue %(name)s registered.") % {"name": venue.name})
            return redirect("venues:detail", code=venue.code)
    return render(request, "venues/form.html", {"form": form, "venue": None})


@login_required
@require_http_methods(["GET", "POST"])
def venue_update_view(request: HttpRequest, code: str) -> HttpResponse:
    """Edit a venue in the user's scope (capacity, fields, coordinates …)."""
    if not can_register_venues(request.user):
        raise Http404
    venue = venue_get(user=request.user, code=code)
    form = VenueForm(request.POST or None, instance=venue, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            venue = form.save()
        except ValidationError:
            pass
        else:
            messages.success(request, _("Venue %(name)s saved.") % {"name": venue.name})
            return redirect("venues:detail", code=venue.code)
    return render(request, "venues/form.html", {"form": form, "venue": venue})
