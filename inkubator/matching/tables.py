"""Contribution, offer and match lists as tables and as export columns; the bank's list of proposals."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from inkubator.core.exports import Column
from inkubator.core.masking import mask_identifier
from inkubator.core.screens.columns import DateColumn

from .choices import ContributionKind, MatchStatus, OfferKind, OfferStatus
from .models import Contribution, Match, Offer

WIDE_ONLY = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}
TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}


def _rp(value: int | None) -> str:
    return f"{value:,}".replace(",", ".") if value else "—"


def _recipient(c: Contribution) -> str:
    if c.tenant_id:
        return c.tenant.display_name
    if c.batch_id:  # a laid-off workers' cohort is a batch at a venue: named with it
        return f"{c.batch.code} · {c.batch.venue.name}" if c.batch.venue_id else c.batch.code
    return c.centre.name if c.centre_id else ""


class ContributionTable(tables.Table):
    """Contributions: what, partner, to whom, value, date."""

    title = tables.Column(verbose_name=_("What was given"))
    partner = tables.Column(verbose_name=_("Partner"), order_by=("partner__name",))
    kind = tables.Column(verbose_name=_("Kind"), attrs=WIDE_ONLY)
    recipient = tables.Column(verbose_name=_("To"), accessor="pk", orderable=False)
    centre = tables.Column(verbose_name=_("Centre"), order_by=("centre__name",), attrs=WIDE_ONLY)
    value = tables.Column(verbose_name=_("Value (Rp)"))
    given_on = DateColumn(verbose_name=_("Given on"))

    class Meta:
        model = Contribution
        fields = ("title", "partner", "kind", "recipient", "centre", "value", "given_on")
        attrs = {**TABLE_ATTRS, "data-testid": "contribution-table"}
        order_by = ("-given_on",)

    def render_recipient(self, record: Contribution) -> str:
        return _recipient(record)

    def render_value(self, value: int) -> str:
        return _rp(value)


CONTRIBUTION_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("What was given"), lambda c: c.title),
    Column(_("Kind"), lambda c: str(ContributionKind(c.kind).label)),
    Column(_("Partner"), lambda c: c.partner.name),
    Column(_("Centre"), lambda c: c.centre.name if c.centre_id else ""),
    Column(_("Centre code"), lambda c: c.centre.code if c.centre_id else ""),
    Column(_("Training batch"), lambda c: c.batch.code if c.batch_id else ""),
    Column(_("Training venue"), lambda c: c.batch.venue.name if c.batch_id and c.batch.venue_id else ""),
    Column(_("Tenant"), lambda c: c.tenant.display_name if c.tenant_id else ""),
    Column(_("Regency/city"), lambda c: c.regency.name if c.regency_id else ""),
    Column(_("Value (Rp)"), lambda c: c.value),
    Column(_("People reached"), lambda c: c.people),
    Column(_("Given on"), lambda c: c.given_on),
)


class OfferTable(tables.Table):
    """Offers: title (to the offer), partner, kind, status, places, closes."""

    title = tables.Column(verbose_name=_("Title"), linkify=("matching:offer_detail", {"pk": tables.A("pk")}))
    partner = tables.Column(verbose_name=_("Partner"), accessor="owner_name", order_by=("partner__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    status = tables.Column(verbose_name=_("Status"), attrs=WIDE_ONLY)
    slots = tables.Column(verbose_name=_("Places"), attrs=WIDE_ONLY, default="—")
    closes_on = DateColumn(verbose_name=_("Closes on"), attrs=WIDE_ONLY, default="—")

    class Meta:
        model = Offer
        fields = ("title", "partner", "kind", "status", "slots", "closes_on")
        attrs = {**TABLE_ATTRS, "data-testid": "offer-table"}
        order_by = ("title",)


OFFER_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Number"), lambda o: o.pk),
    Column(_("Title"), lambda o: o.title),
    Column(_("Partner"), lambda o: o.owner_name),
    Column(_("Kind"), lambda o: str(OfferKind(o.kind).label)),
    Column(_("Status"), lambda o: str(OfferStatus(o.status).label)),
    Column(_("Buyer or channel"), lambda o: o.buyer),
    Column(_("Product categories (KBLI)"), lambda o: o.kbli_prefixes),
    Column(_("Scheme"), lambda o: o.scheme),
    Column(_("Smallest amount (Rp)"), lambda o: o.amount_min),
    Column(_("Largest amount (Rp)"), lambda o: o.amount_max),
    Column(_("Interest a year (%)"), lambda o: o.interest_rate),
    Column(_("Provinces"), lambda o: ", ".join(p.name for p in o.provinces.all()) or str(_("Nationwide"))),
    Column(_("Places"), lambda o: o.slots),
    Column(_("Closes on"), lambda o: o.closes_on),
)


class MatchTable(tables.Table):
    """Matches: tenant, business, offer, status, fit, proposed."""

    tenant = tables.Column(
        verbose_name=_("Tenant"),
        accessor="tenant__person__name",
        order_by=("tenant__person__name",),
        linkify=("matching:match_detail", {"pk": tables.A("pk")}),
    )
    business = tables.Column(verbose_name=_("Business"), accessor="tenant__business__name", attrs=WIDE_ONLY)
    offer = tables.Column(verbose_name=_("Offer"), accessor="offer__title", order_by=("offer__title",))
    status = tables.Column(verbose_name=_("Status"))
    score = tables.Column(verbose_name=_("Fit"), attrs=WIDE_ONLY)
    proposed_at = DateColumn(verbose_name=_("Proposed"), attrs=WIDE_ONLY)

    class Meta:
        model = Match
        fields = ("tenant", "business", "offer", "status", "score", "proposed_at")
        attrs = {**TABLE_ATTRS, "data-testid": "match-table"}
        order_by = ("-proposed_at",)


MATCH_EXPORT_COLUMNS: tuple[Column, ...] = (
    Column(_("Number"), lambda m: m.pk),
    Column(_("Tenant"), lambda m: m.tenant.display_name),
    Column(_("Business"), lambda m: m.tenant.business.name),
    Column(_("Incubator"), lambda m: m.tenant.where),
    Column(_("Offer"), lambda m: m.offer.title),
    Column(_("Partner"), lambda m: m.offer.owner_name),
    Column(_("Status"), lambda m: str(MatchStatus(m.status).label)),
    Column(_("Fit"), lambda m: m.score),
    Column(_("Proposed at"), lambda m: m.proposed_at),
    Column(_("Outcome on"), lambda m: m.outcome_on),
    Column(_("Deal value (Rp)"), lambda m: m.deal_value),
    Column(_("Loan disbursed (Rp)"), lambda m: m.loan_amount),
    Column(_("Licence number"), lambda m: m.licence_number),
)


def bank_columns(facts: dict) -> tuple[Column, ...]:
    """What a bank asks of a KUR applicant, for the tenants proposed to it (``facts``: ranking's by tenant)."""

    def fact(m: Match, name: str) -> object:
        f = facts.get(m.tenant_id)
        return getattr(f, name) if f else ""

    def has(key: str) -> object:
        return lambda m: key in (fact(m, "readiness") or ())

    return (
        Column(_("Match number"), lambda m: m.pk),
        Column(_("Name"), lambda m: m.tenant.display_name),
        Column(_("NIK"), lambda m: mask_identifier(m.tenant.person.nik)),
        Column(_("Business"), lambda m: m.tenant.business.name),
        Column(_("Sector"), lambda m: m.tenant.business.sector),
        Column(_("KBLI code"), lambda m: m.tenant.business.kbli_code),
        Column(_("Legal form"), lambda m: m.tenant.business.get_legal_form_display()),
        Column(_("Business started on"), lambda m: m.tenant.business.started_on),
        Column(_("Workers"), lambda m: m.tenant.business.workers),
        Column(_("Regency/city"), lambda m: m.tenant.regency.name),
        Column(_("Incubator"), lambda m: m.tenant.where),
        Column(_("NIB"), has("nib")),
        Column(_("Business bank account"), has("bank_account")),
        Column(_("Bookkeeping"), has("bookkeeping")),
        Column(_("Months of figures (last 12)"), lambda m: fact(m, "months_reported")),
        Column(_("Average monthly revenue (Rp)"), lambda m: fact(m, "average_revenue")),
        Column(_("Status"), lambda m: str(MatchStatus(m.status).label)),
        Column(_("Coach's note"), lambda m: m.note),
    )
