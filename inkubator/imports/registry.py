"""The kinds of import, registered by the domain apps that own them.

The import framework (reading, limits, mapping, validation, ``ImportRun``, the upload → map → check
→ commit pages and ``manage.py import``) is a layer below the domain apps and names none of them.
Each app that imports a kind of list owns its importer (``centres/importers.py``,
``training/importers.py`` …) and registers it in its ``AppConfig.ready()``::

    from inkubator.imports.registry import ImportKind, register_importer

    register_importer(
        ImportKind(
            kind="centres",
            importer="inkubator.centres.importers.CentreImporter",
            spec="inkubator.centres.importers.CENTRE_SPEC",
            permission="inkubator.centres.permissions.can_register_centres",
            order=10,
        )
    )

The importer, its spec and the permission are named by dotted path and imported on first use, so
start-up reads nothing a kind matches against until a file of that kind arrives. Registering the
same kind again replaces it (tests may run ``ready()`` again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .mapping import ImportSpec
    from .validation import Importer


@dataclass(frozen=True)
class ImportKind:
    """One kind of import: its name in URLs and on the command line, and where its parts live.

    ``importer``: a class (or dotted path to one) taking ``user=`` (None: the system, full scope)
    and following ``validation.Importer``. ``spec``: its ``ImportSpec`` (or dotted path).
    ``permission``: ``f(user) -> bool``, who may import this kind (or dotted path). ``limits``:
    a ``reading.Limits`` when the kind needs other limits than the defaults (a year's trainees).
    """

    kind: str
    importer: str | Callable[..., Importer]
    spec: str | ImportSpec
    permission: str | Callable[[Any], bool]
    order: int = 100
    limits: Any = None
    # A kind whose lists are too big for the in-memory flow streams them itself: ``page`` is the URL
    # name of its own upload page (``/imports/<kind>/`` leads there) and ``file_import`` the callable
    # ``manage.py import KIND FILE`` hands the file to: ``f(*, path, user, dry_run, commit_valid, values)``
    # (``values``: reconciled values of a values file, applied after the organisation's own) returning a
    # report with ``rows_read``, ``error_rows``, ``errors``, ``written``, ``run``, ``summary()`` and
    # ``unresolved()`` (``values.Unresolved`` entries, for ``--values-out``).
    page: str = ""
    file_import: str | Callable[..., Any] | None = None

    def resolve(self, value: Any) -> Any:
        return import_string(value) if isinstance(value, str) else value


_KINDS: dict[str, ImportKind] = {}


def register_importer(*kinds: ImportKind) -> None:
    """Make kinds of import available to the pages and the command (from ``AppConfig.ready()``)."""
    for kind in kinds:
        _KINDS[kind.kind] = kind


def import_kinds() -> tuple[str, ...]:
    """Every registered kind, in the order the import page lists them."""
    return tuple(kind.kind for kind in sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.kind)))


def kind_entry(kind: str) -> ImportKind:
    """The registration of ``kind``; KeyError for an unknown one."""
    return _KINDS[kind]


def importer_for(kind: str, *, user: Any) -> Importer:
    """A fresh importer of ``kind`` acting for ``user`` (None: the system, with full scope).

    Building one reads what it matches against (regions, existing records) once for the file.
    """
    entry = _KINDS[kind]
    return entry.resolve(entry.importer)(user=user)


def spec_for(kind: str) -> ImportSpec:
    """The columns of an import kind, without reading anything from the database."""
    entry = _KINDS[kind]
    return entry.resolve(entry.spec)


def limits_for(kind: str) -> Any:
    """The reading limits ``kind`` registered (None: the framework's defaults)."""
    entry = _KINDS.get(kind)
    return entry.resolve(entry.limits) if entry is not None else None


def can_import(user: Any, kind: str | None = None) -> bool:
    """Whether ``user`` may import ``kind`` (any kind at all when None), as the owning app decides."""
    if kind is None:
        return any(can_import(user, name) for name in _KINDS)
    entry = _KINDS.get(kind)
    return entry is not None and bool(entry.resolve(entry.permission)(user))


def importable_kinds(user: Any) -> list[str]:
    """The kinds ``user`` may import, in the order of the import page."""
    return [kind for kind in import_kinds() if can_import(user, kind)]
