"""The batch list as a table and as export columns."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column
from inkubator.core.screens.columns import DateColumn

from .models import TrainingBatch

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


def venue(batch: TrainingBatch) -> str:
    """The centre's name, or the government venue's."""
    return batch.centre.name if batch.centre_id else batch.venue_name


class BatchTable(tables.Table):
    """Batches with their fill rate (rows from ``selectors.batch_list``)."""

    code = tables.Column(verbose_name=_("Batch code"), linkify=("training:batch", {"pk": tables.A("pk")}))
    venue = tables.Column(verbose_name=_("Venue"), empty_values=(), order_by=("centre__name", "venue_name"))
    field = tables.Column(verbose_name=_("Vocational field"), order_by=("field__name",), attrs=WIDE_ONLY)
    start_date = DateColumn(verbose_name=_("Start"), format="d-m-Y")
    end_date = DateColumn(verbose_name=_("End"), format="d-m-Y", attrs=WIDE_ONLY)
    trainees = tables.Column(verbose_name=_("Trainees"))
    fill_rate = tables.Column(verbose_name=_("Fill rate"))
    graduates = tables.Column(verbose_name=_("Graduates"), attrs=WIDE_ONLY)

    class Meta:
        model = TrainingBatch
        fields = ("code", "venue", "field", "start_date", "end_date", "trainees", "fill_rate", "graduates")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "batch-table"}
        empty_text = _("No batches match.")

    def render_venue(self, record: TrainingBatch) -> str:
        return venue(record)

    def render_trainees(self, record: Any) -> str:
        return f"{record.trainees}/{record.quota}"

    def render_fill_rate(self, value: float) -> str:
        percent = round(value)
        colour = "bg-danger" if percent < 50 else "bg-warning" if percent < 90 else "bg-success"
        return format_html(
            '<div class="d-flex align-items-center gap-2 min-w-6rem"><div class="progress flex-grow-1" '
            'role="progressbar" aria-label="{}" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100">'
            '<div class="progress-bar {}" data-width="{}"></div></div>'
            '<span class="small" data-testid="fill">{}%</span></div>',
            _("Fill rate"),
            percent,
            colour,
            min(percent, 100),
            percent,
        )


# The model fields BatchTable reads besides the fill annotations (the list page loads only these).
# ``venue``: the venue column's accessor reads the batch's own ``venue`` link before render_venue.
BATCH_PAGE_FIELDS = ("code", "centre__name", "venue_name", "venue", "field__name", "start_date", "end_date", "quota")


BATCH_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Batch code"), lambda b: b.code),
    Column(_("Venue"), venue),
    Column(_("Regency/city"), lambda b: b.regency.name),
    Column(_("Vocational field"), lambda b: b.field.name),
    Column(_("Start"), lambda b: b.start_date),
    Column(_("End"), lambda b: b.end_date),
    Column(_("Hours"), lambda b: b.hours),
    Column(_("Quota"), lambda b: b.quota),
    Column(_("Trainees"), lambda b: b.trainees),
    Column(_("Fill rate (%)"), lambda b: round(b.fill_rate)),
    Column(_("Graduates"), lambda b: b.graduates),
    Column(_("Funding source"), lambda b: b.get_funding_display()),
)
