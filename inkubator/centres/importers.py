"""The centre import: a ministry list of BLK Komunitas (CSV or XLSX) into the register.

A row names a centre, its host institution, its region, fields, cohort year, coordinates and
contact. It matches an existing centre by registration code or, without a code, by host
institution name and regency/city (both case-insensitive); a matched centre with the same values
is left unchanged, with other values updated (only the cells the file fills: an empty cell never
erases), and an unmatched row creates a centre (with a generated code when it has none) and, if
needed, its host institution. Vocational fields are added, never removed. Every write goes through
``inkubator.centres.services.centres_write``: set-based, each object validated and audited.

The importing user may only touch centres in regencies within their scope (the rules of
``inkubator.core.scoping``: a regional coordinator's provinces and regencies, a ministry admin
everything); the system (the command line without ``--user``) may touch anything.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.choices import CentreStatus, HostKind, Religion
from inkubator.centres.models import (
    FIRST_COHORT,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    Centre,
    CentreField,
    HostInstitution,
    VocationalField,
)
from inkubator.centres.permissions import can_register_centres
from inkubator.centres.services import CentreWrites, centres_write
from inkubator.core.roles import Role, is_ministry_admin
from inkubator.core.scoping import user_scope
from inkubator.imports.cells import (
    as_text,
    choice_key,
    choice_parser,
    parse_decimal,
    parse_email,
    parse_year,
    text_of_length,
)
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.validation import Action, ParsedRow, RowResult
from inkubator.regions.choices import Level
from inkubator.regions.selectors import LookupResult, RegionIndex, RegionRef

# The capacity a field gets when a file adds it: the model's default (a list has no capacities).
DEFAULT_FIELD_CAPACITY = CentreField._meta.get_field("capacity").default
COORDINATE_PLACES = Decimal("0.00001")  # Centre.latitude/longitude have five decimal places
# Villages are looked up in small indexes of one district each (milliseconds to build) until a file
# has shown this many districts; past that, reading all 83k villages once (seconds) is cheaper.
SMALL_VILLAGE_INDEXES = 10


# Cells ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HostType:
    """A host institution type read from a cell, with the religion the word implies (if any)."""

    kind: str
    religion: str = ""
    # The religion words of a cell that named several ("Kristen/Katolik"): religion left empty.
    unclear_religion: str = ""


# Words in "Jenis Lembaga" (compared as ``choice_key``) and what they mean. Real lists write the
# type many ways; the religious institutions' own names imply their religion.
HOST_KIND_WORDS: dict[str, HostType] = {
    "pondok pesantren": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "pesantren": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "ponpes": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "pontren": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "pp": HostType(HostKind.PESANTREN, Religion.ISLAM),
    # Aceh's word for a pesantren, and the short forms lists use.
    "dayah": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "pondok": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "ponpes dayah": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "pesantren dayah": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "madrasah": HostType(HostKind.RELIGIOUS, Religion.ISLAM),
    "masjid": HostType(HostKind.RELIGIOUS, Religion.ISLAM),
    "gereja": HostType(HostKind.RELIGIOUS),
    "pura": HostType(HostKind.RELIGIOUS, Religion.HINDU),
    "lembaga agama": HostType(HostKind.RELIGIOUS),
    "organisasi keagamaan": HostType(HostKind.RELIGIOUS),
    "ormas keagamaan": HostType(HostKind.RELIGIOUS),
    "lembaga keagamaan": HostType(HostKind.RELIGIOUS),
    "keagamaan": HostType(HostKind.RELIGIOUS),
    "lembaga keagamaan non pesantren": HostType(HostKind.RELIGIOUS),
    "lembaga keagamaan lainnya": HostType(HostKind.RELIGIOUS),
    "seminari": HostType(HostKind.RELIGIOUS, Religion.CATHOLIC),
    "pasraman": HostType(HostKind.RELIGIOUS, Religion.HINDU),
    "vihara": HostType(HostKind.RELIGIOUS, Religion.BUDDHIST),
    "wihara": HostType(HostKind.RELIGIOUS, Religion.BUDDHIST),
    "klenteng": HostType(HostKind.RELIGIOUS, Religion.CONFUCIAN),
    "sp/sb": HostType(HostKind.UNION),
    "sp": HostType(HostKind.UNION),
    "sb": HostType(HostKind.UNION),
    "serikat pekerja": HostType(HostKind.UNION),
    "serikat buruh": HostType(HostKind.UNION),
    "serikat pekerja/serikat buruh": HostType(HostKind.UNION),
    "serikat pekerja serikat buruh": HostType(HostKind.UNION),
    "federasi serikat pekerja": HostType(HostKind.UNION),
    "konfederasi serikat pekerja": HostType(HostKind.UNION),
    "lembaga masyarakat": HostType(HostKind.COMMUNITY),
    "lembaga kemasyarakatan": HostType(HostKind.COMMUNITY),
    "organisasi kemasyarakatan": HostType(HostKind.COMMUNITY),
    "ormas": HostType(HostKind.COMMUNITY),
    "lsm": HostType(HostKind.COMMUNITY),
    "yayasan": HostType(HostKind.COMMUNITY),
    "komunitas": HostType(HostKind.COMMUNITY),
    "lainnya": HostType(HostKind.COMMUNITY),
    "lembaga lainnya": HostType(HostKind.COMMUNITY),
    # The register's own values and English names, for files exported from Inkubator itself.
    **{value: HostType(value) for value in HostKind.values},
    "islamic boarding school": HostType(HostKind.PESANTREN, Religion.ISLAM),
    "religious institution": HostType(HostKind.RELIGIOUS),
    "labour union": HostType(HostKind.UNION),
    "community body": HostType(HostKind.COMMUNITY),
}
_HOST_KINDS = {choice_key(word): host_type for word, host_type in HOST_KIND_WORDS.items()}
# Words at the start of an institution's name that tell its type when "Jenis Lembaga" is empty.
HOST_NAME_PREFIXES: tuple[tuple[str, HostType], ...] = (
    ("pondok pesantren", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("ponpes", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("pontren", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("pesantren", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("pp", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("dayah", HostType(HostKind.PESANTREN, Religion.ISLAM)),
    ("seminari", HostType(HostKind.RELIGIOUS, Religion.CATHOLIC)),
    ("pasraman", HostType(HostKind.RELIGIOUS, Religion.HINDU)),
    ("serikat pekerja", HostType(HostKind.UNION)),
    ("serikat buruh", HostType(HostKind.UNION)),
    ("federasi serikat", HostType(HostKind.UNION)),
    ("konfederasi serikat", HostType(HostKind.UNION)),
    ("dpc", HostType(HostKind.UNION)),
)

RELIGION_WORDS: dict[str, str] = {
    "islam": Religion.ISLAM,
    "muslim": Religion.ISLAM,
    "kristen": Religion.PROTESTANT,
    "protestan": Religion.PROTESTANT,
    "kristen protestan": Religion.PROTESTANT,
    "protestant": Religion.PROTESTANT,
    "katolik": Religion.CATHOLIC,
    "katholik": Religion.CATHOLIC,
    "kristen katolik": Religion.CATHOLIC,
    "catholic": Religion.CATHOLIC,
    "hindu": Religion.HINDU,
    "buddha": Religion.BUDDHIST,
    "budha": Religion.BUDDHIST,
    "buddhist": Religion.BUDDHIST,
    "konghucu": Religion.CONFUCIAN,
    "khonghucu": Religion.CONFUCIAN,
    "kong hu cu": Religion.CONFUCIAN,
    "confucian": Religion.CONFUCIAN,
    **{value: value for value in Religion.values},
}

# What reconciliation offers for a host type or a religion no word of the lists above names.
HOST_KIND_SUGGESTIONS = ("Pondok Pesantren", "Lembaga Keagamaan", "SP/SB", "Lembaga Masyarakat")
RELIGION_SUGGESTIONS = ("Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu")

STATUS_WORDS: dict[str, str] = {
    "aktif": CentreStatus.ACTIVE,
    "active": CentreStatus.ACTIVE,
    "beroperasi": CentreStatus.ACTIVE,
    "tidak aktif": CentreStatus.INACTIVE,
    "nonaktif": CentreStatus.INACTIVE,
    "non aktif": CentreStatus.INACTIVE,
    "inactive": CentreStatus.INACTIVE,
    "vakum": CentreStatus.INACTIVE,
    "tutup": CentreStatus.CLOSED,
    "ditutup": CentreStatus.CLOSED,
    "closed": CentreStatus.CLOSED,
}

_PHONE = re.compile(r"^[+()\d\s./-]{6,20}$")


@lru_cache(maxsize=1)
def _host_kind_labels() -> dict[str, HostType]:
    """The type labels the register itself shows and exports, in every language of the interface."""
    labels: dict[str, HostType] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for kind, label in HostKind.choices:
                religion = Religion.ISLAM if kind == HostKind.PESANTREN else ""
                labels[choice_key(str(label))] = HostType(kind, religion)
    return labels


# Religion words inside a type phrase ("Lembaga Keagamaan Kristen"), longest first.
_RELIGION_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (tuple(re.sub(r"[^a-z0-9]+", " ", word).split()), religion)
            for word, religion in {
                "islam": Religion.ISLAM,
                "islami": Religion.ISLAM,
                "muslim": Religion.ISLAM,
                "kristen": Religion.PROTESTANT,
                "kristen protestan": Religion.PROTESTANT,
                "protestan": Religion.PROTESTANT,
                "katolik": Religion.CATHOLIC,
                "katholik": Religion.CATHOLIC,
                "kristen katolik": Religion.CATHOLIC,
                "hindu": Religion.HINDU,
                "buddha": Religion.BUDDHIST,
                "budha": Religion.BUDDHIST,
                "buddhis": Religion.BUDDHIST,
                "konghucu": Religion.CONFUCIAN,
                "khonghucu": Religion.CONFUCIAN,
                "kong hu cu": Religion.CONFUCIAN,
            }.items()
        ),
        key=lambda item: -len(item[0]),
    )
)


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _take_religions(words: list[str]) -> tuple[list[str], list[str]]:
    """The words without the religion words in them, and the religions those named (in order)."""
    rest: list[str] = []
    found: list[str] = []
    index = 0
    while index < len(words):
        for phrase, religion in _RELIGION_PHRASES:
            if tuple(words[index : index + len(phrase)]) == phrase:
                if religion not in found:
                    found.append(religion)
                index += len(phrase)
                break
        else:
            rest.append(words[index])
            index += 1
    return rest, found


def _phrase_type(words: list[str]) -> HostType | None:
    """The type a run of words names: as a whole, else the one kind its known phrases agree on."""
    if not words:
        return None
    whole = _HOST_KINDS.get("".join(words))
    if whole is not None:
        return whole
    kinds: dict[str, HostType] = {}
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            found = _HOST_KINDS.get("".join(words[start : start + size]))
            if found is not None and (size > 1 or len(words[start]) > 2):
                kinds.setdefault(found.kind, found)
        if kinds:
            break
    return next(iter(kinds.values())) if len(kinds) == 1 else None


def read_host_type(text: str) -> HostType | None:
    """A type phrase as lists write it: "Lembaga Keagamaan Buddha", "Dayah/Pesantren", "… Kristen/Katolik".

    The religion words are taken out first (one religion: that one; several: the religion is left
    unclear); what remains names the type, as a whole or through the known phrases it contains
    when they agree on one kind.
    """
    key = choice_key(text)
    found = _HOST_KINDS.get(key) or _host_kind_labels().get(key)
    # "/" stays a word of its own so that "Kristen/Katolik" is two religions, "Kristen Katolik" one.
    words, religions = _take_religions(re.findall(r"[a-z0-9]+|/", text.lower()))
    words = [word for word in words if word != "/"]
    if found is None:
        found = _phrase_type(words)
    if found is None and religions and not words:
        found = HostType(HostKind.RELIGIOUS)  # "Kristen", "Hindu": a religious institution of that religion
    if found is None and re.search(r"\s(?:dan|atau)\s|/|-|&", text.lower()):
        parts = [_phrase_type(_words(part)) for part in re.split(r"\s(?:dan|atau)\s|/|-|&", text.lower())]
        kinds = {part.kind for part in parts if part is not None}
        if len(kinds) == 1 and all(part is not None for part in parts):
            found = next(part for part in parts if part is not None)
    if found is None:
        return None
    if found.kind == HostKind.PESANTREN:
        return HostType(HostKind.PESANTREN, Religion.ISLAM)
    if found.kind != HostKind.RELIGIOUS or not religions:
        return found
    if len(religions) == 1:
        return HostType(found.kind, religions[0])
    labels = "/".join(str(Religion(religion).label) for religion in religions)
    return HostType(found.kind, "", unclear_religion=labels)


def parse_host_kind(value: Any) -> HostType:
    """The host institution type of a "Jenis Lembaga" cell (a ministry phrase, or the register's own label)."""
    found = read_host_type(as_text(value))
    if found is None:
        raise ValidationError(
            _(
                '"%(value)s" is not a type of host institution: write Pondok Pesantren, Lembaga Keagamaan, '
                "SP/SB or Lembaga Masyarakat."
            )
            % {"value": as_text(value)},
            code="host_kind",
        )
    return found


def host_type_from_name(name: str) -> HostType | None:
    """The type an institution's name gives away ("Pondok Pesantren Al-Ikhlas", "PP Darussalam")."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower()).split()
    for prefix, host_type in HOST_NAME_PREFIXES:
        size = len(prefix.split())
        if words[:size] == prefix.split() and len(words) > size:
            return host_type
    return None


parse_religion = choice_parser(RELIGION_WORDS, what=lambda: _("Islam, Kristen, Katolik, Hindu, Buddha or Konghucu"))
parse_status = choice_parser(STATUS_WORDS, what=lambda: _("Aktif, Tidak Aktif or Tutup"))


def parse_phone(value: Any) -> str:
    """A phone number as written; a mobile number that a spreadsheet stored as a number gets its 0 back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = as_text(value)
        # 81234567890 is 081234567890 whose leading zero a spreadsheet dropped (Indonesian mobiles start 08).
        if text.startswith("8"):
            text = f"0{text}"
    else:
        text = as_text(value)
    if not _PHONE.match(text) or sum(char.isdigit() for char in text) < 6:
        raise ValidationError(_('"%(value)s" is not a phone number.') % {"value": text}, code="phone")
    return text


CENTRE_SPEC = ImportSpec(
    kind="centres",
    label=gettext_lazy("Centres (BLK Komunitas)"),
    columns=(
        Column(
            "code",
            gettext_lazy("Registration code"),
            (
                "Kode Registrasi",
                "Kode BLK",
                "Kode BLKK",
                "Kode BLK Komunitas",
                "Kode",
                "Nomor Registrasi",
                "No Registrasi",
            ),
            parser=text_of_length(32),
        ),
        Column(
            "name",
            gettext_lazy("Centre name"),
            # "Nama" alone is how the register's own export heads the column: an export re-imports as is.
            ("Nama BLK Komunitas", "Nama BLKK", "Nama BLK", "Nama BLK K", "BLK Komunitas", "Nama Balai", "Nama"),
            required=True,
            parser=text_of_length(200),
        ),
        Column(
            "host_name",
            gettext_lazy("Host institution"),
            (
                "Nama Lembaga",
                "Lembaga Pengelola",
                "Nama Lembaga Pengelola",
                "Lembaga Penyelenggara",
                "Nama Lembaga Penyelenggara",
                "Lembaga Pengusul",
                "Nama Lembaga Pengusul",
            ),
            required=True,
            parser=text_of_length(200),
        ),
        Column(
            "host_kind",
            gettext_lazy("Host institution type"),
            ("Jenis Lembaga", "Tipe Lembaga", "Kategori Lembaga", "Jenis Lembaga Pengelola", "Jenis"),
            parser=parse_host_kind,
            optional=True,
        ),
        Column("religion", gettext_lazy("Religion"), ("Agama", "Agama Lembaga"), parser=parse_religion, optional=True),
        Column(
            "address",
            gettext_lazy("Address"),
            ("Alamat", "Alamat Lengkap", "Alamat BLK", "Alamat Lembaga", "Jalan"),
            parser=text_of_length(255),
            optional=True,
        ),
        Column("village", gettext_lazy("Village"), ("Desa/Kelurahan", "Desa", "Kelurahan", "Kel/Desa", "Desa/Kel")),
        Column("district", gettext_lazy("District"), ("Kecamatan", "Kec", "Distrik")),
        Column(
            "regency",
            gettext_lazy("Regency/city"),
            ("Kabupaten/Kota", "Kabupaten", "Kota", "Kab/Kota", "Kota/Kabupaten", "Kab", "Kab./Kota"),
            required=True,
        ),
        Column("province", gettext_lazy("Province"), ("Provinsi", "Propinsi", "Prov"), required=True),
        Column(
            "fields",
            gettext_lazy("Vocational fields"),
            ("Kejuruan", "Bidang Kejuruan", "Program Kejuruan", "Kejuruan Pelatihan", "Jenis Kejuruan"),
        ),
        Column(
            "cohort_year",
            gettext_lazy("Cohort year"),
            ("Tahun", "Tahun Bantuan", "Angkatan", "Tahun Anggaran", "Tahun Pembangunan", "TA"),
            parser=parse_year,
        ),
        Column(
            "latitude", gettext_lazy("Latitude"), ("Latitude", "Lat", "Lintang"), parser=parse_decimal, optional=True
        ),
        Column(
            "longitude",
            gettext_lazy("Longitude"),
            ("Longitude", "Long", "Lng", "Lon", "Bujur"),
            parser=parse_decimal,
            optional=True,
        ),
        Column(
            "contact_person",
            gettext_lazy("Contact person"),
            ("Narahubung", "Nama Narahubung", "Kontak", "Contact Person", "CP", "Penanggung Jawab", "Nama Pengelola"),
            parser=text_of_length(100),
            optional=True,
        ),
        Column(
            "phone",
            gettext_lazy("Phone"),
            (
                "No. HP",
                "No HP",
                "Nomor HP",
                "HP",
                "Telepon",
                "No Telepon",
                "Nomor Telepon",
                "Telp",
                "No. Telp",
                "No WA",
                "WhatsApp",
                "No HP Narahubung",
                "HP Narahubung",
                "Telepon Narahubung",
            ),
            parser=parse_phone,
            optional=True,
        ),
        Column(
            "email",
            gettext_lazy("E-mail"),
            ("Email", "E-mail", "Alamat Email", "Surel", "Email Narahubung"),
            parser=parse_email,
            optional=True,
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            ("Status", "Status BLK", "Status Operasional"),
            parser=parse_status,
            optional=True,
        ),
    ),
)

# Centre fields a row may set, by the key of the column that carries them.
SIMPLE_FIELDS: tuple[str, ...] = ("name", "address", "contact_person", "phone", "email", "cohort_year", "status")


# What the import matches against -----------------------------------------------------------------------


class ImportScope:
    """Which regencies the importing user may import centres into: ``visible_to``'s rules for Centre.

    Centre's scope is ``Scope(region="regency")``: a ministry admin sees every centre, a regional
    coordinator those in their provinces (regency code under the province code) or regencies.
    The same rules are applied here to regency codes of rows that do not exist yet.
    """

    def __init__(self, user: Any) -> None:
        self.everything = user is None or is_ministry_admin(user)
        self.provinces: frozenset[str] = frozenset()
        self.regencies: frozenset[str] = frozenset()
        if not self.everything and user.role == Role.REGIONAL_COORDINATOR and can_register_centres(user):
            scope = user_scope(user)
            self.provinces, self.regencies = frozenset(scope.province_codes), frozenset(scope.regency_codes)

    def allows(self, regency_code: str) -> bool:
        """Whether a centre in this regency/city is within the user's scope."""
        return self.everything or regency_code in self.regencies or regency_code.split(".")[0] in self.provinces


# What lists write for the programme's vocational fields, by the field's code in the master list
# (centres/migrations/0002): short forms, older names, the trade's everyday word.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "otomotif": ("Otomotif Roda Dua", "Otomotif Motor", "Sepeda Motor", "Servis Sepeda Motor", "Bengkel Motor", "TSM"),
    "pendingin": ("Refrigerasi dan Tata Udara", "Tata Udara", "Pendingin", "AC", "Teknik Pendingin dan Tata Udara"),
    "las": ("Pengelasan", "Welding", "Las Listrik"),
    "furnitur": ("Furniture", "Mebel", "Meubel", "Kriya Kayu", "Pertukangan Kayu"),
    "telekomunikasi": ("Fiber Optik", "Instalasi Fiber Optik", "Telekomunikasi"),
    "elektronika": ("Elektronik", "Servis Elektronik", "Teknik Elektronika"),
    "listrik": ("Instalasi Listrik", "Kelistrikan", "Listrik"),
    "tik": ("TI", "IT", "Teknologi Informasi", "Komputer", "Operator Komputer", "Informatika"),
    "dkv": ("Desain Grafis", "DKV"),
    "agroindustri": ("Agroindustri", "Pengolahan Hasil Pertanian", "Agro Industri"),
    "perikanan": ("Pengolahan Ikan", "Hasil Perikanan"),
    "menjahit": ("Garmen", "Garment", "Garmen Apparel", "Jahit", "Tata Busana", "Konveksi"),
    "tata-boga": ("Boga", "Kuliner", "Pengolahan Makanan", "Processing"),
    "tata-kecantikan": ("Kecantikan", "Tata Rias", "Salon"),
    "bangunan": ("Konstruksi Bangunan", "Teknik Bangunan"),
    "bisnis-manajemen": ("Bisnis Manajemen", "Manajemen Bisnis"),
}
# A leading word many lists drop or add: "Teknik Otomotif" / "Otomotif".
_FIELD_PREFIXES = ("teknik ", "teknologi ")


