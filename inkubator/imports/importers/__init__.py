"""The kinds of import, by the name the command line and the pages use ("centres")."""

from __future__ import annotations

from typing import Any

from ..mapping import ImportSpec
from ..validation import Importer


def importer_for(kind: str, *, user: Any) -> Importer:
    """A fresh importer of ``kind`` acting for ``user`` (None: the system, with full scope).

    Building one reads what it matches against (regions, existing records) once for the file.
    """
    if kind == "centres":
        from .centres import CentreImporter

        return CentreImporter(user=user)
    raise KeyError(kind)


def spec_for(kind: str) -> ImportSpec:
    """The columns of an import kind, without reading anything from the database."""
    if kind == "centres":
        from .centres import CENTRE_SPEC

        return CENTRE_SPEC
    raise KeyError(kind)


IMPORT_KINDS: tuple[str, ...] = ("centres",)
