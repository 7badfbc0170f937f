"""Spreadsheet exports (XLSX and CSV) of any list: domain-free, streaming, safe to open in Excel.

A caller describes the columns once (a header and how to read the cell from a row) and hands over an
iterable of rows, typically ``queryset.iterator(chunk_size=...)``; nothing here knows what a row is.

* Formula injection (OWASP "CSV injection"): a text cell starting with ``= + - @``, a tab, a carriage
  return or NUL is prefixed with ``'`` so that Excel and LibreOffice show it as text, never run it.
  Numbers and dates stay numbers and dates: a negative number is not a formula.
* CSV is UTF-8 with a byte-order mark (Excel otherwise reads it as the local code page) and is
  streamed row by row; decimals are written with a dot whatever the user's language (a comma would
  shift columns for half of the readers).
* XLSX is written with openpyxl's write-only mode, which keeps memory flat: rows go to a temporary
  file on disk and the response streams that file.
* Headers and translated cell values are resolved in the language that was active when the export
  was asked for, even though a CSV body is produced after the view has returned.
* Auditing: exports of personal data must be recorded. ``export_response(on_written=...)`` calls the
  given function with an :class:`ExportReceipt` once the last row has been written, so a caller can
  record who exported what and how many rows without this module knowing about audit trails.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

Format = Literal["xlsx", "csv"]
FORMATS: tuple[Format, ...] = ("xlsx", "csv")
CONTENT_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# Characters that make a spreadsheet treat a cell as a formula (or smuggle one in after a tab/CR).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_MAX_CELL = 32_767  # Excel's limit on characters in a cell
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and how to read its cell from a row."""

    header: str | Promise
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ExportReceipt:
    """What was exported, handed to ``on_written`` for an audit record."""

    fmt: str
    filename: str
    headers: tuple[str, ...]
    rows: int


def safe_text(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a leading formula character is prefixed with ``'``."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


def cell_value(value: Any) -> Any:
    """A cell for either format: numbers, dates and booleans kept, everything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | datetime.date):
        return value
    return safe_text(str(value))  # str() also resolves lazy translations (Promise)


def _csv_cell(value: Any) -> str:
    value = cell_value(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)  # Decimal/int/float via str(): always a dot, never the locale's comma


def _xlsx_cell(value: Any) -> Any:
    value = cell_value(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # Excel has no time zones: write the local wall time the user sees on the pages.
        value = timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        # openpyxl refuses control characters; the ' prefix above already neutralised a leading one.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL]
    return value


class _Echo:
    """A file-like object whose ``write`` returns the line, for ``csv.writer`` in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterable[Any], columns: Iterable[Column], *, counter: list[int] | None = None) -> Iterator[str]:
    """The CSV text, one line at a time, starting with a UTF-8 byte-order mark and the header line.

    ``counter`` (a one-element list), when given, holds the number of data rows written so far.
    """
    columns = tuple(columns)
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([safe_text(str(column.header)) for column in columns])
    for row in rows:
        yield writer.writerow([_csv_cell(column.value(row)) for column in columns])
        if counter is not None:
            counter[0] += 1


def xlsx_file(rows: Iterable[Any], columns: Iterable[Column], *, sheet_title: str = "Data") -> tuple[Any, int]:
    """An XLSX workbook with a bold header row, written to a temporary file; (file at offset 0, rows).

    The file is deleted when closed (``FileResponse`` closes it after sending).
    """
    columns = tuple(columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=_xlsx_cell(str(column.header)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(column.value(row)) for column in columns])
        count += 1
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response that sends it
    workbook.save(output)
    output.seek(0)
    return output, count


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:31] or "Data"


def export_filename(stem: str, fmt: str, *, on: datetime.date | None = None) -> str:
    """``<stem>-<YYYY-MM-DD>.<fmt>``, dated in the server's time zone (Asia/Jakarta)."""
    return f"{stem}-{(on or timezone.localdate()).isoformat()}.{fmt}"


def export_response(
    *,
    rows: Iterable[Any],
    columns: Iterable[Column],
    fmt: str,
    filename_stem: str,
    sheet_title: str = "Data",
    on_written: Callable[[ExportReceipt], None] | None = None,
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """A download of ``rows`` as XLSX or CSV; ``fmt`` must be one of :data:`FORMATS` (check it first).

    ``on_written`` is called once every row has been written (for a CSV, when the stream ends).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    columns = tuple(columns)
    language = translation.get_language()
    filename = export_filename(filename_stem, fmt)

    def receipt(count: int) -> None:
        if on_written is not None:
            headers = tuple(str(column.header) for column in columns)
            on_written(ExportReceipt(fmt=fmt, filename=filename, headers=headers, rows=count))

    response: HttpResponse | StreamingHttpResponse | FileResponse
    if fmt == "xlsx":
        output, count = xlsx_file(rows, columns, sheet_title=sheet_title)
        receipt(count)
        response = FileResponse(output, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"])
    else:

        def stream() -> Iterator[bytes]:
            # The body is produced after the view returned: keep the language the user asked in.
            counter = [0]
            with translation.override(language):
                for chunk in csv_chunks(rows, columns, counter=counter):
                    yield chunk.encode("utf-8")
                receipt(counter[0])

        response = StreamingHttpResponse(stream(), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    # An export is a snapshot of scoped data: never keep it in a shared cache.
    response["Cache-Control"] = "no-store"
    return response