class FieldIndex:
    """The vocational fields master list, findable by code, name, part of a name, English name or a known alias."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self._by_key: dict[str, set[int]] = defaultdict(set)
        for pk, code, name, name_en in VocationalField.objects.filter(active=True).values_list(
            "pk", "code", "name", "name_en"
        ):
            self.names[pk] = name
            bare = re.sub(r"\(.*?\)", " ", name)  # "Teknik Otomotif (Sepeda Motor)" → "Teknik Otomotif"
            inner = re.findall(r"\((.*?)\)", name)  # → "Sepeda Motor"; "(Refrigerasi)" → "Refrigerasi"
            unwrapped = re.sub(r"[()]", " ", name)  # → "Teknik Otomotif Sepeda Motor"
            texts = [code, name, name_en, bare, unwrapped, *inner, *name.split("/"), *bare.split("/")]
            texts += list(FIELD_ALIASES.get(code, ()))
            for text in list(texts):
                lowered = " ".join(text.lower().split())
                for prefix in _FIELD_PREFIXES:
                    if lowered.startswith(prefix):
                        texts.append(lowered[len(prefix) :])
            for text in texts:
                key = choice_key(text)
                if key:
                    self._by_key[key].add(pk)

    def find(self, text: str) -> set[int]:
        """The fields one written name means (empty: unknown; two or more: ambiguous)."""
        return self._by_key.get(choice_key(text), set())

    def suggestions(self, piece: str, *, count: int = 3) -> list[str]:
        """Master-list names close to an unknown one, best first."""
        close = difflib.get_close_matches(choice_key(piece), list(self._by_key), n=count * 2, cutoff=0.6)
        names: list[str] = []
        for key in close:
            for pk in sorted(self._by_key[key]):
                if self.names[pk] not in names:
                    names.append(self.names[pk])
        return names[:count]

    def resolve(
        self, cell: str, *, translate: Callable[[str], str] | None = None
    ) -> tuple[list[int], list[tuple[str, str]]]:
        """Fields named in a cell ("TIK, Menjahit; Otomotif"), and (name, message) for the names not known.

        ``translate`` gives a name's reconciled meaning (value reconciliation) before it is looked up.
        """
        found: list[int] = []
        errors: list[tuple[str, str]] = []
        for part in (part.strip() for part in re.split(r"[,;\n]+", cell)):
            if not part:
                continue
            if translate is not None:
                part = translate(part)
            # "Menjahit / Garmen Apparel" is one field; "TIK / Menjahit" two: try the whole first.
            pieces = (
                [part] if self.find(part) else [piece.strip() for piece in re.split(r"[/&+]", part) if piece.strip()]
            )
            for piece in pieces:
                if translate is not None:
                    piece = translate(piece)
                matches = self.find(piece)
                if len(matches) == 1:
                    found.extend(match for match in matches if match not in found)
                elif matches:
                    names = ", ".join(sorted(self.names[pk] for pk in matches))
                    errors.append(
                        (
                            piece,
                            _('"%(value)s" matches several vocational fields: %(candidates)s.')
                            % {"value": piece, "candidates": names},
                        )
                    )
                else:
                    errors.append((piece, self._unknown(piece)))
        return found, errors

    def _unknown(self, piece: str) -> str:
        message = _('"%(value)s" is not a vocational field of the master list.') % {"value": piece}
        close = difflib.get_close_matches(choice_key(piece), list(self._by_key), n=1, cutoff=0.75)
        if close:
            names = ", ".join(sorted(self.names[pk] for pk in self._by_key[close[0]]))
            message = f"{message} {_('Did you mean: %(suggestions)s?') % {'suggestions': names}}"
        return message


@dataclass
class ExistingCentre:
    """What the import compares a row with: an existing centre's values, light to hold 4,300 of."""

    pk: int
    code: str
    host_id: int
    host_name: str
    values: dict[str, Any]
    field_ids: set[int] = field(default_factory=set)


