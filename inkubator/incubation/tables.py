"""The tenant list as a table (django-tables2) and as export columns."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column
from inkubator.core.screens.columns import DateColumn

from .choices import SourceProgramme, Stage
from .models import Tenant

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class TenantTable(tables.Table):
    """Tenants: name (to the profile), business, incubator, stage, source, joined."""

    # A group (kelompok) is listed by its name, a tenant who is one person by theirs.
    name = tables.Column(
        verbose_name=_("Name"),
        accessor="display_name",
        order_by=("group_name", "person_name"),  # person_name: the person's name, kept on the tenant (indexed)
        linkify=("incubation:tenant_detail", {"pk": tables.A("pk")}),
    )
    business = tables.Column(verbose_name=_("Business"), accessor="business__name", order_by=("business__name",))
    incubator = tables.Column(
        verbose_name=_("Incubator"), accessor="where", order_by=("incubator__name", "venue_name"), attrs=WIDE_ONLY
    )
    stage = tables.Column(verbose_name=_("Stage"))
    source_programme = tables.Column(verbose_name=_("Source programme"), attrs=WIDE_ONLY)
    joined_on = DateColumn(verbose_name=_("Joined on"), attrs=WIDE_ONLY)

    class Meta:
        model = Tenant
        fields = ("name", "business", "incubator", "stage", "source_programme", "joined_on")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "tenant-table"}
        order_by = ("name",)


# The model fields TenantTable reads (the list page loads only these; the export reads whole rows).
TENANT_PAGE_FIELDS = (
    "group_name", "person__name", "business__name", "incubator__name", "venue_name", "stage", "source_programme",
    "joined_on",
)  # fmt: skip


TENANT_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), lambda t: t.person.name),
    Column(_("Group name"), lambda t: t.group_name),
    Column(_("Business"), lambda t: t.business.name),
    Column(_("Sector"), lambda t: t.business.sector),
    Column(_("KBLI code"), lambda t: t.business.kbli_code),
    Column(_("Incubator"), lambda t: t.where),
    Column(_("Incubator code"), lambda t: t.incubator.code if t.incubator_id else ""),
    Column(_("Regency/city"), lambda t: t.regency.name),
    Column(_("Stage"), lambda t: str(Stage(t.stage).label)),
    Column(_("Source programme"), lambda t: str(SourceProgramme(t.source_programme).label)),
    Column(_("Joined on"), lambda t: t.joined_on),
    Column(_("Workers"), lambda t: t.business.workers),
)
