"""The venues list as a table (django-tables2)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Venue

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class VenueTable(tables.Table):
    """Venues: code (to the venue), name, type, regency, capacity per wave."""

    code = tables.Column(verbose_name=_("Code"), linkify=("venues:detail", {"code": tables.A("code")}))
    name = tables.Column(verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Type"), attrs=WIDE_ONLY)
    regency = tables.Column(verbose_name=_("Regency/city"), accessor="regency__name", attrs=WIDE_ONLY)
    capacity_per_wave = tables.Column(verbose_name=_("Capacity per wave"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Venue
        fields = ("code", "name", "kind", "regency", "capacity_per_wave")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "venue-table"}
