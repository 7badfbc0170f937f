"""Filters of the batch list and its export (django-filter over a queryset already through ``visible_to``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.centres.filters import ANY, ScopedRegionFilterSet
from inkubator.centres.models import VocationalField

from .choices import FundingSource, VenueKind
from .models import TrainingBatch

FIRST_TRAINING_YEAR = 2017


def year_choices() -> list[tuple[str, str]]:
    """Every year batches may have started in, newest first."""
    return [(str(year), str(year)) for year in range(timezone.localdate().year + 1, FIRST_TRAINING_YEAR - 1, -1)]


class BatchFilter(ScopedRegionFilterSet):
    """Search (code, centre), region, field, year, venue and funding."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Batch code or centre")}),
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Vocational field"), queryset=VocationalField.objects.all(), empty_label=ANY
    )
    year = django_filters.ChoiceFilter(
        label=_("Year started"), choices=year_choices, field_name="start_date__year", empty_label=ANY
    )
    venue_kind = django_filters.ChoiceFilter(label=_("Venue"), choices=VenueKind.choices, empty_label=ANY)
    funding = django_filters.ChoiceFilter(label=_("Funding source"), choices=FundingSource.choices, empty_label=ANY)

    class Meta:
        model = TrainingBatch
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The region filters of the register work on a centre's regency; a batch has its own.
        self.filters["province"].field_name = "regency__province"
        self.filters["regency"].field_name = "regency"

    def search(self, queryset: QuerySet[TrainingBatch], name: str, value: str) -> QuerySet[TrainingBatch]:
        return queryset.filter(
            Q(code__icontains=value) | Q(centre__name__icontains=value) | Q(venue_name__icontains=value)
        )
