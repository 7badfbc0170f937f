"""Filters of the facilitator list (django-filter). Scope is applied before: these only narrow."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from inkubator.centres.choices import MentoringFocus
from inkubator.centres.filters import ANY, ScopedRegionFilterSet

from .choices import SKILL_FIELDS, ActionStatus, PlanStatus
from .models import ActionItem, Facilitator, Plan


class FacilitatorFilter(ScopedRegionFilterSet):
    """Search by name, home province and regency, skill, availability."""

    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.TextInput(attrs={"type": "search"}))
    skill = django_filters.ChoiceFilter(
        label=_("Skill"), choices=MentoringFocus.choices, empty_label=ANY, method="by_skill"
    )
    active = django_filters.BooleanFilter(
        label=_("Available for assignment"),
        widget=forms.Select(choices=[("", ANY), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Facilitator
        fields = ["q", "province", "regency", "skill", "active"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The inherited province/regency filters name Centre fields; a facilitator's are on the home regency.
        data = dict(self.form.cleaned_data)
        province, regency = data.pop("province", None), data.pop("regency", None)
        if province is not None:
            queryset = queryset.filter(regency__province=province)
        if regency is not None:
            queryset = queryset.filter(regency=regency)
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search(self, queryset: QuerySet[Facilitator], name: str, value: str) -> QuerySet[Facilitator]:
        """Name or home regency containing the words typed."""
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(regency__name__icontains=word))
        return queryset

    def by_skill(self, queryset: QuerySet[Facilitator], name: str, value: str) -> QuerySet[Facilitator]:
        """Facilitators who can mentor the chosen focus."""
        return queryset.filter(**{SKILL_FIELDS[value]: True})


class PlanFilter(django_filters.FilterSet):
    """Plans by name and status."""

    q = django_filters.CharFilter(
        label=_("Search"), field_name="name", lookup_expr="icontains", widget=forms.TextInput(attrs={"type": "search"})
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PlanStatus.choices, empty_label=ANY)

    class Meta:
        model = Plan
        fields = ["q", "status"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked."""
        return not self.is_bound or self.form.is_valid()


class ActionItemFilter(ScopedRegionFilterSet):
    """Action items by centre region, focus, status, and those overdue."""

    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.TextInput(attrs={"type": "search"}))
    focus = django_filters.ChoiceFilter(label=_("Focus"), choices=MentoringFocus.choices, empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices, empty_label=ANY)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", ANY), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = ActionItem
        fields = ["q", "province", "regency", "focus", "status", "overdue"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The inherited region filters name Centre fields; an action item reaches them through its centre.
        data = dict(self.form.cleaned_data)
        province, regency = data.pop("province", None), data.pop("regency", None)
        if province is not None:
            queryset = queryset.filter(centre__province=province)
        if regency is not None:
            queryset = queryset.filter(centre__regency=regency)
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search(self, queryset: QuerySet[ActionItem], name: str, value: str) -> QuerySet[ActionItem]:
        """The action, its owner or the centre's name or code containing the words typed."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(owner__icontains=word)
                | Q(centre__name__icontains=word)
                | Q(centre__code__icontains=word)
            )
        return queryset

    def filter_overdue(self, queryset: QuerySet[ActionItem], name: str, value: bool) -> QuerySet[ActionItem]:
        """Open items past their due date (or, with "no", everything else)."""
        overdue = Q(status=ActionStatus.OPEN, due_date__lt=datetime.date.today())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
