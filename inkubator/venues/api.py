"""REST API of the venues register (read-only, scoped): a venue outside the user's scope answers 404."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet

from . import selectors
from .choices import VenueKind
from .models import Venue
from .serializers import VenueSerializer


class VenueApiFilter(django_filters.FilterSet):
    """Venues by type, region, field and whether they take cohorts."""

    kind = django_filters.ChoiceFilter(choices=VenueKind.choices, label=_("Type"))
    province = django_filters.CharFilter(field_name="regency__province_id", label=_("Province code, e.g. 32"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Regency/city code, e.g. 32.16"))
    field = django_filters.CharFilter(field_name="fields__code", label=_("Vocational field code, e.g. tik"))
    active = django_filters.BooleanFilter(label=_("Taking cohorts"))

    class Meta:
        model = Venue
        fields: list[str] = []


class VenueViewSet(ScopedReadOnlyViewSet):
    """Training venues of the laid-off workers' service in the user's scope, looked up by code."""

    selector = selectors.venue_list
    serializer_class = VenueSerializer
    filterset_class = VenueApiFilter
    prefetch_related = ("fields",)
    lookup_field = "code"
    lookup_value_regex = r"[^/\x00]+"  # no NUL: PostgreSQL refuses it in a text comparison (a 500, not a 404)
    lookup_description = _("Venue code")
    ordering_fields = ("code", "name", "capacity_per_wave", "updated_at")
    ordering = ("code",)
    ordering_tiebreaker = "code"
    list_summary = _("List the training venues in your scope")
    retrieve_summary = _("One training venue by code")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("venues", VenueViewSet, basename="venue")
