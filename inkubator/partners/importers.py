"""The partner import: a list of organisations (CSV or XLSX) into the partner register.

A row names the organisation, its kind (in Indonesian or English: BUMN, perusahaan, bank,
kementerian, pemda, donor, universitas, asosiasi), its short name, the province of its head office
and the provinces it works in (names or Kemendagri codes separated by commas; empty: nationwide),
website and contact. A partner is found by its name (case and spacing aside): a known one is
updated when a cell differs and left unchanged otherwise, so a list imported twice writes nothing
twice. Writes go through ``partners.services``: validated and audited. The ministry imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.imports.cells import as_text, choice_parser, parse_email, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.validation import Action, ParsedRow, RowResult
from inkubator.regions.choices import Level
from inkubator.regions.models import Province
from inkubator.regions.selectors import RegionIndex

from . import services
from .models import Partner

Kind = Partner.Kind
KIND_WORDS = {
    "bumn": Kind.STATE_COMPANY, "badan usaha milik negara": Kind.STATE_COMPANY, "soe": Kind.STATE_COMPANY,
    "perusahaan": Kind.COMPANY, "swasta": Kind.COMPANY, "perusahaan swasta": Kind.COMPANY, "company": Kind.COMPANY,
    "bank": Kind.BANK, "kementerian": Kind.MINISTRY, "lembaga": Kind.MINISTRY, "ministry": Kind.MINISTRY,
    "pemda": Kind.LOCAL_GOVERNMENT, "pemerintah daerah": Kind.LOCAL_GOVERNMENT, "dinas": Kind.LOCAL_GOVERNMENT,
    "donor": Kind.DONOR, "lembaga donor": Kind.DONOR, "universitas": Kind.UNIVERSITY,
    "perguruan tinggi": Kind.UNIVERSITY,
    "kampus": Kind.UNIVERSITY, "university": Kind.UNIVERSITY, "asosiasi": Kind.ASSOCIATION,
    "association": Kind.ASSOCIATION, "lainnya": Kind.OTHER, "other": Kind.OTHER,
    **{value: value for value in Kind.values},
}  # fmt: skip
parse_kind = choice_parser(KIND_WORDS, what=lambda: _("BUMN, perusahaan, bank, kementerian, pemda, donor, universitas"))

PARTNER_SPEC = ImportSpec(
    kind="partners",
    label=gettext_lazy("Partners"),
    columns=(
        Column("name", gettext_lazy("Name"), ("Nama", "Nama Mitra", "Nama Lembaga", "Nama Perusahaan"), required=True,
               parser=text_of_length(200)),
        Column("kind", gettext_lazy("Kind"), ("Jenis", "Jenis Mitra", "Kategori"), required=True, parser=parse_kind),
        Column("short_name", gettext_lazy("Short name"), ("Singkatan", "Nama Singkat"), parser=text_of_length(40)),
        Column("province", gettext_lazy("Head office province"), ("Provinsi", "Provinsi Kantor Pusat")),
        Column("provinces", gettext_lazy("Works in"), ("Wilayah Kerja", "Provinsi Wilayah Kerja", "Cakupan")),
        Column("website", gettext_lazy("Website"), ("Situs", "Situs Web", "Web"), parser=text_of_length(200)),
        Column("contact_name", gettext_lazy("Contact person"), ("Narahubung", "Kontak", "Nama Kontak"),
               parser=text_of_length(150)),
        Column("contact_email", gettext_lazy("Contact email"), ("Email", "Surel", "Email Kontak"), parser=parse_email),
        Column("contact_phone", gettext_lazy("Contact phone"), ("Telepon", "No HP", "HP", "Telepon Kontak"),
               parser=text_of_length(20)),
    ),
)  # fmt: skip

FIELDS = ("kind", "short_name", "website", "contact_name", "contact_email", "contact_phone")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class PartnerPlan:
    """What committing one row does: create, or update ``pk`` with ``changes``."""

    pk: int | None
    fields: dict[str, Any]
    provinces: list[str] | None = field(default=None)


class PartnerImporter:
    """Partners matched by name; provinces by name or code through the region index."""

    spec = PARTNER_SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.known = {_key(p.name): p for p in Partner.objects.prefetch_related("provinces")}
        self.index = RegionIndex()
        self.codes = set(Province.objects.values_list("code", flat=True))
        self._seen: dict[str, int] = {}

    def _province(self, row: ParsedRow, key: str, text: str) -> str | None:
        text = text.strip()
        if text in self.codes:
            return text
        found = self.index.lookup(name=text, level=Level.PROVINCE)
        if not found.found:
            row.error(key, found.message or _('"%(value)s" is not a province.') % {"value": text}, code="province")
            return None
        return found.match.code

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one organisation's row; plan a create, an update or nothing."""
        name = row.get("name", "")
        fields: dict[str, Any] = {f: row.get(f, "") for f in FIELDS if row.mapped(f)}
        if row.has("province"):
            fields["province_id"] = self._province(row, "province", as_text(row.get("province")))
        provinces = None
        if row.mapped("provinces"):
            parts = [p for p in as_text(row.get("provinces", "")).replace(";", ",").split(",") if p.strip()]
            provinces = [code for p in parts if (code := self._province(row, "provinces", p))]
        if row.errors or not name:
            return RowResult(row.number, Action.ERROR, label=name)
        earlier = self._seen.get(_key(name))
        if earlier is not None:
            row.error("name", _("This row repeats row %(row)s (same name).") % {"row": earlier}, code="duplicate")
            return RowResult(row.number, Action.ERROR, label=name)
        self._seen[_key(name)] = row.number
        partner = self.known.get(_key(name))
        if partner is None:
            return RowResult(row.number, Action.CREATE, plan=PartnerPlan(None, {"name": name, **fields}, provinces),
                             label=name)  # fmt: skip
        changes = {k: v for k, v in fields.items() if getattr(partner, k) != v}
        same_provinces = provinces is None or set(provinces) == {p.pk for p in partner.provinces.all()}
        if not changes and same_provinces:
            return RowResult(row.number, Action.UNCHANGED, label=name)
        return RowResult(row.number, Action.UPDATE, plan=PartnerPlan(partner.pk, changes, provinces), label=name)

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Create and update the partners (inside the caller's transaction)."""
        counts = {str(a): 0 for a in (Action.CREATE, Action.UPDATE)}
        counts[str(Action.UNCHANGED)] = sum(r.action == Action.UNCHANGED for r in results)
        for result in results:
            plan: PartnerPlan | None = result.plan
            if plan is None:
                continue
            regions = Province.objects.filter(pk__in=plan.provinces) if plan.provinces is not None else None
            if plan.pk is None:
                fields = dict(plan.fields)
                services.partner_create(name=fields.pop("name"), kind=fields.pop("kind"), provinces=regions or [],
                                        **fields)  # fmt: skip
                counts[str(Action.CREATE)] += 1
            else:
                services.partner_update(partner=Partner.objects.get(pk=plan.pk), provinces=regions, **plan.fields)
                counts[str(Action.UPDATE)] += 1
        return counts
