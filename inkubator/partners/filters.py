"""Filters of the partner and agreement lists (and their exports)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.regions.models import Province

from .models import Partner, PartnerAgreement
from .pages import ANY, StyledFilterSet
from .selectors import EXPIRY_WARNING_DAYS


class PartnerFilter(StyledFilterSet):
    """Partners by name, kind, province of work and whether active."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or short name")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Partner.Kind.choices, empty_label=ANY)
    province = django_filters.ModelChoiceFilter(
        label=_("Works in"), queryset=Province.objects.order_by("name"), method="works_in", empty_label=ANY
    )
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Partner
        fields = ["q", "kind", "province", "active"]

    def search(self, queryset: QuerySet[Partner], name: str, value: str) -> QuerySet[Partner]:
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
        return queryset

    def works_in(self, queryset: QuerySet[Partner], name: str, value: Any) -> QuerySet[Partner]:
        """Partners working in the province, nationwide ones included."""
        return queryset.filter(Q(provinces=value) | Q(provinces__isnull=True)).distinct()


class AgreementFilter(StyledFilterSet):
    """Agreements by partner, kind, party, status and those about to expire."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Number, title or partner")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PartnerAgreement.Kind.choices, empty_label=ANY)
    party = django_filters.ChoiceFilter(label=_("Signed with"), choices=PartnerAgreement.Party.choices, empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PartnerAgreement.Status.choices, empty_label=ANY)
    expiring = django_filters.BooleanFilter(label=_("Ends within 90 days"), method="filter_expiring")

    class Meta:
        model = PartnerAgreement
        fields = ["q", "kind", "party", "status", "expiring"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(number__icontains=word) | Q(title__icontains=word) | Q(partner__name__icontains=word)
            )
        return queryset

    def filter_expiring(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        soon = Q(
            status=PartnerAgreement.Status.ACTIVE,
            ends_on__lte=timezone.localdate() + timezone.timedelta(days=EXPIRY_WARNING_DAYS),
        )
        return queryset.filter(soon) if value else queryset.exclude(soon)
