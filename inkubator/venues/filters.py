"""Filters of the venues list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import VenueKind
from .models import Venue


class VenueFilter(django_filters.FilterSet):
    """Venues by type and whether they take cohorts; ``q`` finds a name or code."""

    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    kind = django_filters.ChoiceFilter(choices=VenueKind.choices, label=_("Type"))
    active = django_filters.BooleanFilter(label=_("Taking cohorts"))

    class Meta:
        model = Venue
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if hasattr(field, "choices") else "form-control")

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()

    def search(self, queryset: QuerySet[Venue], name: str, value: str) -> QuerySet[Venue]:
        """Venues whose name or code contains ``value``."""
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))
