"""The error report of an import: the rows that failed, as they were in the file, with an "Error" column.

The user fixes the rows in the report and uploads them again; so the report keeps the file's own
headers and values. Cells are written the safe way for spreadsheets (DESIGN.md, exports): text
starting with = + - @, a tab or NUL gets a leading apostrophe so it is never run as a formula.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from .models import ImportRun
from .parsing import CellValue, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\x00")


def safe_cell(value: CellValue) -> Any:
    """A cell value that a spreadsheet shows and never evaluates (numbers and dates stay as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def error_rows(run: ImportRun, table: Table) -> tuple[list[str], list[list[Any]]]:
    """The report's header and rows: row number, the original cells, the errors of the row."""
    messages: dict[int, list[str]] = defaultdict(list)
    general: list[str] = []
    for number, column, message in run.errors:
        if number:
            messages[number].append(f"{column}: {message}" if column else message)
        else:
            general.append(message)
    header = [_("Row"), *table.headers, _("Error")]
    rows: list[list[Any]] = [
        [source.number, *(safe_cell(value) for value in source.values), safe_cell("; ".join(messages[source.number]))]
        for source in table.rows
        if source.number in messages
    ]
    if general:
        rows.append(["", *([""] * len(table.headers)), safe_cell("; ".join(general))])
    return [str(safe_cell(name)) for name in header], rows


def error_report_csv(run: ImportRun, table: Table) -> bytes:
    """The report as CSV in UTF-8 with a BOM (so Excel reads the accents)."""
    header, rows = error_rows(run, table)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(_text(value) for value in row)
    return buffer.getvalue().encode("utf-8-sig")


def error_report_xlsx(run: ImportRun, table: Table) -> bytes:
    """The report as an XLSX workbook of one sheet."""
    from openpyxl import Workbook

    header, rows = error_rows(run, table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)
