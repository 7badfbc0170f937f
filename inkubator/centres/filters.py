"""Filters of the centre register (django-filter): the list, its export and the completeness list.

Scope is not decided here: the filters narrow a queryset that already went through
``visible_to``. Province and regency values are therefore validated against the whole region list
(filtering by a region outside the scope simply finds nothing), while the *options shown* are
limited to the user's scope where that costs one small query.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything, user_scope
from inkubator.regions.choices import Level
from inkubator.regions.models import Province, Regency

from .choices import CentreStatus, Cluster, HostKind
from .models import FIRST_COHORT, Centre
from .selectors import vocational_field_list

NOT_ASSESSED = "none"  # the cluster filter's value for centres without a cluster yet
ANY = _("Any")


class NarrowedChoices(ModelChoiceIterator):
    """The options of a model select drawn from another queryset than the one that validates.

    Validation accepts any region (scope is applied to the rows anyway); the options offered are the
    few that make sense (the chosen province's regencies, the user's provinces).
    """

    def __init__(self, field: forms.ModelChoiceField, queryset: QuerySet) -> None:
        super().__init__(field)
        self.queryset = queryset


def narrow(field: forms.ModelChoiceField, queryset: QuerySet) -> None:
    """Offer only ``queryset`` in ``field``'s select, keeping its validation queryset."""
    field.widget.choices = NarrowedChoices(field, queryset)


def region_select(level: str, parent_field: str) -> forms.Select:
    """A select that reloads its options from ``regions:options`` when the parent select changes.

    ``regions:options`` reads the parent's value under the parent's field name (htmx sends the
    included select as ``province=32``) and keeps this select's current value when it still fits.
    Without JavaScript the form simply submits and the options are narrowed by the server.
    """
    parent = f"#id_{parent_field}"
    return forms.Select(
        attrs={
            "class": "form-select",
            "hx-get": reverse_lazy("regions:options"),
            "hx-trigger": f"change from:{parent}, htmx:afterSwap from:{parent}",
            "hx-include": parent,
            "hx-vals": f'{{"level": "{level}", "scoped": "1"}}',
            "hx-target": "this",
            "hx-swap": "innerHTML",
        }
    )


def cohort_choices() -> list[tuple[str, str]]:
    """Every cohort year from the first build aid to next year."""
    return [(str(year), str(year)) for year in range(FIRST_COHORT, timezone.localdate().year + 2)]


class ScopedRegionFilterSet(django_filters.FilterSet):
    """A filter set with province and regency selects whose options follow the user's scope."""

    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.all(), empty_label=ANY, widget=forms.Select
    )
    regency = django_filters.ModelChoiceFilter(
        label=_("Regency/city"),
        queryset=Regency.objects.all(),
        empty_label=ANY,
        widget=region_select(Level.REGENCY, "province"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self._narrow_regions()
        self._hide_filters_that_cannot_narrow()
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def _hide_filters_that_cannot_narrow(self) -> None:
        """A province (regency/city) select is not shown to a user whose centres all lie in one: it would
        only repeat their scope. It stays a hidden field, so a link naming a place still filters by it."""
        role = getattr(self.user, "role", None)
        if sees_everything(self.user) or role not in (Role.CENTRE_MANAGER, Role.REGIONAL_COORDINATOR):
            return
        # Read from the role and the scope already cached for the request: no query for this.
        hidden: set[str] = {"province", "regency"}
        if role == Role.REGIONAL_COORDINATOR:
            scope = user_scope(self.user)
            if len(scope.province_codes) + len(scope.regency_codes) != 1:
                hidden = set()
            elif scope.province_codes:
                hidden = {"province"}  # one province: its regencies/cities are still to choose from
                if "regency" in self.form.fields:
                    regencies = Regency.objects.filter(province_id=scope.province_codes[0]).order_by("name")
                    narrow(self.form.fields["regency"], regencies)
        for name in hidden & set(self.form.fields):
            self.form.fields[name].widget = forms.HiddenInput()

    def _narrow_regions(self) -> None:
        if sees_everything(self.user):
            provinces: QuerySet[Province] = Province.objects.all()
            regencies: QuerySet[Regency] = Regency.objects.all()
        else:
            # The regions that hold a centre the user sees: one subquery, no list in Python.
            visible = Centre.objects.visible_to(self.user)
            provinces = Province.objects.filter(code__in=visible.values("province_id"))
            regencies = Regency.objects.filter(code__in=visible.values("regency_id"))
        province = self.data.get(self.form.add_prefix("province")) if self.is_bound else None
        regency = self.data.get(self.form.add_prefix("regency")) if self.is_bound else None
        # A link may name a regency alone: offer its province's regencies so the choice shows.
        province = province or (regency.split(".")[0] if regency else None)
        # Only the chosen province's regencies; none to choose from until a province is chosen.
        regencies = regencies.filter(province_id=province) if province else regencies.none()
        narrow(self.form.fields["province"], provinces.order_by("name"))
        narrow(self.form.fields["regency"], regencies.order_by("name"))

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()


class CentreFilter(ScopedRegionFilterSet):
    """The register list and its export: search, regions, host type, cohort, field, cluster, …"""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, code or host")}),
    )
    host_kind = django_filters.ChoiceFilter(
        label=_("Host type"), field_name="host__kind", choices=HostKind.choices, empty_label=ANY
    )
    cohort_year = django_filters.ChoiceFilter(label=_("Cohort year"), choices=cohort_choices, empty_label=ANY)
    field = django_filters.ModelChoiceFilter(
        label=_("Vocational field"),
        field_name="fields",
        to_field_name="code",
        queryset=vocational_field_list(),
        empty_label=ANY,
    )
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        choices=[*Cluster.choices, (NOT_ASSESSED, _("Not yet assessed"))],
        empty_label=ANY,
        method="filter_cluster",
    )
    incubator = django_filters.BooleanFilter(
        label=_("Incubator"),
        field_name="is_incubator",
        widget=forms.Select(choices=[("", ANY), ("true", _("Yes")), ("false", _("No"))]),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CentreStatus.choices, empty_label=ANY)

    class Meta:
        model = Centre
        fields = ["q", "province", "regency", "host_kind", "cohort_year", "field", "cluster", "incubator", "status"]

    def search(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        """Name, registration code or host institution name containing the words typed."""
        for word in value.split()[:5]:  # every word must match somewhere; a few words are enough
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(code__icontains=word) | Q(host__name__icontains=word)
            )
        return queryset

    def filter_cluster(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        """A cluster, or the centres no assessment has placed yet."""
        return queryset.filter(cluster="" if value == NOT_ASSESSED else value)


class CompletenessFilter(ScopedRegionFilterSet):
    """The completeness list: narrowed by province and regency."""

    class Meta:
        model = Centre
        fields = ["province", "regency"]
