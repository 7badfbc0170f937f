"""How region names are compared: one key for the many spellings that real files use.

"Kab. Bekasi", "KABUPATEN BEKASI", "Bekasi, Kab." and "Kab Bekasi" must all find Kabupaten Bekasi;
"Jatim", "Jawa Timur" and "Prov. Jawa Timur" must all find province 35. A name is reduced to a
*key*: lower case, accents and apostrophes dropped, other punctuation and all spaces removed, a few
abbreviations expanded (so "Toli-Toli" and "Tolitoli", "Kep. Seribu" and "Kepulauan Seribu" meet).
A leading (or trailing) word such as "Kab.", "Kota", "Kodya", "Prov.", "Kec." is taken off and kept
as a hint of the level and kind. The same functions key the stored names and the input, so any
expansion applies to both sides equally.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .choices import Level

# Abbreviations written in region names, expanded on both sides of a comparison.
TOKEN_EXPANSIONS: dict[str, str] = {
    "kep": "kepulauan",
    "kepl": "kepulauan",
    "gn": "gunung",
    "gng": "gunung",
    "tg": "tanjung",
    "tj": "tanjung",
    "tjg": "tanjung",
    "sumatra": "sumatera",
}


@dataclass(frozen=True, slots=True)
class Designator:
    """A word that says what kind of region follows ("Kab.", "Kota", "Kec.")."""

    tokens: tuple[str, ...]
    level: Level
    kind: str = ""


# Longest first, so "kota administrasi" is taken before "kota".
DESIGNATORS: tuple[Designator, ...] = tuple(
    sorted(
        (
            Designator(("kabupaten", "administrasi"), Level.REGENCY, "kabupaten"),
            Designator(("kabupaten", "adm"), Level.REGENCY, "kabupaten"),
            Designator(("kab", "administrasi"), Level.REGENCY, "kabupaten"),
            Designator(("kab", "adm"), Level.REGENCY, "kabupaten"),
            Designator(("kabupaten",), Level.REGENCY, "kabupaten"),
            Designator(("kab",), Level.REGENCY, "kabupaten"),
            Designator(("kota", "administrasi"), Level.REGENCY, "kota"),
            Designator(("kota", "adm"), Level.REGENCY, "kota"),
            Designator(("kotamadya",), Level.REGENCY, "kota"),
            Designator(("kodya",), Level.REGENCY, "kota"),
            Designator(("kota",), Level.REGENCY, "kota"),
            Designator(("provinsi",), Level.PROVINCE),
            Designator(("propinsi",), Level.PROVINCE),
            Designator(("prov",), Level.PROVINCE),
            Designator(("prop",), Level.PROVINCE),
            Designator(("kecamatan",), Level.DISTRICT),
            Designator(("kec",), Level.DISTRICT),
            Designator(("distrik",), Level.DISTRICT),
            Designator(("kelurahan",), Level.VILLAGE, "kelurahan"),
            Designator(("kel",), Level.VILLAGE, "kelurahan"),
            Designator(("desa", "adat"), Level.VILLAGE, "desa_adat"),
            Designator(("desa",), Level.VILLAGE, "desa"),
            Designator(("ds",), Level.VILLAGE, "desa"),
        ),
        key=lambda designator: -len(designator.tokens),
    )
)

# What people write for provinces besides their official names (which are keys already).
# Several of these are the common Indonesian contractions (Jatim = Jawa Timur, Sulsel = Sulawesi
# Selatan); the rest are the older or shorter official names still found in files.
PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "11": ("NAD", "Nanggroe Aceh Darussalam", "DI Aceh", "Daerah Istimewa Aceh"),
    "12": ("Sumut",),
    "13": ("Sumbar",),
    "16": ("Sumsel",),
    "19": ("Babel", "Bangka Belitung", "Kep. Babel"),
    "21": ("Kepri",),
    "31": ("DKI", "DKI Jakarta", "Jakarta", "DKJ", "Daerah Khusus Jakarta", "Jakarta Raya"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DIY", "DI Yogyakarta", "Yogyakarta", "Jogja", "Jogjakarta", "Yogya", "DI Jogjakarta"),
    "35": ("Jatim",),
    "52": ("NTB",),
    "53": ("NTT",),
    "61": ("Kalbar",),
    "62": ("Kalteng",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "65": ("Kaltara",),
    "71": ("Sulut",),
    "72": ("Sulteng",),
    "73": ("Sulsel",),
    "74": ("Sultra",),
    "76": ("Sulbar",),
    "82": ("Malut",),
    "92": ("Pabar", "Irian Jaya Barat"),
    "96": ("PBD",),
}

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def name_tokens(text: str) -> list[str]:
    """The words of a name: ASCII lower case, apostrophes dropped, other punctuation a separator."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    # "Ma'u" and "Mau" are the same place; "Toli-Toli" and "Toli Toli" too.
    words = _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", ascii_text)).split()
    return [TOKEN_EXPANSIONS.get(word, word) for word in words]


