"""The generic exporter: safe cells, CSV with BOM, XLSX via openpyxl, receipts for auditing."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from inkubator.core.exports import Column, ExportReceipt, cell_value, export_response, safe_text

COLUMNS = (
    Column("Text", lambda r: r[0]),
    Column("Number", lambda r: r[1]),
    Column(_("Name"), lambda r: r[2]),
)
ROWS = [("=1+1", Decimal("-12.50"), "plain"), ("@cmd", 3, None), ("\tTAB", 0.5, "x\x00y")]


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@A1", "\tx", "\rx", "\0x"])
def test_formula_triggers_are_prefixed(value: str) -> None:
    assert safe_text(value) == f"'{value}"


@pytest.mark.parametrize("value", ["Budi", "1=1", "", "Jl. A-1"])
def test_other_text_is_kept(value: str) -> None:
    assert safe_text(value) == value


def test_numbers_and_dates_stay_typed() -> None:
    assert cell_value(Decimal("-3")) == Decimal("-3") and cell_value(-3) == -3
    assert cell_value(datetime.date(2024, 1, 2)) == datetime.date(2024, 1, 2)
    assert cell_value(None) == ""


def test_csv_has_a_bom_safe_cells_and_dot_decimals() -> None:
    receipts: list[ExportReceipt] = []
    with translation.override("id"):
        response = export_response(
            rows=iter(ROWS), columns=COLUMNS, fmt="csv", filename_stem="uji", on_written=receipts.append
        )
    assert receipts == []  # nothing written until the body is read
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Text", "Number"] and rows[0][2] == "Nama"  # header in the asking language
    assert rows[1] == ["'=1+1", "-12.50", "plain"]
    assert rows[2] == ["'@cmd", "3", ""]
    assert rows[3][0] == "'\tTAB"
    assert receipts[0].rows == 3 and receipts[0].fmt == "csv" and receipts[0].filename.startswith("uji-")
    assert response["Cache-Control"] == "no-store"


def test_xlsx_reads_back_with_typed_numbers() -> None:
    receipts: list[ExportReceipt] = []
    with translation.override("en"):
        response = export_response(
            rows=ROWS, columns=COLUMNS, fmt="xlsx", filename_stem="uji", sheet_title="A/B", on_written=receipts.append
        )
    assert receipts[0].rows == 3 and receipts[0].headers == ("Text", "Number", "Name")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Text", "Number", "Name")
    assert values[1] == ("'=1+1", -12.5, "plain")
    assert values[2][0] == "'@cmd" and values[2][1] == 3
    assert values[3] == ("'\tTAB", 0.5, "xy")  # NUL is not allowed in XLSX: dropped
    assert sheet.title == "A B"
    assert 'filename="uji-' in response["Content-Disposition"]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="pdf"):
        export_response(rows=[], columns=COLUMNS, fmt="pdf", filename_stem="uji")
