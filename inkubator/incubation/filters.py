"""Filters of the tenant list (and its export): search, incubator, stage, source programme."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import SourceProgramme, Stage
from .models import Tenant
from .selectors import incubator_list, tenants_missing_report

ANY = _("Any")


class TenantFilter(django_filters.FilterSet):
    """Tenants by name or business, incubator (code), stage and source programme."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or business")}),
    )
    incubator = django_filters.ModelChoiceFilter(
        label=_("Incubator"), to_field_name="code", queryset=None, empty_label=ANY
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=ANY)
    source_programme = django_filters.ChoiceFilter(
        label=_("Source programme"), choices=SourceProgramme.choices, empty_label=ANY
    )
    group = django_filters.BooleanFilter(
        label=_("Person or group"),
        method="filter_group",
        widget=forms.Select(choices=[("", ANY), ("false", _("One person")), ("true", _("Group"))]),
    )
    missing = django_filters.BooleanFilter(
        label=_("Last month's figures missing"),
        method="filter_missing",
        widget=forms.Select(choices=[("", ANY), ("true", _("Yes"))]),
    )

    class Meta:
        model = Tenant
        fields = ["q", "incubator", "stage", "source_programme", "group", "missing"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # The select shows "name (code)": the centres' other columns are not read (a hundred centres nationally).
        self.form.fields["incubator"].queryset = incubator_list(user=user).only("code", "name")
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def search(self, queryset: QuerySet[Tenant], name: str, value: str) -> QuerySet[Tenant]:
        """Every word in the person's, the group's or the business's name."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(person__name__icontains=word) | Q(business__name__icontains=word) | Q(group_name__icontains=word)
            )
        return queryset

    def filter_group(self, queryset: QuerySet[Tenant], name: str, value: bool | None) -> QuerySet[Tenant]:
        """Groups (kelompok) only, or tenants who are one person only."""
        if value is None:
            return queryset
        return queryset.exclude(group_name="") if value else queryset.filter(group_name="")

    def filter_missing(self, queryset: QuerySet[Tenant], name: str, value: bool | None) -> QuerySet[Tenant]:
        """Tenants still in the pipeline without figures for the last month past its deadline (the home's count)."""
        if not value:
            return queryset
        missing = tenants_missing_report(user=self.user, today=timezone.localdate())
        return queryset.filter(pk__in=missing.values("pk"))

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()