def tokens_key(tokens: list[str] | tuple[str, ...]) -> str:
    """The comparison key of some words: joined without spaces ("Gunung Kidul" = "Gunungkidul")."""
    return "".join(tokens)


def name_key(text: str) -> str:
    """The comparison key of a name as written, designators included."""
    return tokens_key(name_tokens(text))


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to understand an input: the key to look up, and the level and kind it implies."""

    key: str
    level: Level | None = None
    kind: str = ""


def _leading_designator(tokens: list[str], levels: frozenset[Level] | None) -> Designator | None:
    for designator in DESIGNATORS:
        size = len(designator.tokens)
        if (
            len(tokens) > size
            and tuple(tokens[:size]) == designator.tokens
            and (levels is None or designator.level in levels)
        ):
            return designator
    return None


def _trailing_designator(tokens: list[str], levels: frozenset[Level] | None) -> Designator | None:
    for designator in DESIGNATORS:
        size = len(designator.tokens)
        if (
            len(tokens) > size
            and tuple(tokens[-size:]) == designator.tokens
            and (levels is None or designator.level in levels)
        ):
            return designator
    return None


def name_readings(text: str, *, levels: frozenset[Level] | None = None) -> list[Reading]:
    """The ways to read ``text``, most likely first; empty if nothing is left to look up.

    ``levels`` limits which designators are recognised: a stored district named "Kota Baharu" is
    keyed with only district designators taken off, so it is not mistaken for a city.
    """
    tokens = name_tokens(text)
    if not tokens:
        return []
    readings: list[Reading] = []
    leading = _leading_designator(tokens, levels)
    if leading is not None:
        rest = tokens[len(leading.tokens) :]
        kind = leading.kind
        # "Kab/Kota Bekasi" names both kinds: keep the level, drop the kind.
        second = _leading_designator(rest, frozenset({leading.level}))
        if second is not None:
            rest = rest[len(second.tokens) :]
            kind = kind if second.kind == kind else ""
        readings.append(Reading(tokens_key(rest), leading.level, kind))
    # The words as written come next: "Kota Baru" is also Kabupaten Kotabaru's name.
    readings.append(Reading(tokens_key(tokens)))
    trailing = _trailing_designator(tokens, levels) if leading is None else None
    if trailing is not None:
        # "Bekasi, Kab." and "Bekasi (Kota)": tried after the whole name, since district names
        # such as "Pontianak Kota" end in a designator word too.
        readings.append(Reading(tokens_key(tokens[: -len(trailing.tokens)]), trailing.level, trailing.kind))
    return readings


def stored_name_keys(name: str, level: Level) -> set[str]:
    """The keys a stored region is found under: its name with and without its own designator."""
    return {reading.key for reading in name_readings(name, levels=frozenset({level})) if reading.key}
