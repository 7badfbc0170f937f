"""The centre register as tables (django-tables2) and as export columns: the lists are configuration.

The table's rows must come with ``fields`` prefetched (see ``selectors.centre_register_list``): the fields
column reads ``record.fields.all()`` for every row of a page.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

import django_tables2 as tables
from django.db import models
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column

from .choices import CentreStatus, Cluster, HostKind
from .models import Centre
from .selectors import completeness_missing

# Columns a 390px phone can do without; they come back from the "md" breakpoint up.
WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


def field_names(centre: Centre) -> str:
    """The centre's vocational fields as a comma list (from the prefetched ``fields``)."""
    return ", ".join(sorted(field.name for field in centre.fields.all()))


def yes_no(value: bool) -> str:
    """A translated yes or no."""
    return str(_("Yes") if value else _("No"))


class CentreTable(tables.Table):
    """Columns of the register list; sortable except the fields."""

    code = tables.Column(verbose_name=_("Registration code"))
    name = tables.Column(linkify=("centres:detail", {"code": tables.A("code")}), verbose_name=_("Name"))
    host = tables.Column(verbose_name=_("Host institution"), order_by=("host__name",), attrs=WIDE_ONLY)
    regency = tables.Column(verbose_name=_("Regency/city"), order_by=("regency__name",))
    province = tables.Column(verbose_name=_("Province"), order_by=("province__name",), attrs=WIDE_ONLY)
    cohort_year = tables.Column(verbose_name=_("Cohort"))
    fields = tables.Column(verbose_name=_("Vocational fields"), orderable=False, empty_values=(), attrs=WIDE_ONLY)
    cluster = tables.Column(verbose_name=_("Cluster"), attrs=WIDE_ONLY)
    is_incubator = tables.Column(verbose_name=_("Incubator"), empty_values=())
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Centre
        fields = (
            "code",
            "name",
            "host",
            "regency",
            "province",
            "cohort_year",
            "fields",
            "cluster",
            "is_incubator",
            "status",
        )
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "centre-table"}
        empty_text = _("No centres match.")

    def render_fields(self, record: Centre) -> str:
        return field_names(record) or "—"

    def render_is_incubator(self, value: bool) -> str:
        return yes_no(value)


# The model fields CentreTable reads (the list page loads only these; the export reads whole rows).
CENTRE_PAGE_FIELDS = (
    "code", "name", "host__name", "regency__name", "province__name", "cohort_year", "cluster", "is_incubator", "status",
)  # fmt: skip


class CompletenessTable(tables.Table):
    """Centres with their profile-completeness score and what they lack (rows from ``with_completeness``)."""

    code = tables.Column(verbose_name=_("Registration code"))
    name = tables.Column(linkify=("centres:detail", {"code": tables.A("code")}), verbose_name=_("Name"))
    regency = tables.Column(verbose_name=_("Regency/city"), order_by=("regency__name",), attrs=WIDE_ONLY)
    completeness = tables.Column(verbose_name=_("Completeness"), order_by=("completeness", "code"))
    missing = tables.Column(verbose_name=_("Missing"), orderable=False, empty_values=())

    class Meta:
        model = Centre
        fields = ("code", "name", "regency", "completeness", "missing")
        attrs = {"class": "table table-sm align-middle", "data-testid": "completeness-table"}
        empty_text = _("No centres match.")

    def render_completeness(self, value: int) -> str:
        # The score as a bar with its number, so it reads without colour too.
        colour = "bg-danger" if value < 50 else "bg-warning" if value < 100 else "bg-success"
        return format_html(
            '<div class="d-flex align-items-center gap-2 min-w-7rem">'
            '<div class="progress flex-grow-1" role="progressbar" aria-label="{}" aria-valuenow="{}" '
            'aria-valuemin="0" aria-valuemax="100"><div class="progress-bar {}" data-width="{}"></div></div>'
            '<span class="small text-nowrap" data-testid="score">{}%</span></div>',
            _("Completeness"),
            value,
            colour,
            value,
            value,
        )

    def render_missing(self, record: Any) -> str:
        missing = completeness_missing(record)
        if not missing:
            return str(_("Nothing: the profile is complete."))
        return ", ".join(str(label) for label in missing)


def _label(choices: type[models.Choices], path: str) -> Callable[[Centre], str]:
    """A choice's label, translated once per value and language rather than once per row.

    ``get_<field>_display()`` hashes the lazy choice list on every call: a third of an export's time.
    """
    read = attrgetter(path)
    cache: dict[tuple[str | None, str], str] = {}

    def label(centre: Centre) -> str:
        value = read(centre)
        key = (get_language(), value)
        if key not in cache:
            cache[key] = str(choices(value).label) if value in choices.values else value
        return cache[key]

    return label


def _yes_no(path: str) -> Callable[[Centre], str]:
    read = attrgetter(path)
    cache: dict[tuple[str | None, bool], str] = {}

    def answer(centre: Centre) -> str:
        key = (get_language(), bool(read(centre)))
        if key not in cache:
            cache[key] = yes_no(key[1])
        return cache[key]

    return answer


def _name_of(path: str) -> Any:
    def read(centre: Centre) -> str:
        related = getattr(centre, path)
        return related.name if related is not None else ""

    return read


# The export holds the register's facts, not its contact people: a contact person's name and
# phone are personal data, shown on the centre page to those who need them, not bulk-exported.
CENTRE_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Registration code"), lambda c: c.code),
    Column(_("Name"), lambda c: c.name),
    Column(_("Host institution"), lambda c: c.host.name),
    Column(_("Host type"), _label(HostKind, "host.kind")),
    Column(_("Province"), _name_of("province")),
    Column(_("Regency/city"), _name_of("regency")),
    Column(_("District"), _name_of("district")),
    Column(_("Village"), _name_of("village")),
    Column(_("Address"), lambda c: c.address),
    Column(_("Latitude"), lambda c: c.latitude),
    Column(_("Longitude"), lambda c: c.longitude),
    Column(_("Cohort year"), lambda c: c.cohort_year),
    Column(_("Vocational fields"), field_names),
    Column(_("Cluster"), _label(Cluster, "cluster")),
    Column(_("Incubator"), _yes_no("is_incubator")),
    Column(_("Status"), _label(CentreStatus, "status")),
)
