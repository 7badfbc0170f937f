"""Venue pages: the scoped list, a venue's page, create and edit.

Every page starts from ``venue_list(user=...)``: a venue outside the user's scope answers 404, and so
does a page the role has no business with (its existence is not revealed).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from inkubator.core.screens import ObjectEditView, ObjectListView, page

from .filters import VenueFilter
from .forms import VenueForm
from .models import Venue
from .permissions import can_register_venues, can_view_venues
from .selectors import venue_get, venue_list
from .tables import VenueTable


class VenueListView(ObjectListView):
    """The venues in the user's scope, by code, with their capacity per wave."""

    allowed = staticmethod(can_view_venues)
    selector = staticmethod(venue_list)
    filterset_class = VenueFilter
    table_class = VenueTable
    ordering = ("code",)
    title = gettext_lazy("Training venues")
    testid = "venue"
    create = (gettext_lazy("New venue"), "venues:create", "venue-create")
    may_create = staticmethod(can_register_venues)


@page(allowed=can_view_venues)
def venue_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """One venue: where it is, what it trains, how many per wave."""
    venue = venue_get(user=request.user, code=code)
    context = {"venue": venue, "can_edit": can_register_venues(request.user)}
    return render(request, "venues/detail.html", context)


class VenueEditView(ObjectEditView):
    """Register a venue or edit one in the user's scope (ministry, coordinators in their region)."""

    allowed = staticmethod(can_register_venues)
    form_class = VenueForm
    success_message = gettext_lazy("The venue was saved.")

    def get_object(self) -> Venue | None:
        code = self.kwargs.get("code")
        return None if code is None else venue_get(user=self.request.user, code=code)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_title(self) -> str:
        return str(self.object.name) if self.object else str(gettext_lazy("New venue"))

    def get_success_url(self, saved: Venue | None) -> str:
        return reverse("venues:detail", args=[saved.code]) if saved else reverse("venues:list")
