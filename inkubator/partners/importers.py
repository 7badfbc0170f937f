"""The partner import: a list of organisations (CSV or XLSX) into the partner register.

A row names the organisation, its kind (in Indonesian or English: BUMN, perusahaan, bank,
kementerian, pemda, donor, universitas, asosiasi), its short name, the province of its head office
and the provinces it works in (names or Kemendagri codes separated by commas; empty: nationwide),
website and contact. A partner is found by its name (case and spacing aside): a known one is
updated when a cell differs and left unchanged otherwise, so a list imported twice writes nothing
twice. Writes go through ``partners.services``: validated and audited. The ministry imports.

Value reconciliation: a kind or a province nothing matches is listed once with suggestions and
mapped once for the organisation (``inkubator.imports.values``). An unknown kind, or a province the
partner works in, fails the row (left out, a province would narrow where the partner works — all of
them left out would make it nationwide); an unknown head office province is left as it was, with a
warning. Longer kind phrases ("Bank Pembangunan Daerah", "Politeknik Negeri", "PT (Persero)") are
read by the words in them (``KIND_RULES``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.imports.cells import as_text, choice_key, parse_email, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.suggest import every_choice
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
_KIND_KEYS = {choice_key(word): kind for word, kind in KIND_WORDS.items()}
# What a longer "Jenis" cell says, by the words in it, first rule first: "Bank Pembangunan Daerah" is a
# bank and "Politeknik Negeri Bandung" a university before "negeri"/"daerah" say government;
# "PT (Persero)" and "BUMN" are state-owned before "PT" says company. A word that could be several
# kinds (yayasan, koperasi, BUMD) is left to the user, with suggestions.
KIND_RULES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"bank", "perbankan", "bpd", "bpr", "bprs"}), Kind.BANK),
    (frozenset({"universitas", "univ", "politeknik", "poltek", "institut", "akademi", "kampus", "ptn", "pts",
                "stie", "stmik", "university"}), Kind.UNIVERSITY),
    (frozenset({"kementerian", "kemenaker", "kemnaker", "kemendikbud", "kemenkop", "kemenperin", "bappenas",
                "ministry"}), Kind.MINISTRY),
    (frozenset({"pemda", "pemprov", "pemkab", "pemkot", "dinas", "disnaker", "pemerintah"}), Kind.LOCAL_GOVERNMENT),
    (frozenset({"bumn", "persero", "soe"}), Kind.STATE_COMPANY),
    (frozenset({"asosiasi", "himpunan", "perkumpulan", "ikatan", "kadin", "apindo", "gabungan", "association"}),
     Kind.ASSOCIATION),
    (frozenset({"donor", "ngo", "usaid", "giz", "jica", "undp", "ilo", "kfw"}), Kind.DONOR),
    (frozenset({"pt", "cv", "tbk", "perusahaan", "swasta", "company"}), Kind.COMPANY),
)  # fmt: skip
# What the values page offers for a kind it does not know: one spelling per kind, that the reader knows.
KIND_SUGGESTIONS: dict[str, str] = {
    Kind.STATE_COMPANY: "BUMN", Kind.COMPANY: "Perusahaan", Kind.BANK: "Bank", Kind.MINISTRY: "Kementerian",
    Kind.LOCAL_GOVERNMENT: "Pemda", Kind.DONOR: "Donor", Kind.UNIVERSITY: "Universitas",
    Kind.ASSOCIATION: "Asosiasi", Kind.OTHER: "Lainnya",
}  # fmt: skip
# Two-word phrases read as one word above: "perguruan tinggi", "sekolah tinggi", "lembaga donor".
_PHRASES = {"perguruan tinggi": "universitas", "sekolah tinggi": "universitas", "lembaga donor": "donor",
            "badan usaha milik negara": "bumn", "pemerintah daerah": "pemda"}  # fmt: skip


def read_kind(text: Any) -> str | None:
    """The partner kind a cell names: a known spelling, else the words in it (``KIND_RULES``); None if neither."""
    found = _KIND_KEYS.get(choice_key(text))
    if found is not None:
        return found
    lowered = " ".join(re.findall(r"[a-z0-9]+", as_text(text).lower()))
    for phrase, word in _PHRASES.items():
        lowered = lowered.replace(phrase, word)
    words = set(lowered.split())
    for rule_words, kind in KIND_RULES:
        if words & rule_words:
            return kind
    return None


class KindReader:
    """The partner kind column's reader; ``suggest`` makes it a master list the framework reconciles.

    A cell it cannot read fails its row (the column is not optional) and is offered for mapping,
    once per value, with every kind ranked by ``kind_suggestions``.
    """

    def __call__(self, value: Any) -> str:
        found = read_kind(value)
        if found is None:
            raise ValidationError(
                _('"%(value)s" is not one of: %(choices)s.')
                % {
                    "value": as_text(value),
                    "choices": _("BUMN, perusahaan, bank, kementerian, pemda, donor, universitas"),
                },
                code="choice",
            )
        return found

    def suggest(self, value: Any) -> list[str]:
        return kind_suggestions(value)


parse_kind = KindReader()


def kind_suggestions(text: Any) -> list[str]:
    """Every partner kind, the one whose spellings are closest to ``text`` first ("Other" last on a tie)."""
    return every_choice(text, _KIND_KEYS, KIND_SUGGESTIONS)


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

    def _province(self, row: ParsedRow, key: str, text: str, written: str) -> tuple[str | None, str]:
        """(code, "") of the province a name or code means, else (None, why not) with its suggestions recorded.

        ``written`` is the text as the file has it (before a kept mapping), which is what is offered.
        """
        text = text.strip()
        if text in self.codes:
            return text, ""
        found = self.index.lookup(name=text, level=Level.PROVINCE)
        if found.found:
            return found.match.code, ""
        row.unresolved(key, written, [ref.name for ref in (found.candidates or found.suggestions)])
        return None, found.message or _('"%(value)s" is not a province.') % {"value": text}

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one organisation's row; plan a create, an update or nothing."""
        name = row.get("name", "")
        fields: dict[str, Any] = {f: row.get(f, "") for f in FIELDS if row.mapped(f)}
        if row.has("province"):
            # Where the head office is, a detail: not found, it is left empty and the row still goes in.
            code, message = self._province(
                row, "province", as_text(row.get("province")), as_text(row.written["province"])
            )
            if code is None:
                kept = _("Left as it was.")
                row.warn("province", f"{message} {kept}", code="province")
            else:
                fields["province_id"] = code
        provinces = None
        if row.mapped("provinces"):
            # Where the partner works decides who sees it: a province left out would narrow it, and all of
            # them left out would make it nationwide, so an unknown one stops the row.
            parts = [p.strip() for p in as_text(row.get("provinces", "")).replace(";", ",").split(",") if p.strip()]
            provinces = []
            for part in parts:
                code, message = self._province(row, "provinces", row.translate("provinces", part), part)
                if code is None:
                    row.error("provinces", message, code="province")
                elif code not in provinces:
                    provinces.append(code)
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
