"""The assessment list as a table (django-tables2) and as export columns."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column
from inkubator.core.screens.columns import DateColumn

from .models import Assessment, Round

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class AssessmentTable(tables.Table):
    """Assessments in scope: centre, round, assessor, status, score and cluster."""

    centre = tables.Column(
        verbose_name=_("Centre"),
        order_by=("centre__code",),
        linkify=("assessments:assessment_detail", {"pk": tables.A("pk")}),
        accessor="centre__name",
    )
    round = tables.Column(verbose_name=_("Round"), order_by=("round__period_end", "round__name"), attrs=WIDE_ONLY)
    province = tables.Column(
        verbose_name=_("Province"),
        accessor="centre__province__name",
        order_by=("centre__province__name",),
        attrs=WIDE_ONLY,
    )
    assessor = tables.Column(verbose_name=_("Assessor"), order_by=("assessor__username",), attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("Status"))
    total_score = tables.Column(verbose_name=_("Total score"))
    cluster_code = tables.Column(verbose_name=_("Cluster"), order_by=("cluster_rank", "centre__code"))

    class Meta:
        model = Assessment
        fields = ("centre", "round", "province", "assessor", "status", "total_score", "cluster_code")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "assessment-table"}
        empty_text = _("No assessments match.")

    def render_cluster_code(self, value: str) -> str:
        return value.capitalize()


# The model fields AssessmentTable reads (the list page loads only these; the export reads whole rows).
ASSESSMENT_PAGE_FIELDS = (
    "centre__name", "centre__code", "centre__province__name", "round__name", "assessor__first_name",
    "assessor__last_name", "assessor__username", "status", "total_score", "cluster_code",
)  # fmt: skip


class RoundTable(tables.Table):
    """Rounds: name, period, instrument version and status; sortable."""

    name = tables.Column(verbose_name=_("Round"), linkify=("assessments:round_detail", {"pk": tables.A("pk")}))
    period_start = DateColumn(verbose_name=_("Period start"), short=True)
    period_end = DateColumn(verbose_name=_("Period end"), short=True, attrs=WIDE_ONLY)
    instrument = tables.Column(
        verbose_name=_("Instrument version"), order_by=("instrument__name", "instrument__version"), attrs=WIDE_ONLY
    )
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Round
        fields = ("name", "period_start", "period_end", "instrument", "status")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "round-table"}
        empty_text = _("No rounds yet.")


SELECTION_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Rank"), lambda e: e.rank),
    Column(_("Registration code"), lambda e: e.centre.code),
    Column(_("Centre"), lambda e: e.centre.name),
    Column(_("Province"), lambda e: e.centre.province.name),
    Column(_("Host type"), lambda e: str(e.centre.host.get_kind_display())),
    Column(_("Weighted score"), lambda e: e.score),
    Column(_("TOPSIS"), lambda e: e.topsis),
    Column(_("Selected"), lambda e: str(_("Yes") if e.selected else _("No"))),
    Column(_("Decision"), lambda e: str(e.get_reason_display())),
)


EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Registration code"), lambda a: a.centre.code),
    Column(_("Centre"), lambda a: a.centre.name),
    Column(_("Province"), lambda a: a.centre.province.name),
    Column(_("Regency/city"), lambda a: a.centre.regency.name),
    Column(_("Round"), lambda a: a.round.name),
    Column(_("Assessor"), lambda a: a.assessor.username if a.assessor else ""),
    Column(_("Status"), lambda a: str(a.get_status_display())),
    Column(_("Total score"), lambda a: a.total_score),
    Column(_("Cluster"), lambda a: a.cluster_code),
    Column(_("Submitted"), lambda a: a.submitted_at.date() if a.submitted_at else None),
    Column(_("Verified"), lambda a: a.verified_at.date() if a.verified_at else None),
)
