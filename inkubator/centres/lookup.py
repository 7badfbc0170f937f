"""A centre named in an imported file, by its registration code or exact name, and suggestions for one that is not.

For the imports that point at centres (assessment score sheets, venue lists). Everything is matched
among the centres the importing user may see (``Centre.objects.visible_to``; the system, without a
user, every centre), so a coordinator's file never reaches — and is never offered — a centre outside
their region.

What lists write for a code or a centre is known out of the box: the code with other separators or
none ("BLKK 3216 007", "blkk3216007"), and the centre's own name with "BLKK", "BLK-K" or "BLK
Komunitas" in front ("BLKK Al-Ikhlas" for "BLK Komunitas Al-Ikhlas"), when no other centre has it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from inkubator.imports.cells import as_text, choice_key
from inkubator.imports.suggest import Suggester

from .models import Centre

# How a centre's name begins in lists: one spelling for all of them, so that the rest decides.
_PREFIX = re.compile(r"^(?:blk\s*-?\s*k\b|blkk\b|blk\s+komunitas\b|balai\s+latihan\s+kerja\s+komunitas\b)", re.I)


def name_key(text: Any) -> str:
    """A centre name's comparison key: the "BLK Komunitas"/"BLKK" prefix one word, then letters and digits."""
    return choice_key(_PREFIX.sub("blkk ", as_text(text).strip()))


class CentreFinder:
    """The centres a user may see, by code key and name key; read once per file."""

    def __init__(self, *, user: Any = None) -> None:
        centres = Centre.objects.all() if user is None else Centre.objects.visible_to(user)
        self.code_of: dict[int, str] = {}
        self.regency_of: dict[int, str] = {}
        self._codes: dict[str, set[int]] = defaultdict(set)
        self._names: dict[str, set[int]] = defaultdict(set)
        self._name_of: dict[int, str] = {}
        for pk, code, name, regency in centres.values_list("pk", "code", "name", "regency_id"):
            self.code_of[pk], self.regency_of[pk], self._name_of[pk] = code, regency, name
            self._codes[choice_key(code)].add(pk)
            self._names[name_key(name)].add(pk)
        self._suggester: Suggester | None = None

    def find(self, text: Any) -> int | None:
        """The one centre a cell names (its code, or a name no other visible centre has); None otherwise."""
        for found in (self._codes.get(choice_key(text)), self._names.get(name_key(text))):
            if found and len(found) == 1:
                return next(iter(found))
        return None

    def suggestions(self, text: Any) -> list[str]:
        """Codes of the visible centres likest ``text`` by code or name, best first."""
        if self._suggester is None:
            # Ranked like every master list of an import, among the visible centres only; built when a
            # file first names an unknown centre (a national list: ~0.15 s), not for every file.
            self._suggester = Suggester(
                [(code, text) for pk, code in self.code_of.items() for text in (code, self._name_of[pk])]
            )
        return self._suggester(text)
