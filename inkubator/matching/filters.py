"""Filters of the contribution, offer and match lists (and their exports)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from inkubator.core.api.filtering import IdFilter, YearFilter
from inkubator.partners.pages import ANY, StyledFilterSet

from .choices import ContributionKind, MatchStatus, OfferKind, OfferStatus
from .models import Contribution, Match, Offer


def _search(placeholder: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class ContributionFilter(StyledFilterSet):
    """Contributions by text, kind, centre code and year given."""

    q = _search(_("What, partner or centre"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ContributionKind.choices, empty_label=ANY)
    centre = django_filters.CharFilter(label=_("Centre code"), field_name="centre__code")
    year = YearFilter(label=_("Year"), field_name="given_on__year")

    class Meta:
        model = Contribution
        fields = ["q", "kind", "centre", "year"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(partner__name__icontains=word) | Q(centre__name__icontains=word)
            )
        return queryset


class OfferFilter(StyledFilterSet):
    """Offers by text, kind, status and the province they are open in."""

    q = _search(_("Title, partner or buyer"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OfferKind.choices, empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OfferStatus.choices, empty_label=ANY)

    class Meta:
        model = Offer
        fields = ["q", "kind", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(partner__name__icontains=word) | Q(buyer__icontains=word)
            )
        return queryset


class MatchFilter(StyledFilterSet):
    """Matches by tenant or offer, status, kind of offer and offer (``offer=<id>``)."""

    q = _search(_("Tenant, business or offer"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MatchStatus.choices, empty_label=ANY)
    kind = django_filters.ChoiceFilter(
        label=_("Kind of offer"), field_name="offer__kind", choices=OfferKind.choices, empty_label=ANY
    )
    offer = IdFilter(label=_("Offer number"), field_name="offer_id")

    class Meta:
        model = Match
        fields = ["q", "status", "kind", "offer"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(tenant__person__name__icontains=word)
                | Q(tenant__business__name__icontains=word)
                | Q(offer__title__icontains=word)
            )
        return queryset
