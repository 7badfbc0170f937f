"""Filters of the centre list."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from inkubator.regions.models import Province

from .models import Centre


class CentreFilter(django_filters.FilterSet):
    """Search by name or code, narrow by province, status and cohort year."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    province = django_filters.ModelChoiceFilter(label=_("Province"), queryset=Province.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Centre.Status.choices)
    cohort_year = django_filters.NumberFilter(label=_("Cohort year"))

    class Meta:
        model = Centre
        fields = ["q", "province", "status", "cohort_year"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = field.widget.input_type == "select" if hasattr(field.widget, "input_type") else False
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def search(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))
