"""The comparison key of a person's name, for finding duplicate records without a NIK."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Upper case, single spaces, no dots or commas: "  siti  Aminah, S.Pd" → "SITI AMINAH SPD"."""
    return _SPACES.sub(" ", name.replace(".", "").replace(",", " ")).strip().upper()
