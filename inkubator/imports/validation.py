"""The validation pass: every row of a file read through an import's columns and checked.

The pass writes nothing. It yields one :class:`RowResult` per non-blank row: what the import would
do with it (create, update, leave unchanged) or the errors that stop it, each naming the row as
the user sees it in the file and the column by the header the file gives it. An import commits
only when no row has an error (see ``services``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cells import as_text, choice_key
from .mapping import ImportSpec
from .parsing import SourceRow, Table
from .values import Unresolved, gather


class Action(models.TextChoices):
    """What an import does with a row."""

    CREATE = "create", gettext_lazy("Create")
    UPDATE = "update", gettext_lazy("Update")
    UNCHANGED = "unchanged", gettext_lazy("Unchanged")
    ERROR = "error", gettext_lazy("Error")


@dataclass(frozen=True, slots=True)
class CellError:
    """One problem with one cell: row number and column header as in the file, translated message."""

    row: int
    column: str
    message: str
    code: str = "invalid"

    def as_list(self) -> list[Any]:
        """[row, column, message]: how an ``ImportRun`` keeps it."""
        return [self.row, self.column, self.message]

    def __str__(self) -> str:
        return _("Row %(row)s, column '%(column)s': %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ParsedRow:
    """A row's cells read by their columns' parsers, and the errors found so far.

    ``values`` holds the mapped, non-empty cells that parsed; a cell that failed is absent from it
    and has its error in ``errors`` already, so an importer checks ``has(key)`` and moves on.
    """

    def __init__(
        self,
        source: SourceRow,
        *,
        spec: ImportSpec,
        mapping: Mapping[int, str],
        headers: Sequence[str],
        values: Mapping[str, Mapping[str, str]] | None = None,
    ):
        self.number = source.number
        self.spec = spec
        # Reconciled values ({column key: {choice_key(value): replacement}}), applied before parsing.
        self.value_map = values or {}
        # (row, key, column header, value, suggestions) of values that matched no master list.
        self.unresolved_values: list[tuple[int, str, str, str, list[str]]] = []
        self.values: dict[str, Any] = {}
        self.raw: dict[str, Any] = {}  # the cells after the reconciled values, before parsing
        # The cells as the file writes them: what an unresolved value is listed (and mapped) under,
        # so that a value mapped to something still unknown is answered again, not chained.
        self.written: dict[str, Any] = {}
        self.errors: list[CellError] = []
        self.warnings: list[CellError] = []
        self._headers = {key: headers[index] for index, key in mapping.items()}
        for index, key in mapping.items():
            column = spec.column(key)
            written = value = source.values[index] if index < len(source.values) else None
            if value is not None and key in self.value_map:
                value = self.value_map[key].get(choice_key(value), value)
            self.raw[key] = value
            self.written[key] = written
            if value is None:
                if column.required:
                    self.error(key, _("This column is required and the cell is empty."), code="required")
                continue
            try:
                self.values[key] = column.parser(value)
            except ValidationError as error:
                if column.optional:
                    self.warn(key, " ".join(error.messages), code=error.code or "invalid")
                else:
                    self.error(key, " ".join(error.messages), code=error.code or "invalid")
                # A master-list reader (``cells.ChoiceReader`` or any parser with ``suggest``): the value
                # is offered for reconciliation as the file writes it, so that mapping it takes.
                suggest = getattr(column.parser, "suggest", None)
                if suggest is not None:
                    self.unresolved(key, as_text(written), suggest(value))

    def mapped(self, key: str) -> bool:
        """Whether a file column feeds ``key``."""
        return key in self._headers

    def has(self, key: str) -> bool:
        """Whether ``key`` has a good, non-empty value in this row."""
        return key in self.values

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def header(self, key: str) -> str:
        """The file's header of the column mapped to ``key``, or the column's label when none is."""
        return self._headers.get(key) or str(self.spec.column(key).label)

    def error(self, key: str, message: str, *, code: str = "invalid") -> None:
        """Record an error in the cell of ``key`` (``key`` need not be mapped: a missing column)."""
        self.errors.append(CellError(self.number, self.header(key), str(message), code))

    def translate(self, key: str, text: str) -> str:
        """A piece of a cell (one of several fields in it) after the reconciled values of ``key``."""
        return self.value_map.get(key, {}).get(choice_key(text), text)

    def unresolved(self, key: str, value: Any, suggestions: Sequence[str] = ()) -> None:
        """A value of ``key`` that names nothing in its master list, with ranked suggestions (best first).

        The framework records the unknown values of master-list readers itself; an importer that
        says the same of the same cell again gives its own suggestions instead (it knows better).
        Give the cell as the file writes it (``written[key]``), not as mapped (``raw[key]``).
        """
        text = as_text(value)
        found = (self.number, key, self.header(key), text, list(suggestions))
        for index, (_row, known_key, _header, known_text, _suggestions) in enumerate(self.unresolved_values):
            if known_key == key and choice_key(known_text) == choice_key(text):
                self.unresolved_values[index] = found
                return
        self.unresolved_values.append(found)

    def warn(self, key: str, message: str, *, code: str = "warning") -> None:
        """Record what was left empty or guessed in the cell of ``key``: the row still goes in."""
        self.warnings.append(CellError(self.number, self.header(key), str(message), code))


@dataclass
class RowResult:
    """What the import does with one row; ``plan`` is the importer's own record of how."""

    number: int
    action: str
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    unresolved: list[tuple[int, str, str, str, list[str]]] = field(default_factory=list)
    plan: Any = None
    label: str = ""


