"""The partner and agreement lists as tables (django-tables2) and as export columns."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column
from inkubator.core.masking import mask_identifier
from inkubator.core.screens.columns import DateColumn

from .models import Partner, PartnerAgreement

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}
TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}


def _provinces(partner: Partner) -> str:
    names = [p.name for p in partner.provinces.all()]
    return ", ".join(names) if names else str(_("Nationwide"))


class PartnerTable(tables.Table):
    """Partners: name (to its page), kind, where it works, active."""

    name = tables.Column(verbose_name=_("Name"), linkify=("partners:detail", {"pk": tables.A("pk")}))
    short_name = tables.Column(verbose_name=_("Short name"), attrs=WIDE_ONLY)
    kind = tables.Column(verbose_name=_("Kind"))
    provinces = tables.Column(verbose_name=_("Works in"), accessor="pk", orderable=False, attrs=WIDE_ONLY)
    active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = Partner
        fields = ("name", "short_name", "kind", "provinces", "active")
        attrs = {**TABLE_ATTRS, "data-testid": "partner-table"}
        order_by = ("name",)

    def render_provinces(self, record: Partner) -> str:
        return _provinces(record)


PARTNER_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Name"), lambda p: p.name),
    Column(_("Short name"), lambda p: p.short_name),
    Column(_("Kind"), lambda p: str(Partner.Kind(p.kind).label)),
    Column(_("Head office province"), lambda p: p.province.name if p.province_id else ""),
    Column(_("Works in"), _provinces),
    Column(_("Website"), lambda p: p.website),
    Column(_("Contact person"), lambda p: p.contact_name),
    Column(_("Contact email"), lambda p: p.contact_email),
    Column(_("Contact phone"), lambda p: mask_identifier(p.contact_phone)),
    Column(_("Active"), lambda p: p.active),
)


class AgreementTable(tables.Table):
    """Agreements: number, partner, signed with, period, value, status."""

    number = tables.Column(verbose_name=_("Number"), linkify=("partners:agreement_edit", {"pk": tables.A("pk")}))
    title = tables.Column(verbose_name=_("Title"), attrs=WIDE_ONLY)
    partner = tables.Column(verbose_name=_("Partner"), order_by=("partner__name",))
    party = tables.Column(verbose_name=_("Signed with"), attrs=WIDE_ONLY)
    ends_on = DateColumn(verbose_name=_("Ends on"))
    value = tables.Column(verbose_name=_("Value (Rp)"), attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = PartnerAgreement
        fields = ("number", "title", "partner", "party", "ends_on", "value", "status")
        attrs = {**TABLE_ATTRS, "data-testid": "agreement-table"}
        order_by = ("ends_on",)

    def render_party(self, record: PartnerAgreement) -> str:
        where = record.centre.name if record.centre_id else (record.province.name if record.province_id else "")
        return f"{record.get_party_display()} {where}".strip()

    def render_value(self, value: int) -> str:
        return f"{value:,}".replace(",", ".")


AGREEMENT_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Number"), lambda a: a.number),
    Column(_("Title"), lambda a: a.title),
    Column(_("Partner"), lambda a: a.partner.name),
    Column(_("Kind"), lambda a: str(PartnerAgreement.Kind(a.kind).label)),
    Column(_("Signed with"), lambda a: str(PartnerAgreement.Party(a.party).label)),
    Column(_("Province"), lambda a: a.province.name if a.province_id else ""),
    Column(_("Centre"), lambda a: a.centre.name if a.centre_id else ""),
    Column(_("Signed on"), lambda a: a.signed_on),
    Column(_("Starts on"), lambda a: a.starts_on),
    Column(_("Ends on"), lambda a: a.ends_on),
    Column(_("Value (Rp)"), lambda a: a.value),
    Column(_("Status"), lambda a: str(PartnerAgreement.Status(a.status).label)),
)
