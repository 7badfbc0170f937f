"""Reading CSV and XLSX files into one shape: the header as written and the rows with their numbers.

Files come from many offices and many spreadsheet programs: UTF-8 with or without a BOM or
Windows-1252, commas, semicolons (Excel in Indonesian locale) or tabs, a title row or two above the
header, blank lines, numbers stored as 2020.0, dates as Excel dates. The reader absorbs all that,
so that the importers see a header and rows of plain values.

Row numbers are what the user sees in the file: the spreadsheet row in XLSX and, in a CSV, the
record number (the row Excel shows when it opens the file; blank lines count).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .reading import DEFAULT_LIMITS, DELIMITERS, CellValue, Limits, clean_value, iter_rows, sniff_delimiter

__all__ = ["DELIMITERS", "CellValue", "SourceRow", "Table", "clean_value", "read_table", "sniff_delimiter"]

# How far down a title block may push the header.
HEADER_SEARCH_ROWS = 15
# The header must name at least this many known columns to win over the first non-blank row.
MIN_HEADER_SCORE = 2
HeaderScore = Callable[[Sequence[CellValue]], int]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of data as read: its number in the file and its values, aligned with the header."""

    number: int
    values: tuple[CellValue, ...]

    @property
    def is_blank(self) -> bool:
        return all(value is None for value in self.values)


@dataclass
class Table:
    """A file read into a header and rows (blank rows already left out)."""

    format: str
    headers: list[str]
    header_row: int
    rows: list[SourceRow] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def column_letter(index: int) -> str:
    """ "A" for 0, "AA" for 26: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(
    path: Path | str, *, fmt: str, header_score: HeaderScore | None = None, limits: Limits | None = None
) -> Table:
    """Read a file into a :class:`Table` through the one reader (``reading.iter_rows``, with its limits).

    ``header_score`` rates a row as a header (how many known column names it has); the best row
    among the first non-blank ones is the header, so a title above it is skipped. Without it, or
    when no row names ``MIN_HEADER_SCORE`` known columns, the first non-blank row is the header.
    Raises ``ValidationError`` for a file that cannot be read, breaks a limit, or has no rows
    under its header.
    """
    info: dict[str, str] = {}
    numbered = iter_rows(path, fmt=fmt, limits=limits or DEFAULT_LIMITS, info=info)
    table = _tabulate(numbered, header_score=header_score)
    table.format, table.encoding, table.delimiter = fmt, info.get("encoding", ""), info.get("delimiter", "")
    return table


def _tabulate(numbered: Iterable[tuple[int, tuple[CellValue, ...]]], *, header_score: HeaderScore | None) -> Table:
    iterator = iter(numbered)
    # The first non-blank rows are candidates for the header.
    candidates: list[tuple[int, tuple[CellValue, ...]]] = []
    for number, values in iterator:
        if any(value is not None for value in values):
            candidates.append((number, values))
            if len(candidates) >= HEADER_SEARCH_ROWS:
                break
    if not candidates:
        raise ValidationError(_("The file has no rows."), code="empty")
    header_index = 0
    if header_score is not None:
        scores = [header_score(values) for _number, values in candidates]
        best = max(scores)
        if best >= MIN_HEADER_SCORE:
            header_index = scores.index(best)
    header_number, header_values = candidates[header_index]
    headers = _header_names(header_values)
    width = len(headers)
    table = Table(format="", headers=headers, header_row=header_number)
    rest = candidates[header_index + 1 :]
    for number, values in _chain(rest, iterator):
        row = SourceRow(number, _fit(values, width))
        if not row.is_blank:
            table.rows.append(row)
    if not table.rows:
        # A header alone would "import" nothing and record an empty run: most likely the wrong file.
        raise ValidationError(_("The file has a header but no rows under it."), code="empty")
    return table


def _chain(first: list, rest: Iterable) -> Iterable:
    yield from first
    yield from rest


def _header_names(values: Sequence[CellValue]) -> list[str]:
    """The header as written; trailing empty cells dropped, an empty one inside named by its letter."""
    names = ["" if value is None else str(value).strip() for value in values]
    while names and not names[-1]:
        names.pop()
    return [name or _("Column %(letter)s") % {"letter": column_letter(index)} for index, name in enumerate(names)]


def _fit(values: tuple[CellValue, ...], width: int) -> tuple[CellValue, ...]:
    if len(values) >= width:
        return values[:width]
    return values + (None,) * (width - len(values))
