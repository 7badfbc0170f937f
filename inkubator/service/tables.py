"""The registrations list as a table (django-tables2): NIK masked, no contact details."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.core.masking import mask_identifier
from inkubator.core.screens.columns import DateColumn

from .models import IntakeWave, Registration

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class RegistrationTable(tables.Table):
    """Registrants: name (to the registration), NIK masked, home, field, status, venue, submitted."""

    name = tables.Column(
        verbose_name=_("Name"),
        accessor="person__name",
        order_by=("person__name",),
        linkify=("service:registration_detail", {"pk": tables.A("pk")}),
    )
    nik = tables.Column(verbose_name=_("NIK"), accessor="person__nik", orderable=False, attrs=WIDE_ONLY)
    regency = tables.Column(verbose_name=_("Home regency/city"), accessor="regency__name", attrs=WIDE_ONLY)
    field = tables.Column(verbose_name=_("Business field"), accessor="field__name", attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("Status"))
    venue = tables.Column(verbose_name=_("Venue"), accessor="venue__name", default="—", attrs=WIDE_ONLY)
    submitted_at = DateColumn(verbose_name=_("Submitted"), attrs=WIDE_ONLY)

    class Meta:
        model = Registration
        fields = ("name", "nik", "regency", "field", "status", "venue", "submitted_at")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "registration-table"}

    def render_nik(self, value: str) -> str:
        return mask_identifier(value)


class WaveTable(tables.Table):
    """Intake waves: name (to the wave), dates, status."""

    name = tables.Column(verbose_name=_("Name"), linkify=("service:wave_detail", {"pk": tables.A("pk")}))
    opens_on = DateColumn(verbose_name=_("Registration opens"))
    closes_on = DateColumn(verbose_name=_("Registration closes"))
    training_starts_on = DateColumn(verbose_name=_("Training starts"), attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = IntakeWave
        fields = ("name", "opens_on", "closes_on", "training_starts_on", "status")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "wave-table"}
