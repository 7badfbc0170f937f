"""The kinds of import, by the name the command line and the pages use ("centres").

Each kind names the module holding its importer class and its column spec; the module is imported
on first use, so a kind's matching data is read only when a file of that kind arrives.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..mapping import ImportSpec
from ..validation import Importer

# kind -> (module, importer class, spec constant)
_KINDS: dict[str, tuple[str, str, str]] = {
    "centres": ("inkubator.imports.importers.centres", "CentreImporter", "CENTRE_SPEC"),
    "tenants": ("inkubator.imports.importers.tenants", "TenantImporter", "TENANT_SPEC"),
    "assessments": ("inkubator.imports.importers.assessments", "AssessmentImporter", "ASSESSMENT_SPEC"),
    "trainees": ("inkubator.imports.importers.trainees", "TraineeImporter", "TRAINEE_SPEC"),
}


def importer_for(kind: str, *, user: Any) -> Importer:
    """A fresh importer of ``kind`` acting for ``user`` (None: the system, with full scope).

    Building one reads what it matches against (regions, existing records) once for the file.
    """
    module, importer, _spec = _KINDS[kind]
    return getattr(import_module(module), importer)(user=user)


def spec_for(kind: str) -> ImportSpec:
    """The columns of an import kind, without reading anything from the database."""
    module, _importer, spec = _KINDS[kind]
    return getattr(import_module(module), spec)


IMPORT_KINDS: tuple[str, ...] = tuple(_KINDS)
