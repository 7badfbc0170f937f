"""Reading CSV and XLSX files into one shape: the header as written and the rows with their numbers.

Files come from many offices and many spreadsheet programs: UTF-8 with or without a BOM or
Windows-1252, commas, semicolons (Excel in Indonesian locale) or tabs, a title row or two above the
header, blank lines, numbers stored as 2020.0, dates as Excel dates. The reader absorbs all that,
so that the importers see a header and rows of plain values.

Row numbers are what the user sees in the file: the spreadsheet row in XLSX and, in a CSV, the
record number (the row Excel shows when it opens the file; blank lines count).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .files import TEXT_ENCODINGS

DELIMITERS = (",", ";", "\t")
# How far down a title block may push the header.
HEADER_SEARCH_ROWS = 15
# The header must name at least this many known columns to win over the first non-blank row.
MIN_HEADER_SCORE = 2
MAX_ROWS = 100_000

CellValue = str | int | float | bool | datetime.date | datetime.datetime | datetime.time | None
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


def clean_value(value: Any) -> CellValue:
    """Trimmed text ('' is None) and whole floats as ints (2020.0 → 2020); other values as they are."""
    if isinstance(value, str):
        # Non-breaking spaces come with text copied from web pages and PDFs.
        value = value.replace("\u00a0", " ").strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def column_letter(index: int) -> str:
    """ "A" for 0, "AA" for 26: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(path: Path | str, *, fmt: str, header_score: HeaderScore | None = None) -> Table:
    """Read a checked file (see ``files.check_import_file``) into a :class:`Table`.

    ``header_score`` rates a row as a header (how many known column names it has); the best row
    among the first non-blank ones is the header, so a title above it is skipped. Without it, or
    when no row names ``MIN_HEADER_SCORE`` known columns, the first non-blank row is the header.
    Raises ``ValidationError`` for a file that cannot be read or has no rows.
    """
    if fmt == "xlsx":
        numbered = _xlsx_rows(Path(path))
        encoding = delimiter = ""
    else:
        text, encoding = _decode(Path(path).read_bytes())
        delimiter = sniff_delimiter(text)
        numbered = _csv_rows(text, delimiter)
    table = _tabulate(numbered, header_score=header_score)
    table.format, table.encoding, table.delimiter = fmt, encoding, delimiter
    return table


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not a text (CSV) file."), code="text")


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that splits the first lines into the most consistent columns.

    csv.Sniffer guesses wrong on files with a title line or with comma decimals in a semicolon
    file ("-6,2"); counting columns per line and preferring the widest consistent split does not.
    """
    lines = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS + 20] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        common = Counter(width for width in widths if width > 1).most_common(1)
        if not common:
            continue
        width, count = common[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, delimiter: str) -> Iterable[tuple[int, tuple[CellValue, ...]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Record numbers, blank records included: the row a spreadsheet shows for each.
        for number, row in enumerate(reader, start=1):
            yield number, tuple(clean_value(value) for value in row)
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read after row %(row)s: %(error)s") % {"row": reader.line_num, "error": error},
            code="csv",
        ) from error


def _xlsx_rows(path: Path) -> Iterable[tuple[int, tuple[CellValue, ...]]]:
    from openpyxl import load_workbook  # heavy: only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise ValidationError(_("The workbook cannot be read."), code="xlsx") from error
    try:
        if not workbook.worksheets:
            raise ValidationError(_("The workbook has no sheet."), code="xlsx")
        sheet = workbook.worksheets[0]
        # Many programs write a wrong <dimension>; read what is really there.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, tuple(clean_value(value) for value in row)
    finally:
        workbook.close()


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
        if len(table.rows) >= MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(count)s rows; split it.") % {"count": MAX_ROWS}, code="rows"
            )
        row = SourceRow(number, _fit(values, width))
        if not row.is_blank:
            table.rows.append(row)
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
