"""Filters of the assessment list. Scope is not decided here: the queryset went through ``visible_to``."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from inkubator.regions.models import Province

from .choices import AssessmentStatus, RoundStatus
from .models import Assessment, Round

ANY = _("Any")


class AssessmentFilter(django_filters.FilterSet):
    """Round, province, status, cluster and a centre search."""

    q = django_filters.CharFilter(label=_("Centre name or code"), method="search")
    round = django_filters.ModelChoiceFilter(label=_("Round"), queryset=Round.objects.all(), empty_label=ANY)
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), field_name="centre__province", queryset=Province.objects.all(), empty_label=ANY
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssessmentStatus.choices, empty_label=ANY)
    cluster = django_filters.CharFilter(label=_("Cluster"), field_name="cluster_code")

    class Meta:
        model = Assessment
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Options follow the scope; validation accepts any round (rows are scoped anyway).
        self.form.fields["round"].queryset = Round.objects.visible_to(user).order_by("-period_end")
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(centre__name__icontains=value) | queryset.filter(centre__code__icontains=value)


class RoundFilter(django_filters.FilterSet):
    """The rounds' status."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=RoundStatus.choices, empty_label=ANY)

    class Meta:
        model = Round
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["status"].widget.attrs.setdefault("class", "form-select")
