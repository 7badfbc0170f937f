"""Filters and ordering of the API lists (django-filter backend, DRF ordering)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.filters import OrderingFilter

from inkubator.centres.choices import CentreStatus, Cluster, HostKind
from inkubator.centres.models import Centre, HostInstitution, VocationalField

NOT_ASSESSED = "none"  # the cluster filter's value for centres without a cluster (as on the list page)


class CentreFilter(django_filters.FilterSet):
    """Centres by region, host kind, cohort, field, cluster, incubator designation, status; ``q`` searches."""

    q = django_filters.CharFilter(method="search", label=_("Search in name or registration code"))
    province = django_filters.CharFilter(field_name="province_id", label=_("Province code, e.g. 35"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Regency/city code, e.g. 35.78"))
    host_kind = django_filters.ChoiceFilter(field_name="host__kind", choices=HostKind.choices, label=_("Host type"))
    cohort_year = django_filters.NumberFilter(label=_("Cohort year"))
    field = django_filters.CharFilter(field_name="fields__code", label=_("Vocational field code, e.g. tik"))
    cluster = django_filters.ChoiceFilter(
        choices=[*Cluster.choices, (NOT_ASSESSED, _("Not assessed yet"))], method="filter_cluster", label=_("Cluster")
    )
    is_incubator = django_filters.BooleanFilter(label=_("Designated incubator"))
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


class HostInstitutionFilter(django_filters.FilterSet):
    """Host institutions by kind and region; ``q`` searches the name."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search in name"))
    kind = django_filters.ChoiceFilter(choices=HostKind.choices, label=_("Type"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Regency/city code, e.g. 35.78"))
    province = django_filters.CharFilter(field_name="regency__province_id", label=_("Province code, e.g. 35"))

    class Meta:
        model = HostInstitution
        fields: list[str] = []


class VocationalFieldFilter(django_filters.FilterSet):
    """Vocational fields in use (``active=true``) or retired (``active=false``)."""

    active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = VocationalField
        fields: list[str] = []


class StableOrderingFilter(OrderingFilter):
    """DRF ordering that always ends on the view's unique key, so pages neither repeat nor skip rows."""

    def get_ordering(self, request: Any, queryset: QuerySet, view: Any) -> list[str]:
        """The requested (or default) ordering, with ``view.ordering_tiebreaker`` appended."""
        ordering = list(super().get_ordering(request, queryset, view) or [])
        tiebreaker = getattr(view, "ordering_tiebreaker", "pk")
        if tiebreaker.lstrip("-") not in {term.lstrip("-") for term in ordering}:
            ordering.append(tiebreaker)
        return ordering
