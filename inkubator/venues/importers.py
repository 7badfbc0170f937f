"""The venues import: a ministry list of training venues (CSV or XLSX) into the register.

``python manage.py import venues FILE [--dry-run]`` or ``/imports/venues/``. A row is one venue: its
code (the natural key: a row whose code exists updates that venue, only the cells the file fills),
name, type, regency/city (by name or Kemendagri code, with the province to tell two names apart),
address, coordinates, vocational fields (names or codes, comma-separated; added, never removed),
capacity per wave and whether it takes cohorts; a BLKK incubator names its centre's registration
code. Writes go through ``venues.services`` (validated, audited). A coordinator may import only
venues in the regencies they work in; the system (no ``--user``) anything.

Value reconciliation: a type, province, regency/city, vocational field or centre code nothing
matches is listed once with suggestions and mapped once for the organisation
(``inkubator.imports.values``). Suggestions stay in the user's area: regions of the regencies they
work in, centres they may see. An unknown type, regency/city or centre fails the row; an unknown
vocational field is left out and an unknown province ignored, each with a warning. Type phrases
("UPTD BLK Kabupaten Bekasi", "Balai Besar Pelatihan Vokasi…", "BLK-K") are read by the words in
them (``KIND_RULES``); fields by the centre import's vocabulary (``centres.importers.FieldIndex``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.importers import FieldIndex
from inkubator.centres.lookup import CentreFinder
from inkubator.centres.models import VocationalField
from inkubator.core.scoping import working_area_q
from inkubator.imports.cells import as_text, choice_key, choice_parser, parse_decimal, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.suggest import every_choice
from inkubator.imports.validation import Action, ParsedRow, RowResult
from inkubator.regions.choices import Level
from inkubator.regions.models import Regency
from inkubator.regions.selectors import LookupResult, RegionIndex

from .choices import VenueKind
from .models import LATITUDE_RANGE, LONGITUDE_RANGE, MAX_CAPACITY, Venue
from .services import venue_create, venue_update

KIND_WORDS: dict[str, str] = {
    "uptp": VenueKind.BLK_UPTP,
    "blk uptp": VenueKind.BLK_UPTP,
    "bbpvp": VenueKind.BLK_UPTP,
    "bpvp": VenueKind.BLK_UPTP,
    "uptd provinsi": VenueKind.BLK_PROVINCE,
    "blk provinsi": VenueKind.BLK_PROVINCE,
    "provinsi": VenueKind.BLK_PROVINCE,
    "uptd kabupaten": VenueKind.BLK_REGENCY,
    "uptd kota": VenueKind.BLK_REGENCY,
    "uptd kabupaten/kota": VenueKind.BLK_REGENCY,
    "blk kabupaten": VenueKind.BLK_REGENCY,
    "blk kota": VenueKind.BLK_REGENCY,
    "kabupaten/kota": VenueKind.BLK_REGENCY,
    "bpkk": VenueKind.BPKK,
    "blkk": VenueKind.BLKK_INCUBATOR,
    "blk komunitas": VenueKind.BLKK_INCUBATOR,
    "inkubator blkk": VenueKind.BLKK_INCUBATOR,
    **{value: value for value in VenueKind.values},
}
_KIND_KEYS = {choice_key(word): kind for word, kind in KIND_WORDS.items()}
# What a longer "Jenis" cell says, by the words in it, first rule first: "UPTD BLK Kabupaten Bekasi",
# "Balai Besar Pelatihan Vokasi dan Produktivitas (BBPVP) Serang", "BLK-K Al Ikhlas", "Disnaker Prov. NTT".
# A community centre or BPKK says so whatever region it names; the ministry's own balai say "balai
# besar"/"BPVP"/"UPTP"; only then does a province or a regency/city word decide.
KIND_RULES: tuple[tuple[frozenset[str], tuple[str, ...], str], ...] = (
    (frozenset({"blkk", "komunitas", "inkubator"}), (), VenueKind.BLKK_INCUBATOR),
    (frozenset({"bpkk"}), (), VenueKind.BPKK),
    (frozenset({"uptp", "bbpvp", "bpvp", "bbplk", "kemnaker", "kemenaker"}), ("balaibesar", "vokasidanproduktivitas"),
     VenueKind.BLK_UPTP),
    (frozenset({"provinsi", "prov", "pemprov", "propinsi"}), (), VenueKind.BLK_PROVINCE),
    (frozenset({"kabupaten", "kab", "kota", "kabkota", "pemkab", "pemkot", "kodya"}), (), VenueKind.BLK_REGENCY),
)  # fmt: skip
_BLK_K = re.compile(r"\bblk\s*[-.]?\s*k\b")  # "BLK-K", "BLK K": BLK Komunitas
# What the values page offers for a type it does not know: one spelling per type, that the reader knows.
KIND_SUGGESTIONS: dict[str, str] = {
    VenueKind.BLK_UPTP: "BLK UPTP",
    VenueKind.BLK_PROVINCE: "UPTD provinsi",
    VenueKind.BLK_REGENCY: "UPTD kabupaten/kota",
    VenueKind.BPKK: "BPKK",
    VenueKind.BLKK_INCUBATOR: "BLK Komunitas",
}
YES_WORDS = {"ya": True, "yes": True, "aktif": True, "1": True, "true": True, "y": True, "benar": True,
             "tidak": False, "no": False, "nonaktif": False, "tidak aktif": False, "0": False, "false": False,
             "t": False, "n": False}  # fmt: skip
# A master list of two words: an answer it does not know ("Aktif sebagian") is offered for mapping.
parse_yes = choice_parser(YES_WORDS, what=lambda: "ya, tidak")


def _kinds() -> str:
    return "UPTP, UPTD provinsi, UPTD kabupaten/kota, BPKK, BLKK"


def read_kind(text: Any) -> str | None:
    """The venue type a cell names: a known spelling, else the words in it (``KIND_RULES``); None if neither."""
    found = _KIND_KEYS.get(choice_key(text))
    if found is not None:
        return found
    lowered = _BLK_K.sub("blkk", as_text(text).lower())
    words = set(re.findall(r"[a-z0-9]+", lowered))
    key = choice_key(lowered)
    for rule_words, rule_parts, kind in KIND_RULES:
        if words & rule_words or any(part in key for part in rule_parts):
            return kind
    return None


class KindReader:
    """The venue type column's reader; ``suggest`` makes it a master list the framework reconciles.

    A cell it cannot read fails its row (the column is not optional) and is offered for mapping,
    once per value, with every kind ranked by ``kind_suggestions``.
    """

    def __call__(self, value: Any) -> str:
        found = read_kind(value)
        if found is None:
            raise ValidationError(
                _('"%(value)s" is not one of: %(choices)s.') % {"value": as_text(value), "choices": _kinds()},
                code="choice",
            )
        return found

    def suggest(self, value: Any) -> list[str]:
        return kind_suggestions(value)


parse_kind = KindReader()


def kind_suggestions(text: Any) -> list[str]:
    """Every venue type, the one whose spellings are closest to ``text`` first."""
    return every_choice(text, _KIND_KEYS, KIND_SUGGESTIONS)


def parse_capacity(value: Any) -> int:
    text = as_text(value).replace(".", "").replace(",", "")
    if not text.isdigit() or not 1 <= int(text) <= MAX_CAPACITY:
        raise ValidationError(
            _('"%(value)s" is not a capacity (a whole number from 1 to %(max)s).') % {"value": as_text(value),
                                                                                      "max": MAX_CAPACITY},
            code="capacity",
        )  # fmt: skip
    return int(text)


SPEC = ImportSpec(
    kind="venues",
    label=gettext_lazy("Training venues"),
    columns=(
        Column("code", gettext_lazy("Code"), ("Kode", "Kode Tempat", "Kode Lembaga"), required=True,
               parser=lambda v: as_text(v).upper().replace(" ", "-")),
        Column("name", gettext_lazy("Name"), ("Nama", "Nama Tempat", "Nama Lembaga", "Nama BLK"),
               parser=text_of_length(200)),
        Column("kind", gettext_lazy("Type"), ("Jenis", "Jenis Lembaga", "Tipe"),
               parser=parse_kind),
        Column("province", gettext_lazy("Province"), ("Provinsi",)),
        Column("regency", gettext_lazy("Regency/city"), ("Kabupaten/Kota", "Kabupaten", "Kota", "Kab/Kota")),
        Column("address", gettext_lazy("Address"), ("Alamat",), parser=text_of_length(255)),
        Column("latitude", gettext_lazy("Latitude"), ("Lintang", "Lat"), parser=parse_decimal),
        Column("longitude", gettext_lazy("Longitude"), ("Bujur", "Long", "Lon", "Lng"), parser=parse_decimal),
        Column("fields", gettext_lazy("Vocational fields"), ("Kejuruan", "Bidang", "Bidang Pelatihan")),
        Column("capacity", gettext_lazy("Capacity per wave"), ("Kapasitas", "Kapasitas per Gelombang", "Daya Tampung"),
               parser=parse_capacity),
        Column("active", gettext_lazy("Taking cohorts"), ("Aktif", "Menerima Peserta"), parser=parse_yes),
        Column("centre", gettext_lazy("BLK Komunitas centre code"), ("Kode BLKK", "Kode Registrasi BLKK")),
    ),
)  # fmt: skip


@dataclass
class Plan:
    """What a row does: the venue it updates (None: creates), the values, the fields to add."""

    venue: Venue | None
    values: dict[str, Any] = field(default_factory=dict)
    fields: list[VocationalField] = field(default_factory=list)


class VenueImporter:
    """Validates rows of a venue list against the register and writes them (see the module docstring)."""

    spec = SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.regions = RegionIndex()
        self.venues = {venue.code: venue for venue in Venue.objects.prefetch_related("fields")}
        self.fields = FieldIndex()
        self.field_objects = VocationalField.objects.in_bulk(list(self.fields.names))
        # Centres named by a BLKK venue, and offered for an unknown code: those the user may see.
        self.centres = CentreFinder(user=user)
        area = working_area_q(user, region="") if user is not None else None
        self.regencies = None if user is None else set(
            Regency.objects.filter(area).values_list("code", flat=True) if area is not None else ()
        )  # fmt: skip
        self.seen: dict[str, int] = {}

    def _may(self, code: str) -> bool:
        """Whether a region (a regency/city, or a province holding one) is in the user's working area."""
        if self.regencies is None:
            return True
        return code in self.regencies or any(regency.startswith(f"{code}.") for regency in self.regencies)

    def _offered(self, found: LookupResult) -> list[str]:
        """What the values page offers for a region name that found none or several: in the user's area only."""
        refs = [ref for ref in (found.candidates or found.suggestions) if self._may(ref.code)]
        names = [ref.name for ref in refs]
        # Two regions of one name (in two provinces) are offered by code, which the lookup reads too.
        return [ref.code if names.count(ref.name) > 1 else ref.name for ref in refs]

    def _province(self, row: ParsedRow) -> str | None:
        """The province a row gives, to tell two regencies of one name apart; an unknown one is only a warning."""
        if not row.has("province"):
            return None
        text = as_text(row.get("province"))
        found = self.regions.lookup(name=text, level=Level.PROVINCE)
        if found.found:
            return found.match.code
        ignored = _("Ignored: the regency/city alone places the venue.")
        row.warn("province", f"{found.message} {ignored}", code="unknown_region")
        # Offered as the file writes it (not as an earlier mapping made it), so that mapping it takes.
        row.unresolved("province", as_text(row.written["province"]), self._offered(found))
        return None

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one row against the register and the rows above it; plan its writes."""
        code = row.get("code", "")
        existing = self.venues.get(code)
        if code in self.seen:
            row.error("code", _("This code is already in row %(row)s.") % {"row": self.seen[code]})
        self.seen.setdefault(code, row.number)
        if existing is None:
            for key in ("name", "kind", "regency", "capacity"):
                if not row.has(key) and not any(e.column == row.header(key) for e in row.errors):
                    row.error(key, _("A new venue needs this cell."), code="required")
        values: dict[str, Any] = {}
        for key, attr in (("name", "name"), ("kind", "kind"), ("address", "address"), ("capacity", "capacity_per_wave"),
                          ("active", "active")):  # fmt: skip
            if row.has(key):
                values[attr] = row.get(key)
        for key, bounds in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
            if row.has(key):
                value = row.get(key)
                if not bounds[0] <= value <= bounds[1]:
                    row.error(
                        key, _("Outside Indonesia (%(low)s to %(high)s).") % {"low": bounds[0], "high": bounds[1]}
                    )
                else:
                    values[key] = value.quantize(Decimal("0.00001"))
        within = self._province(row)
        if row.has("regency"):
            text = as_text(row.get("regency"))
            found = self.regions.lookup(name=text, level=Level.REGENCY, within=within)
            if found.found:
                values["regency_id"] = found.match.code
            else:
                row.error("regency", found.message, code="ambiguous" if found.ambiguous else "unknown_region")
                row.unresolved("regency", as_text(row.written["regency"]), self._offered(found))
        regency = values.get("regency_id") or (existing.regency_id if existing else None)
        if self.regencies is not None and regency and regency not in self.regencies:
            row.error("regency", _("This regency/city is outside the area you work in."), code="scope")
        if row.has("centre"):
            text = as_text(row.get("centre"))
            centre = self.centres.find(text)
            if centre is None:
                row.error("centre", _("No BLK Komunitas with this registration code."), code="unknown_centre")
                written = as_text(row.written["centre"])
                row.unresolved("centre", written, self.centres.suggestions(written))
            else:
                values["centre_id"] = centre
                values.setdefault("regency_id", self.centres.regency_of[centre])
        fields = self._fields(row)
        if existing is not None:
            have = {f.pk for f in existing.fields.all()}
            changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
            new_fields = [f for f in fields if f.pk not in have]
            action = Action.UPDATE if changed or new_fields else Action.UNCHANGED
            plan = Plan(existing, changed, new_fields)
        else:
            action, plan = Action.CREATE, Plan(None, {"code": code, **values}, fields)
        if not row.errors:
            try:  # the model's rules (a BLKK venue names its centre, in its regency …), before anything is written
                candidate = Venue(**{**self._values_of(existing), **plan.values})
                candidate.full_clean(exclude=["code"] if existing else None, validate_unique=existing is None)
            except ValidationError as error:
                for key, messages in error.message_dict.items():
                    row.error(_column_of(key), " ".join(messages))
        return RowResult(row.number, Action.ERROR if row.errors else action, errors=list(row.errors), plan=plan,
                         label=str(row.get("name") or code))  # fmt: skip

    def _fields(self, row: ParsedRow) -> list[VocationalField]:
        """The fields a row names; a name the master list lacks is left out with a warning (the venue still goes in)."""
        if not row.has("fields"):
            return []
        found, unknown = self.fields.resolve(
            as_text(row.get("fields")), translate=lambda text: row.translate("fields", text)
        )
        for piece, message in unknown:
            left_out = _("Left out.")
            row.warn("fields", f"{message} {left_out}", code="unknown_field")
            row.unresolved("fields", piece, self.fields.suggestions(piece))
        return [self.field_objects[pk] for pk in found]

    @staticmethod
    def _values_of(venue: Venue | None) -> dict[str, Any]:
        if venue is None:
            return {}
        names = ("code", "name", "kind", "centre_id", "regency_id", "address", "latitude", "longitude",
                 "capacity_per_wave", "active")  # fmt: skip
        return {name: getattr(venue, name) for name in names}

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Write every planned row through the services; returns counts by action."""
        counts = {Action.CREATE.value: 0, Action.UPDATE.value: 0, Action.UNCHANGED.value: 0}
        for result in results:
            plan: Plan = result.plan
            if result.action == Action.CREATE:
                venue_create(fields=plan.fields, **plan.values)
            elif result.action == Action.UPDATE:
                venue = plan.venue
                fields = list(venue.fields.all()) + plan.fields if plan.fields else None
                venue_update(venue=venue, fields=fields, **plan.values)
            counts[result.action] = counts.get(result.action, 0) + 1
        return counts


def _column_of(key: str) -> str:
    return {"capacity_per_wave": "capacity", "regency_id": "regency", "centre_id": "centre"}.get(key, key if key in
            {c.key for c in SPEC.columns} else "code")  # fmt: skip
