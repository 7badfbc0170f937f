"""The facilitator list as a table (django-tables2) and as export columns."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.centres.tables import WIDE_ONLY, yes_no
from inkubator.core.exports import Column

from .models import ActionItem, Facilitator, Plan


class FacilitatorTable(tables.Table):
    """Name, home, skills, capacity, availability."""

    name = tables.Column(verbose_name=_("Name"), linkify=("mentoring:facilitator_update", {"pk": tables.A("pk")}))
    regency = tables.Column(verbose_name=_("Home regency/city"), order_by=("regency__name",))
    skills = tables.Column(verbose_name=_("Skills"), orderable=False, empty_values=(), attrs=WIDE_ONLY)
    capacity_centres = tables.Column(verbose_name=_("Centres at once"))
    days_per_month = tables.Column(verbose_name=_("Days a month"), attrs=WIDE_ONLY)
    active = tables.Column(verbose_name=_("Available"))

    class Meta:
        model = Facilitator
        fields = ("name", "regency", "skills", "capacity_centres", "days_per_month", "active")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "facilitator-table"}
        empty_text = _("No facilitators match.")

    def render_skills(self, record: Facilitator) -> str:
        return record.skill_labels

    def render_active(self, value: bool) -> str:
        return yes_no(value)


# Home coordinates are left out: where a person lives is not bulk-exported; the regency is enough to plan.
FACILITATOR_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), lambda f: f.name),
    Column(_("Province"), lambda f: f.regency.province.name),
    Column(_("Home regency/city"), lambda f: f.regency.name),
    Column(_("Skills"), lambda f: f.skill_labels),
    Column(_("Centres at once"), lambda f: f.capacity_centres),
    Column(_("Days a month"), lambda f: f.days_per_month),
    Column(_("Available"), lambda f: yes_no(f.active)),
    Column(_("User account"), lambda f: f.user.username if f.user else ""),
)


class PlanTable(tables.Table):
    """Plans with their period, status, size and travel."""

    name = tables.Column(verbose_name=_("Name"), linkify=("mentoring:plan_detail", {"pk": tables.A("pk")}))
    period_start = tables.Column(verbose_name=_("Period start"))
    period_end = tables.Column(verbose_name=_("Period end"), attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("Status"))
    centre_count = tables.Column(verbose_name=_("Centres"), attrs={"td": {"class": "text-end"}})
    assigned_count = tables.Column(verbose_name=_("Assigned"), attrs=WIDE_ONLY)
    total_km = tables.Column(verbose_name=_("Total travel (km)"), attrs=WIDE_ONLY)

    class Meta:
        model = Plan
        fields = ("name", "period_start", "period_end", "status", "centre_count", "assigned_count", "total_km")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "plan-table"}
        row_attrs = {"data-testid": "plan-row"}
        empty_text = _("No mentoring plans yet.")


PLAN_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), lambda p: p.name),
    Column(_("Period start"), lambda p: p.period_start),
    Column(_("Period end"), lambda p: p.period_end),
    Column(_("Status"), lambda p: str(p.get_status_display())),
    Column(_("Centres"), lambda p: p.centre_count),
    Column(_("Assigned"), lambda p: p.assigned_count),
    Column(_("Total travel (km)"), lambda p: p.total_km),
    Column(_("Greedy assignment"), lambda p: p.greedy_km),
)


class ActionItemTable(tables.Table):
    """Action items across the centres in scope, to chase what is due."""

    title = tables.Column(verbose_name=_("Action"))
    centre = tables.Column(
        verbose_name=_("Centre"),
        order_by=("centre__name",),
        linkify=("mentoring:centre_progress", {"code": tables.A("centre__code")}),
    )
    focus = tables.Column(verbose_name=_("Focus"), attrs=WIDE_ONLY)
    owner = tables.Column(verbose_name=_("Owner"), attrs=WIDE_ONLY)
    due_date = tables.Column(verbose_name=_("Due date"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = ActionItem
        fields = ("title", "centre", "focus", "owner", "due_date", "status")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "action-table"}
        row_attrs = {"data-testid": "action-row"}
        empty_text = _("No action items match.")


ACTION_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Centre"), lambda a: a.centre.name),
    Column(_("Registration code"), lambda a: a.centre.code),
    Column(_("Focus"), lambda a: str(a.get_focus_display())),
    Column(_("Action"), lambda a: a.title),
    Column(_("Owner"), lambda a: a.owner),
    Column(_("Due date"), lambda a: a.due_date),
    Column(_("Status"), lambda a: str(a.get_status_display())),
)
