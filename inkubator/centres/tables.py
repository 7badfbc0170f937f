"""The centre list as a table (django-tables2): sortable columns, linked names."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Centre


class CentreTable(tables.Table):
    """Columns of the centre list."""

    name = tables.Column(linkify=("centres:detail", {"code": tables.A("code")}), verbose_name=_("Name"))
    regency = tables.Column(verbose_name=_("Regency/city"), order_by=("regency__name",))
    province = tables.Column(verbose_name=_("Province"), order_by=("province__name",))

    class Meta:
        model = Centre
        fields = ("code", "name", "regency", "province", "cohort_year", "status")
        attrs = {"class": "table table-sm table-hover"}
        empty_text = _("No centres match.")
