"""Value reconciliation: each value of a file that names nothing in a master list, once, with suggestions.

An importer tells the framework about a value it could not match (``ParsedRow.unresolved``: an
unknown village, vocational field, host type …) with its ranked suggestions. The validation report
gathers them by column and value — each distinct value once, with the rows it affects — and the
user maps each one once: to a suggestion, or to any text the importer understands. Mappings are
kept per organisation (``ValueMapping``) and applied to every later import of that organisation
before its cells are read, so a ministry list's hundreds of variants are answered once.

Command line: ``--values-out FILE`` (with ``--dry-run``) writes ``column,value,suggestion,rows``
for every unresolved value; ``--values FILE`` applies such a file, the suggestion column (possibly
edited) being the mapping, and keeps it for the organisation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from inkubator.core.roles import is_ministry_admin
from inkubator.core.scoping import user_scope

from .cells import choice_key
from .models import ValueMapping

# {column key: {choice_key(value): replacement text}}
ValueMap = dict[str, dict[str, str]]
VALUES_HEADER = ("column", "value", "suggestion", "rows")


@dataclass
class Unresolved:
    """One distinct value of one column that matched nothing, with its suggestions and rows."""

    key: str
    column: str  # the file's header
    value: str
    suggestions: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    count: int = 0  # rows in all (``rows`` lists the first ``MAX_ROWS`` of a streamed file)

    @property
    def suggestion(self) -> str:
        return self.suggestions[0] if self.suggestions else ""


# A streamed file (a year's trainees) lists at most this many rows per value and this many values:
# one value wrong on 100,000 rows is one line to map, not a list of 100,000 numbers.
MAX_ROWS = 1_000
MAX_VALUES = 10_000


class UnresolvedTally:
    """Unresolved values gathered as the rows go by: each column and value once, its rows and how many.

    ``add`` takes the suggestions as a function, called once per distinct value (ranking a value
    against thousands of batch codes is worth doing once, not once per row).
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Unresolved] = {}

    def add(self, row: int, key: str, column: str, value: str, suggestions: Callable[[], Sequence[str]]) -> None:
        value_key = (key, choice_key(value))
        entry = self._entries.get(value_key)
        if entry is None:
            if len(self._entries) >= MAX_VALUES:
                return
            entry = self._entries[value_key] = Unresolved(key, column, value, list(suggestions()))
        if row not in entry.rows[-1:]:
            entry.count += 1
            if len(entry.rows) < MAX_ROWS:
                entry.rows.append(row)

    def entries(self) -> list[Unresolved]:
        """By column, the values on most rows first."""
        return sorted(self._entries.values(), key=lambda entry: (entry.column, -entry.count, entry.value))

    def __bool__(self) -> bool:
        return bool(self._entries)


def gather(found: Iterable[tuple[int, str, str, str, list[str]]]) -> list[Unresolved]:
    """``(row, key, column, value, suggestions)`` records → one ``Unresolved`` per column and value."""
    tally = UnresolvedTally()
    for row, key, column, value, suggestions in found:
        tally.add(row, key, column, value, lambda suggestions=suggestions: suggestions)
    return tally.entries()


def organisation_key(user: Any) -> str:
    """Whose mappings these are: the system's, the ministry's, a partner's, a region's or centres'."""
    if user is None:
        return "system"
    if is_ministry_admin(user):
        return "ministry"
    if getattr(user, "partner_id", None):
        return f"partner:{user.partner_id}"
    scope = user_scope(user)
    regions = sorted({*scope.province_codes, *scope.regency_codes})
    if regions:
        return "region:" + ",".join(regions)[:100]
    centres = sorted(user.centres.values_list("pk", flat=True)) if hasattr(user, "centres") else []
    if centres:
        return "centres:" + ",".join(map(str, centres))[:100]
    return f"user:{user.pk}"


def value_map_for(*, kind: str, user: Any) -> ValueMap:
    """The mappings the user's organisation saved for this kind of import."""
    mapping: ValueMap = {}
    rows = ValueMapping.objects.filter(organisation=organisation_key(user), kind=kind)
    for column, value_key, replacement in rows.values_list("column", "value_key", "replacement"):
        mapping.setdefault(column, {})[value_key] = replacement
    return mapping


@transaction.atomic
def value_mappings_save(*, kind: str, user: Any, entries: Iterable[tuple[str, str, str]]) -> int:
    """Keep ``(column key, value, replacement)`` mappings for the user's organisation; returns how many."""
    organisation = organisation_key(user)
    saved = 0
    for column, value, replacement in entries:
        value_key = choice_key(value)
        if not value_key or not replacement.strip():
            continue
        ValueMapping.objects.update_or_create(
            organisation=organisation,
            kind=kind,
            column=column,
            value_key=value_key,
            defaults={"value": value[:255], "replacement": replacement.strip()[:255], "user": user},
        )
        saved += 1
    return saved


def merge(*maps: Mapping[str, Mapping[str, str]] | None) -> ValueMap:
    """Later maps win: saved mappings, then a file given now."""
    merged: ValueMap = {}
    for one in maps:
        for column, values in (one or {}).items():
            merged.setdefault(column, {}).update(values)
    return merged


def write_values_file(path: Path | str, unresolved: list[Unresolved]) -> None:
    """``column,value,suggestion,rows`` for every unresolved value (the column by its key)."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(VALUES_HEADER)
        for entry in unresolved:
            writer.writerow([entry.key, entry.value, entry.suggestion, " ".join(map(str, entry.rows))])


def read_values_file(path: Path | str, *, columns: Iterable[str]) -> list[tuple[str, str, str]]:
    """``(column key, value, replacement)`` from a values file; rows without a suggestion are skipped.

    Raises ``ValueError`` with a message for a file that is not a values file.
    """
    known = set(columns)
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [cell.strip().lower() for cell in header[:3]] != list(VALUES_HEADER[:3]):
        raise ValueError(_("A values file starts with the header: column,value,suggestion,rows."))
    entries: list[tuple[str, str, str]] = []
    for number, row in enumerate(reader, start=2):
        if len(row) < 3 or not row[2].strip():
            continue
        if row[0] not in known:
            raise ValueError(
                _('Line %(line)s: "%(column)s" is not a column of this import.') % {"line": number, "column": row[0]}
            )
        entries.append((row[0], row[1], row[2]))
    return entries
