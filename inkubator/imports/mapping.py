"""What an import expects (``ImportSpec`` of ``Column`` targets) and how file headers map onto it.

A ministry list names the same column many ways: "Nama Lembaga", "NAMA LEMBAGA ", "nama_lembaga",
"Lembaga Pengelola". Headers are compared by a key (lower case ASCII letters and digits only), and
each target column lists the spellings it is known by. The mapping suggested from those spellings
is what the mapping page shows pre-filled and what the command line uses as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language

from .cells import parse_text

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# A header that only contains a known spelling ("Kabupaten/Kota Lokasi BLK") still maps to it, if
# the spelling is long enough not to be a chance part of another header.
MIN_CONTAINED_KEY = 6


def header_key(text: Any) -> str:
    """The comparison key of a header: "NAMA LEMBAGA ", "nama_lembaga" and "Nama Lembaga" → "namalembaga"."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return _NOT_ALNUM.sub("", ascii_text)


@dataclass(frozen=True)
class Column:
    """A target column of an import: what it means, the headers it is known by, how a cell is read.

    ``parser`` turns a non-empty cell into a value or raises ``ValidationError`` with a message for
    the user; empty cells never reach it. ``optional`` columns never block a row: a cell that does
    not parse is a warning, the value is left empty and its text stays in ``ParsedRow.raw``.
    """

    key: str
    label: str | Promise
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parser: Callable[[Any], Any] = parse_text
    optional: bool = False

    def header_keys(self) -> set[str]:
        """Every key a header may have to mean this column (the label in the current language too)."""
        return {header_key(text) for text in (self.key, str(self.label), *self.synonyms)} - {""}


@dataclass(frozen=True)
class ImportSpec:
    """The columns one kind of import reads, in the order the mapping page lists them."""

    kind: str
    label: str | Promise
    columns: tuple[Column, ...]
    # Each column with its header keys, per language (labels are translated): a header search
    # matches some 150 cells against every column, which re-derived them all each time.
    _keys: dict[str, list[tuple[Column, frozenset[str]]]] = field(default_factory=dict, compare=False, repr=False)

    def _column_keys(self) -> list[tuple[Column, frozenset[str]]]:
        language = get_language() or ""
        known = self._keys.get(language)
        if known is None:
            known = self._keys[language] = [(column, frozenset(column.header_keys())) for column in self.columns]
        return known

    def column(self, key: str) -> Column:
        """The column with ``key``; KeyError for an unknown one."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def match_header(self, header: Any) -> Column | None:
        """The column a header means: an exact spelling first, else the longest spelling it contains."""
        key = header_key(header)
        if not key:
            return None
        contained: list[tuple[int, Column]] = []
        for column, keys in self._column_keys():
            if key in keys:
                return column
            longest = max((len(known) for known in keys if len(known) >= MIN_CONTAINED_KEY and known in key), default=0)
            if longest:
                contained.append((longest, column))
        if not contained:
            return None
        contained.sort(key=lambda item: -item[0])
        # Two columns equally likely: leave the choice to the user rather than guess.
        if len(contained) > 1 and contained[0][0] == contained[1][0]:
            return None
        return contained[0][1]

    def header_score(self, cells: Sequence[Any]) -> int:
        """How many cells of a row are known headers: finds the header under a title block."""
        return sum(1 for cell in cells if isinstance(cell, str) and self.match_header(cell) is not None)

    def suggest_mapping(self, headers: Sequence[str]) -> dict[int, str]:
        """{column index: target key} from the headers; a target goes to its first matching column only."""
        mapping: dict[int, str] = {}
        taken: set[str] = set()
        for index, header in enumerate(headers):
            column = self.match_header(header)
            if column is not None and column.key not in taken:
                mapping[index] = column.key
                taken.add(column.key)
        return mapping

    def missing_required(self, mapping: Mapping[int, str]) -> list[Column]:
        """Required targets no file column is mapped to."""
        mapped = set(mapping.values())
        return [column for column in self.columns if column.required and column.key not in mapped]