class Importer(Protocol):
    """One kind of import: its columns, a check of each row in file order, and the writes."""

    spec: ImportSpec

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one row (after the rows above it) and plan its writes; records errors on ``row``."""

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Write the planned rows; called inside one transaction, only when no row has an error."""


@dataclass
class ValidationReport:
    """The result of the validation pass over a whole file."""

    results: list[RowResult]

    @property
    def counts(self) -> dict[str, int]:
        """Rows per action ("create", "update", "unchanged", "error")."""
        counts = dict.fromkeys(Action.values, 0)
        for result in self.results:
            counts[result.action] += 1
        return counts

    @property
    def rows_read(self) -> int:
        return len(self.results)

    @property
    def errors(self) -> list[CellError]:
        return [error for result in self.results for error in result.errors]

    @property
    def warnings(self) -> list[CellError]:
        """What rows that go in leave empty or unmatched (an unknown village, a missing religion)."""
        return [warning for result in self.results for warning in result.warnings]

    def unresolved(self) -> list[Unresolved]:
        """Each distinct value that matched no master list, once, with its suggestions and rows."""
        return gather(found for result in self.results for found in result.unresolved)

    @property
    def ok(self) -> bool:
        return not any(result.action == Action.ERROR for result in self.results)


class MappingError(ValueError):
    """The mapping leaves a required column unfed or feeds one column twice; ``messages`` say which."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def check_mapping(spec: ImportSpec, mapping: Mapping[int, str], headers: Sequence[str]) -> None:
    """Raise :class:`MappingError` unless every required target is fed by exactly one file column."""
    messages: list[str] = []
    seen: dict[str, int] = {}
    for index, key in sorted(mapping.items()):
        if index >= len(headers):
            messages.append(_("The file has no column %(number)s.") % {"number": index + 1})
        try:
            column = spec.column(key)
        except KeyError:
            messages.append(_('"%(key)s" is not a column of this import.') % {"key": key})
            continue
        if key in seen:
            messages.append(
                _('Both "%(first)s" and "%(second)s" are mapped to %(target)s.')
                % {"first": headers[seen[key]], "second": headers[index], "target": column.label}
            )
        seen[key] = index
    for column in spec.missing_required(mapping):
        messages.append(
            _("No column of the file is mapped to %(target)s, which is required.") % {"target": column.label}
        )
    if messages:
        raise MappingError(messages)


def validate_rows(
    *,
    importer: Importer,
    table: Table,
    mapping: Mapping[int, str],
    rows: Iterable[SourceRow] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
) -> ValidationReport:
    """Validate every row of ``table`` (or ``rows``) with ``importer`` and reconciled ``values``; writes nothing."""
    check_mapping(importer.spec, mapping, table.headers)
    results: list[RowResult] = []
    for source in table.rows if rows is None else rows:
        if source.is_blank:
            continue
        parsed = ParsedRow(source, spec=importer.spec, mapping=mapping, headers=table.headers, values=values)
        result = importer.validate_row(parsed)
        # Errors recorded on the row (by the parsers or the importer) always make it an error row.
        result.errors = parsed.errors
        result.warnings = parsed.warnings
        result.unresolved = parsed.unresolved_values
        if parsed.errors:
            result.action, result.plan = Action.ERROR, None
        results.append(result)
    return ValidationReport(results)