@dataclass
class CentrePlan:
    """What committing one row does."""

    action: str
    regency_code: str
    code: str = ""  # empty for a new centre without code: generated at commit
    centre_pk: int | None = None
    # The host: an existing one (with changes, maybe) or a new one to create (shared by the rows naming it).
    host_pk: int | None = None
    host_changes: dict[str, Any] = field(default_factory=dict)
    new_host: dict[str, Any] | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # centre fields to set (all of them when creating)
    add_field_ids: list[int] = field(default_factory=list)


# The importer -------------------------------------------------------------------------------------


class CentreImporter:
    """Validates rows of a centre list against the register and writes them (see the module docstring)."""

    spec = CENTRE_SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.scope = ImportScope(user)
        self.regions = RegionIndex()
        self._village_indexes: dict[str, RegionIndex] = {}
        self._all_villages = False
        self.fields = FieldIndex()
        self.this_year = datetime.date.today().year
        # Rows seen so far in the file: their match key and centre name → row number.
        self._seen_keys: dict[tuple[str, ...], int] = {}
        self._seen_names: dict[tuple[str, str], int] = {}
        self._file_codes: set[str] = set()
        self._load_register()

    def _load_register(self) -> None:
        # Deliberately the whole register, not ``visible_to(user)``: codes are unique nationally and
        # names within a regency, so a coordinator's row must meet a clash with a centre they cannot
        # see here, as a row error, rather than as a failed commit. Nothing of an out-of-scope centre
        # is shown: its row gets a scope error that names only what the file itself says.
        self.by_code: dict[str, ExistingCentre] = {}
        self.by_host: dict[tuple[str, str], list[ExistingCentre]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], ExistingCentre] = {}
        by_pk: dict[int, ExistingCentre] = {}
        columns = (
            "province_id",
            "regency_id",
            "district_id",
            "village_id",
            "latitude",
            "longitude",
            "import_notes",
            *SIMPLE_FIELDS,
        )
        for row in Centre.objects.values("pk", "code", "host_id", "host__name", *columns).iterator(chunk_size=2000):
            existing = ExistingCentre(
                pk=row["pk"],
                code=row["code"],
                host_id=row["host_id"],
                host_name=row["host__name"],
                values={name: row[name] for name in columns},
            )
            by_pk[existing.pk] = existing
            regency = existing.values["regency_id"]
            self.by_code[existing.code.casefold()] = existing
            self.by_host[(existing.host_name.casefold(), regency)].append(existing)
            self.by_name[(existing.values["name"].casefold(), regency)] = existing
        for centre_pk, field_pk in CentreField.objects.values_list("centre_id", "field_id").iterator(chunk_size=5000):
            if centre_pk in by_pk:
                by_pk[centre_pk].field_ids.add(field_pk)
        self.hosts: dict[tuple[str, str], dict[str, Any]] = {
            (host["name"].casefold(), host["regency_id"]): host
            for host in HostInstitution.objects.values("pk", "name", "kind", "religion", "regency_id")
        }

    # Validation ----------------------------------------------------------------------------------

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one row against the register and the rows above it; plan its writes."""
        label = row.get("name", "")
        # What the row gives that matched nothing, as written: kept on the centre (``import_notes``).
        notes: dict[str, str] = {}
        regions = self._regions(row, notes)
        existing = self._match(row, regions)
        # Only a row that is surely a new centre is asked for what a new centre needs.
        self._check_values(row, creating=regions is not None and existing is None and not row.errors)
        field_ids = self._fields(row, notes)
        host_type = self._host_type(row, notes)
        if row.errors or regions is None:
            return RowResult(row.number, Action.ERROR, label=label)
        for key in ("phone", "email", "status", "address", "contact_person"):
            if row.raw.get(key) is not None and not row.has(key):
                notes[key] = as_text(row.raw[key])  # an optional cell that did not read (already a warning)
        if (row.raw.get("latitude") is not None or row.raw.get("longitude") is not None) and not (
            row.has("latitude") and row.has("longitude")
        ):
            notes["coordinates"] = ", ".join(as_text(row.raw.get(key) or "") for key in ("latitude", "longitude"))
        plan = self._plan(row, regions, existing, field_ids, host_type, notes)
        return RowResult(row.number, plan.action, plan=plan, label=label)

    def _regions(self, row: ParsedRow, notes: dict[str, str]) -> _Regions | None:
        """Province, regency, district and village of a row, each looked up within the one above.

        Province and regency decide where the centre is: not found, the row fails. District and
        village are details: not found, they stay empty with a warning and the text is noted.
        """
        province = self._lookup(row, "province", level=Level.PROVINCE)
        if not row.has("regency"):
            return None
        regency = self._lookup(row, "regency", level=Level.REGENCY, within=province.code if province else None)
        if province is None or regency is None:
            return None
        district = village = None
        if row.has("district"):
            district = self._lookup(row, "district", level=Level.DISTRICT, within=regency.code, notes=notes)
        if row.has("village"):
            village = self._lookup(
                row, "village", level=Level.VILLAGE, within=district.code if district else regency.code, notes=notes
            )
            if village is not None and district is None:
                # A village names its district: "Kecamatan" may be left empty.
                district = self.regions.get(code=village.code.rsplit(".", 1)[0])
        if not self.scope.allows(regency.code):
            row.error(
                "regency",
                _("%(region)s is outside the regions you may import centres for.") % {"region": regency.path},
                code="scope",
            )
        return _Regions(province, regency, district, village)

    def _lookup(
        self, row: ParsedRow, key: str, *, level: Level, within: str | None = None, notes: dict[str, str] | None = None
    ) -> RegionRef | None:
        if not row.has(key):
            return None
        name = as_text(row.get(key))
        index = self._village_index(within) if level == Level.VILLAGE and within else self.regions
        result = index.lookup(name=name, level=level, within=within)
        if result.match is None:
            code = "ambiguous" if result.ambiguous else "unknown_region"
            if notes is None:
                row.error(key, _region_message(result), code=code)
            else:
                kept = _("Left empty; the text is kept.")
                row.warn(key, f"{_region_message(result)} {kept}", code=code)
                notes[key] = name
                # Reconciliation offers the candidates (ambiguous) or near misses by their own names.
                row.unresolved(key, name, [ref.name for ref in (result.candidates or result.suggestions)])
        return result.match

    def _village_index(self, within: str) -> RegionIndex:
        """The index to look villages up in: one small index per district, or the whole list for big files."""
        if self._all_villages:
            return self.regions
        index = self._village_indexes.get(within)
        if index is None:
            if len(self._village_indexes) >= SMALL_VILLAGE_INDEXES:
                self._all_villages = True
                self._village_indexes.clear()
                return self.regions
            index = self._village_indexes[within] = RegionIndex(within=within)
        return index

    def _match(self, row: ParsedRow, regions: _Regions | None) -> ExistingCentre | None:
        """The existing centre a row means, checking the row against the rows above it."""
        code = row.get("code", "")
        host_name = row.get("host_name", "")
        if code:
            self._file_codes.add(code.casefold())
            key: tuple[str, ...] = ("code", code.casefold())
            key_column, why = "code", _("same registration code")
        elif host_name and regions is not None:
            key = ("host", host_name.casefold(), regions.regency.code)
            key_column, why = "host_name", _("same host institution in the same regency/city")
        else:
            return None
        earlier = self._seen_keys.get(key)
        if earlier is not None:
            row.error(
                key_column,
                _("This row repeats row %(row)s (%(why)s).") % {"row": earlier, "why": why},
                code="duplicate",
            )
            return None
        self._seen_keys[key] = row.number
        if code:
            existing = self.by_code.get(code.casefold())
        else:
            matches = self.by_host.get((host_name.casefold(), regions.regency.code), [])
            if len(matches) > 1:
                row.error(
                    "host_name",
                    _(
                        "The register has %(count)s centres of this institution in this regency/city (%(codes)s): "
                        "give the registration code."
                    )
                    % {"count": len(matches), "codes": ", ".join(sorted(m.code for m in matches))},
                    code="ambiguous_centre",
                )
                return None
            existing = matches[0] if matches else None
        if existing is not None and not self.scope.allows(existing.values["regency_id"]):
            row.error(
                key_column,
                _("This centre lies outside the regions you may import centres for."),
                code="scope",
            )
            return None
        if regions is not None and row.has("name"):
            self._check_name(row, regions.regency.code, existing)
        return existing

    def _check_name(self, row: ParsedRow, regency_code: str, existing: ExistingCentre | None) -> None:
        """A centre's name is unique within its regency/city: in the register and in the file."""
        name_key = (row.get("name").casefold(), regency_code)
        other = self.by_name.get(name_key)
        if other is not None and (existing is None or other.pk != existing.pk):
            if self.scope.allows(other.values["regency_id"]):
                message = _("A centre with this name already exists in this regency/city (code %(code)s).") % {
                    "code": other.code
                }
            else:
                message = _("A centre with this name already exists in this regency/city.")
            row.error("name", message, code="name_taken")
            return
        earlier = self._seen_names.get(name_key)
        if earlier is not None:
            row.error(
                "name",
                _("Row %(row)s already has a centre of this name in this regency/city.") % {"row": earlier},
                code="duplicate",
            )
            return
        self._seen_names[name_key] = row.number

    def _fields(self, row: ParsedRow, notes: dict[str, str]) -> list[int]:
        """The fields a row names; a name the master list lacks is left out with a warning and noted."""
        if not row.has("fields"):
            return []
        found, unknown = self.fields.resolve(row.get("fields"), translate=lambda text: row.translate("fields", text))
        for piece, _message in unknown:
            row.unresolved("fields", piece, self.fields.suggestions(piece))
        for _piece, message in unknown:
            kept = _("Left out; the text is kept.")
            row.warn("fields", f"{message} {kept}", code="unknown_field")
        if unknown:
            notes["fields"] = "; ".join(piece for piece, _message in unknown)
        return found

    def _check_values(self, row: ParsedRow, *, creating: bool) -> None:
        """Year and coordinates within their ranges; what a new centre cannot do without."""
        year = row.get("cohort_year")
        if year is not None and not FIRST_COHORT <= year <= self.this_year:
            row.error(
                "cohort_year",
                _("The cohort year must be between %(first)s and %(last)s.")
                % {"first": FIRST_COHORT, "last": self.this_year},
                code="year_range",
            )
        elif creating and row.raw.get("cohort_year") is None:
            row.error(
                "cohort_year", _("A new centre needs its cohort year (the year of its build aid)."), code="required"
            )
        for key, (low, high) in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
            value = row.get(key)
            if value is not None and not low <= value <= high:
                # Coordinates are a detail: out of range they are left empty (the text is noted).
                row.warn(
                    key,
                    _("%(value)s is outside Indonesia (between %(low)s and %(high)s).")
                    % {"value": value, "low": low, "high": high},
                    code="coordinate_range",
                )
                row.values.pop(key)
        if row.has("latitude") != row.has("longitude"):
            missing = "longitude" if row.has("latitude") else "latitude"
            if row.raw.get(missing) is None:
                row.warn(missing, _("Give both latitude and longitude, or neither."), code="coordinates")
            row.values.pop("latitude", None)
            row.values.pop("longitude", None)

    def _host_type(self, row: ParsedRow, notes: dict[str, str]) -> HostType | None:
        """The type the file gives; else what the institution's name says; religion from "Agama" first."""
        given: HostType | None = row.get("host_kind")
        if row.raw.get("host_kind") is not None and given is None:
            notes["host_kind"] = as_text(row.raw["host_kind"])
            row.unresolved("host_kind", notes["host_kind"], HOST_KIND_SUGGESTIONS)
        if row.raw.get("religion") is not None and not row.has("religion"):
            notes["religion"] = as_text(row.raw["religion"])
            row.unresolved("religion", notes["religion"], RELIGION_SUGGESTIONS)
        host_type = given or (host_type_from_name(row.get("host_name", "")) if row.has("host_name") else None)
        if host_type is None:
            return None
        if host_type.unclear_religion and not row.has("religion"):
            row.warn(
                "host_kind",
                _("%(religions)s: more than one religion, so the religion is left empty.")
                % {"religions": host_type.unclear_religion},
                code="religion_unclear",
            )
            notes["religion"] = host_type.unclear_religion
        religion = row.get("religion") or host_type.religion
        if host_type.kind == HostKind.PESANTREN:
            religion = Religion.ISLAM
        elif host_type.kind != HostKind.RELIGIOUS:
            religion = ""
        return HostType(host_type.kind, religion)

    # Planning -------------------------------------------------------------------------------------

    def _plan(
        self,
        row: ParsedRow,
        regions: _Regions,
        existing: ExistingCentre | None,
        field_ids: list[int],
        host_type: HostType | None,
        notes: dict[str, str],
    ) -> CentrePlan:
        regency_code = regions.regency.code
        values: dict[str, Any] = {key: row.get(key) for key in SIMPLE_FIELDS if row.has(key)}
        values["province_id"] = regions.province.code
        values["regency_id"] = regency_code
        if regions.district is not None:
            values["district_id"] = regions.district.code
        if regions.village is not None:
            values["village_id"] = regions.village.code
        if row.has("latitude") and row.has("longitude"):
            values["latitude"] = row.get("latitude").quantize(COORDINATE_PLACES)
            values["longitude"] = row.get("longitude").quantize(COORDINATE_PLACES)
        plan = CentrePlan(action=Action.CREATE, regency_code=regency_code, code=row.get("code", ""))
        self._plan_host(row, plan, regency_code, host_type, notes)
        known_notes = existing.values.get("import_notes") or {} if existing is not None else {}
        if notes and {**known_notes, **notes} != known_notes:
            values["import_notes"] = {**known_notes, **notes}
        if existing is None:
            plan.changes = values
            plan.add_field_ids = field_ids
            return plan
        plan.centre_pk = existing.pk
        plan.code = existing.code
        if values["regency_id"] != existing.values["regency_id"]:
            # A centre that moves leaves its old district and village unless the file gives new ones.
            values.setdefault("district_id", None)
            values.setdefault("village_id", None)
        plan.changes = {key: value for key, value in values.items() if existing.values.get(key) != value}
        if plan.host_pk != existing.host_id:
            plan.changes["host"] = plan.host_pk  # resolved at commit (the host may be new)
        plan.add_field_ids = [pk for pk in field_ids if pk not in existing.field_ids]
        changed = plan.changes or plan.host_changes or plan.new_host or plan.add_field_ids
        plan.action = Action.UPDATE if changed else Action.UNCHANGED
        return plan

    def _plan_host(
        self,
        row: ParsedRow,
        plan: CentrePlan,
        regency_code: str,
        host_type: HostType | None,
        notes: dict[str, str],
    ) -> None:
        """Use the host of that name in the regency/city, or plan a new one; update its type if the file says."""
        name = row.get("host_name")
        host = self.hosts.get((name.casefold(), regency_code))
        if host is not None:
            plan.host_pk = host["pk"]
            if row.has("host_kind") and host_type is not None:
                wanted = {"kind": host_type.kind, "religion": host_type.religion}
                if host_type.kind == HostKind.RELIGIOUS and not host_type.religion:
                    wanted["religion"] = host["religion"]  # "Lembaga Keagamaan" alone keeps the known religion
            elif row.has("religion") and host["kind"] == HostKind.RELIGIOUS:
                wanted = {"religion": row.get("religion")}
            else:
                wanted = {}
            if wanted.get("kind") == HostKind.RELIGIOUS and not wanted.get("religion") and "religion" not in notes:
                row.warn(
                    "religion" if row.mapped("religion") else "host_kind",
                    _("%(name)s is a religious institution whose religion the file does not give: left empty.")
                    % {"name": name},
                    code="religion_missing",
                )
            plan.host_changes = {key: value for key, value in wanted.items() if host[key] != value}
            return
        if host_type is None:
            # The type is a detail of the host, not of the centre: "other community body" (what
            # "Lainnya" means) with a warning, and the file's text noted for someone to correct.
            row.warn(
                "host_kind",
                _(
                    "%(name)s is a new host institution of a type the file does not give or the list does not know: "
                    "recorded as other community body."
                )
                % {"name": name},
                code="host_kind_missing",
            )
            notes.setdefault("host_kind", as_text(row.raw.get("host_kind") or ""))
            host_type = HostType(HostKind.COMMUNITY)
        if host_type.kind == HostKind.RELIGIOUS and not host_type.religion and "religion" not in notes:
            row.warn(
                "religion" if row.mapped("religion") else "host_kind",
                _("%(name)s is a religious institution whose religion the file does not give: left empty.")
                % {"name": name},
                code="religion_missing",
            )
        plan.new_host = {
            "name": name,
            "kind": host_type.kind,
            "religion": host_type.religion,
            "regency_code": regency_code,
        }

    # Writing --------------------------------------------------------------------------------------

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Write the planned rows (inside the caller's transaction) with ``centres_write``: set-based.

        Everything is gathered first — new hosts once per name and regency/city, new centres with
        their generated codes, changes, added fields — and then written by kind, a few statements in
        all and one audit entry per created or changed object (4,300 centres took minutes one by one).
        """
        with _cycles_paused():
            return self._commit(results)

    def _commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        plans: list[CentrePlan] = [result.plan for result in results if result.plan is not None]
        counts = dict.fromkeys((Action.CREATE, Action.UPDATE, Action.UNCHANGED), 0)
        busy = [plan for plan in plans if plan.action != Action.UNCHANGED]
        counts[Action.UNCHANGED] = len(plans) - len(busy)
        centres = Centre.objects.in_bulk([plan.centre_pk for plan in busy if plan.centre_pk])
        hosts = HostInstitution.objects.in_bulk([plan.host_pk for plan in busy if plan.host_pk])
        fields = VocationalField.objects.in_bulk({pk for plan in busy for pk in plan.add_field_ids})
        writes = CentreWrites()
        new_hosts: dict[tuple[str, str], HostInstitution] = {}
        changed_hosts: set[int] = set()
        codes = _CodeSequence(self._file_codes)
        for plan in busy:
            host = self._host_for(plan, hosts, new_hosts, changed_hosts, writes)
            changes = dict(plan.changes)
            if plan.action == Action.CREATE:
                centre = Centre(
                    code=plan.code or codes.next(plan.regency_code),
                    name=changes.pop("name"),
                    host=host,
                    cohort_year=changes.pop("cohort_year"),
                    **changes,
                )
                writes.new_centres.append(centre)
            else:
                centre = centres[plan.centre_pk]
                if "host" in changes:
                    changes["host"] = host
                if changes:
                    writes.centre_changes.append((centre, changes))
            for pk in plan.add_field_ids:
                writes.new_fields.append(CentreField(centre=centre, field=fields[pk], capacity=DEFAULT_FIELD_CAPACITY))
            counts[plan.action] += 1
        centres_write(writes=writes)
        return {str(key): value for key, value in counts.items()}

    def _host_for(
        self,
        plan: CentrePlan,
        hosts: dict[int, HostInstitution],
        new_hosts: dict[tuple[str, str], HostInstitution],
        changed_hosts: set[int],
        writes: CentreWrites,
    ) -> HostInstitution:
        """The row's host: a known one (its changes gathered once) or a new one, shared by the rows naming it."""
        if plan.host_pk is not None:
            host = hosts[plan.host_pk]
            if plan.host_changes and host.pk not in changed_hosts:
                # Rows naming one host plan the same changes (they read the same register).
                changed_hosts.add(host.pk)
                writes.host_changes.append((host, plan.host_changes))
            return host
        assert plan.new_host is not None
        key = (plan.new_host["name"].casefold(), plan.regency_code)
        host = new_hosts.get(key)
        if host is None:
            # Several rows may name the same new institution: it is created once, by the first.
            host = new_hosts[key] = HostInstitution(
                name=plan.new_host["name"],
                kind=plan.new_host["kind"],
                religion=plan.new_host["religion"],
                regency_id=plan.regency_code,
            )
            writes.new_hosts.append(host)
        return host


@contextmanager
def _cycles_paused() -> Iterator[None]:
    """Python's cycle collector paused during the commit (restored after, as it was).

    The commit makes tens of thousands of objects that live until it ends (models, their audit
    entries and changes): the collector ran again and again over all of them and Django's own
    objects, about a quarter of the commit's CPU (3,000 new centres: 1.75 -> 1.33 s). They hold no
    cycles that need it; reference counting frees them once the commit is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class _Regions:
    province: RegionRef
    regency: RegionRef
    district: RegionRef | None
    village: RegionRef | None


class _CodeSequence:
    """Registration codes for new centres without one: "BLKK-3216-007", after the highest in use.

    "In use" is the register (read inside the import's transaction) and the codes the file itself
    gives, so that a generated code never collides with a row further down.
    """

    def __init__(self, file_codes: set[str]) -> None:
        self._file_codes = file_codes
        self._next: dict[str, int] | None = None

    def next(self, regency_code: str) -> str:
        prefix = f"BLKK-{regency_code.replace('.', '')}-"
        if self._next is None:
            # The highest serial of every prefix at once: one query for the import, not one per regency/city.
            codes = Centre.objects.filter(code__istartswith="BLKK-").values_list("code", flat=True)
            self._next = {}
            for code in (*(code.casefold() for code in codes), *self._file_codes):
                head, _dash, serial = code.rpartition("-")
                if head.startswith("blkk-") and serial.isdigit():
                    self._next[head] = max(self._next.get(head, 1), int(serial) + 1)
        key = prefix.casefold()[:-1]
        serial = self._next.get(key, 1)
        self._next[key] = serial + 1
        return f"{prefix}{serial:03d}"


def _region_message(result: LookupResult) -> str:
    """The lookup's message with the candidates (ambiguous) or the near misses (not found)."""
    if result.ambiguous:
        # Two villages of one district may share a name: their kind and code tell them apart.
        candidates = "; ".join(
            f"{ref.path} ({ref.kind_label}, {ref.code})" if ref.kind_label else f"{ref.path} ({ref.code})"
            for ref in result.candidates
        )
        return f"{result.message} {_('Candidates: %(candidates)s.') % {'candidates': candidates}}"
    if result.suggestions:
        suggestions = "; ".join(ref.path for ref in result.suggestions)
        return f"{result.message} {_('Did you mean: %(suggestions)s?') % {'suggestions': suggestions}}"
    return result.message
