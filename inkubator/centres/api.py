"""REST API of the register: centres, host institutions and vocational fields (read-only, scoped).

Every endpoint is a ``ScopedReadOnlyViewSet`` over a selector that starts from ``visible_to``: a centre
or host institution outside the user's scope answers 404. The representations are in
``serializers.py``; the API's filters take codes (``province=35``), not the page filters' selects.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import StrictBooleanFilter, YearFilter

from . import selectors
from .choices import CentreStatus, Cluster, HostKind
from .filters import NOT_ASSESSED
from .models import Centre, HostInstitution, VocationalField
from .serializers import CentreSerializer, HostInstitutionSerializer, VocationalFieldSerializer


class CentreApiFilter(django_filters.FilterSet):
    """Centres by region, host kind, cohort, field, cluster, incubator designation, status; ``q`` searches."""

    q = django_filters.CharFilter(method="search", label=_("Search in name or registration code"))
    province = django_filters.CharFilter(field_name="province_id", label=_("Province code, e.g. 35"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Regency/city code, e.g. 35.78"))
    host_kind = django_filters.ChoiceFilter(field_name="host__kind", choices=HostKind.choices, label=_("Host type"))
    cohort_year = YearFilter(label=_("Cohort year"))
    field = django_filters.CharFilter(field_name="fields__code", label=_("Vocational field code, e.g. tik"))
    cluster = django_filters.ChoiceFilter(
        choices=[*Cluster.choices, (NOT_ASSESSED, _("Not assessed yet"))], method="filter_cluster", label=_("Cluster")
    )
    is_incubator = StrictBooleanFilter(label=_("Designated incubator"))
    status = django_filters.ChoiceFilter(choices=CentreStatus.choices, label=_("Status"))

    class Meta:
        model = Centre
        fields: list[str] = []

    def search(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        """Centres whose name or registration code contains ``value`` (case-insensitive)."""
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_cluster(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        """Centres in cluster ``value``; ``none`` for those no assessment has placed yet."""
        return queryset.filter(cluster="" if value == NOT_ASSESSED else value)


class HostInstitutionApiFilter(django_filters.FilterSet):
    """Host institutions by kind and region; ``q`` searches the name."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search in name"))
    kind = django_filters.ChoiceFilter(choices=HostKind.choices, label=_("Type"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Regency/city code, e.g. 35.78"))
    province = django_filters.CharFilter(field_name="regency__province_id", label=_("Province code, e.g. 35"))

    class Meta:
        model = HostInstitution
        fields: list[str] = []


class VocationalFieldApiFilter(django_filters.FilterSet):
    """Vocational fields in use (``active=true``) or retired (``active=false``)."""

    active = StrictBooleanFilter(label=_("In use"))

    class Meta:
        model = VocationalField
        fields: list[str] = []


class CentreViewSet(ScopedReadOnlyViewSet):
    """Centres (BLK Komunitas) the user may see, looked up by registration code."""

    selector = selectors.centre_api_list
    serializer_class = CentreSerializer
    filterset_class = CentreApiFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/\x00]+"  # no NUL: PostgreSQL refuses it in a text comparison (a 500, not a 404)
    lookup_description = _("Registration code")
    ordering_fields = ("code", "name", "cohort_year", "status", "updated_at", "province", "regency")
    ordering = ("code",)
    ordering_tiebreaker = "code"
    list_summary = _("List the centres in your scope")
    retrieve_summary = _("One centre by registration code")


class HostInstitutionViewSet(ScopedReadOnlyViewSet):
    """Institutions that run centres (lembaga pengelola), within the user's scope."""

    selector = selectors.host_institution_api_list
    serializer_class = HostInstitutionSerializer
    filterset_class = HostInstitutionApiFilter
    ordering_fields = ("name", "kind", "regency", "updated_at")
    ordering = ("name",)
    list_summary = _("List the host institutions in your scope")
    retrieve_summary = _("One host institution")


class VocationalFieldViewSet(ScopedReadOnlyViewSet):
    """The master list of vocational fields (kejuruan): reference data for every signed-in user."""

    selector = selectors.vocational_field_api_list
    serializer_class = VocationalFieldSerializer
    filterset_class = VocationalFieldApiFilter
    lookup_field = "code"
    ordering_fields = ("code", "name")
    ordering = ("name",)
    ordering_tiebreaker = "code"
    list_summary = _("List the vocational fields")
    retrieve_summary = _("One vocational field by code")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("centres", CentreViewSet, basename="centre")
    router.register("host-institutions", HostInstitutionViewSet, basename="host-institution")
    router.register("vocational-fields", VocationalFieldViewSet, basename="vocational-field")
