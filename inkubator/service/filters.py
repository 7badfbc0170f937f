"""Filters of the registrations list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import RegistrationStatus, WaveStatus
from .models import IntakeWave


class ValidOrUnbound:
    """What the core list screens ask of a filter set."""

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()


class RegistrationFilter(ValidOrUnbound, django_filters.FilterSet):
    """Registrations by wave, status and field; ``q`` finds a name or a registration code."""

    q = django_filters.CharFilter(method="search", label=_("Name or registration code"))
    wave = django_filters.ModelChoiceFilter(queryset=IntakeWave.objects.all(), label=_("Intake wave"))
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Status"))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if hasattr(field, "choices") else "form-control")
        # Options joined in Python: one template per option would grow with the number of waves.
        from .forms import FastSelect

        for name in ("wave", "status"):
            field = self.form.fields[name]
            field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Registrations whose person's name contains ``value``, or whose code is ``value``."""
        return queryset.filter(Q(person__name__icontains=value) | Q(code=value.strip().upper()))


class WaveFilter(ValidOrUnbound, django_filters.FilterSet):
    """Waves by status."""

    status = django_filters.ChoiceFilter(choices=WaveStatus.choices, label=_("Status"))

    class Meta:
        model = IntakeWave
        fields: list[str] = []
