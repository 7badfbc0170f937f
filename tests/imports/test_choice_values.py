"""Value reconciliation is the framework's: every choice column offers its unknown values, ranked, once.

No importer code is involved: a column read by ``cells.choice_parser`` (a ``ChoiceReader``) that
meets a value it does not know records it as unresolved with its suggestions; a mapped value then
parses; required, plain and optional columns keep their error / warning as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from inkubator.imports.cells import choice_parser
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.parsing import SourceRow, Table
from inkubator.imports.suggest import Suggester, likeness
from inkubator.imports.validation import Action, ParsedRow, RowResult, validate_rows
from inkubator.imports.values import UnresolvedTally

SEX = choice_parser(
    {"l": "M", "laki-laki": "M", "pria": "M", "p": "F", "perempuan": "F", "wanita": "F"},
    what=lambda: "L or P",
)
STATUS = choice_parser(
    {"aktif": "active", "tidak aktif": "inactive", "tutup": "closed"},
    what=lambda: "aktif, tidak aktif or tutup",
    labels={"active": "Aktif", "inactive": "Tidak aktif", "closed": "Tutup (bubar)"},
)
FIELDS = choice_parser(
    {name: name.lower() for name in (
        "Teknik Otomotif (Sepeda Motor)", "Teknik Otomotif (Mobil)", "Teknik Pendingin (Refrigerasi)", "Menjahit",
        "Tata Boga", "Tata Rias", "Teknologi Informasi dan Komunikasi", "Las", "Pertanian", "Peternakan",
        "Perikanan", "Kriya Kayu",
    )},
    what=lambda: "a vocational field",
)  # fmt: skip

SPEC = ImportSpec(
    kind="test-choices",
    label="Test",
    columns=(
        Column("name", "Nama", required=True),
        Column("sex", "Jenis Kelamin", required=True, parser=SEX),
        Column("status", "Status", parser=STATUS),  # neither required nor optional: an unknown value is an error
        Column("field", "Kejuruan", parser=FIELDS, optional=True),  # optional: an unknown value is a warning
    ),
)


class PlainImporter:
    """An importer with no reconciliation code of its own."""

    spec = SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user

    def validate_row(self, row: ParsedRow) -> RowResult:
        return RowResult(row.number, Action.CREATE, plan=dict(row.values))

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:  # pragma: no cover - never committed here
        return {}


HEADERS = ["Nama", "Jenis Kelamin", "Status", "Kejuruan"]


def _table(*rows: Sequence[Any]) -> Table:
    return Table(
        format="csv",
        headers=HEADERS,
        header_row=1,
        rows=[SourceRow(number, tuple(values)) for number, values in enumerate(rows, start=2)],
    )


def _validate(table: Table, values: dict[str, dict[str, str]] | None = None) -> Any:
    return validate_rows(
        importer=PlainImporter(), table=table, mapping=dict(enumerate(["name", "sex", "status", "field"])),
        values=values,
    )  # fmt: skip


MESSY = _table(
    ["Andi", "Laki2", "aktif", "Tek. Otomotif Motor"],
    ["Budi", "laki2", "Aktip", "Menjahit"],
    ["Citra", "P", "aktif", "tata boga"],
    ["Dewi", "Prmpuan", "aktif", "Tek Otomotif Motor"],
    ["Eka", "LAKI 2", None, "Refrigerasi"],
)


def test_each_unknown_choice_is_listed_once_with_its_rows_and_ranked_suggestions() -> None:
    report = _validate(MESSY)
    unresolved = {(entry.key, entry.value): entry for entry in report.unresolved()}
    assert set(unresolved) == {
        ("sex", "Laki2"),
        ("sex", "Prmpuan"),
        ("status", "Aktip"),
        ("field", "Tek. Otomotif Motor"),
        ("field", "Refrigerasi"),
    }
    # "Laki2", "laki2" and "LAKI 2" are one value (compared as choice_key): listed once, with its rows.
    assert unresolved[("sex", "Laki2")].rows == [2, 3, 6]
    assert unresolved[("sex", "Laki2")].suggestions == ["laki-laki", "perempuan"]  # a short list: all, likest first
    assert unresolved[("sex", "Prmpuan")].suggestion == "perempuan"
    assert unresolved[("status", "Aktip")].suggestion == "Aktif"  # a label when the choices have labels
    assert unresolved[("field", "Tek. Otomotif Motor")].rows == [2, 5]
    assert unresolved[("field", "Tek. Otomotif Motor")].suggestion == "Teknik Otomotif (Sepeda Motor)"
    assert unresolved[("field", "Refrigerasi")].suggestion == "Teknik Pendingin (Refrigerasi)"
    assert "Menjahit" not in unresolved[("field", "Refrigerasi")].suggestions  # a long list: only likely ones


def test_required_plain_and_optional_columns_keep_their_error_or_warning() -> None:
    report = _validate(MESSY)
    by_row = {result.number: result for result in report.results}
    assert by_row[2].action == Action.ERROR  # unknown sex: required
    assert [error.column for error in by_row[3].errors] == ["Jenis Kelamin", "Status"]  # status: an error as before
    assert by_row[4].action == Action.CREATE and by_row[4].plan["field"] == "tata boga"
    # Dewi's only wrong cell besides her sex is an optional field: a warning, the row is not failed for it.
    assert [warning.column for warning in by_row[5].warnings] == ["Kejuruan"]
    assert [error.column for error in by_row[5].errors] == ["Jenis Kelamin"]


def test_a_mapped_value_parses_and_leaves_nothing_to_map() -> None:
    answers = {
        "sex": {"laki2": "laki-laki", "prmpuan": "perempuan"},
        "status": {"aktip": "Aktif"},  # the label, as suggested
        "field": {
            "tekotomotifmotor": "Teknik Otomotif (Sepeda Motor)",
            "refrigerasi": "Teknik Pendingin (Refrigerasi)",
        },
    }
    report = _validate(MESSY, answers)
    assert report.ok and report.unresolved() == [] and report.warnings == []
    plans = {result.number: result.plan for result in report.results}
    assert plans[2] == {"name": "Andi", "sex": "M", "status": "active", "field": "teknik otomotif (sepeda motor)"}
    assert plans[5]["sex"] == "F" and plans[6]["field"] == "teknik pendingin (refrigerasi)"


def test_a_mapping_to_something_still_unknown_is_offered_again_under_the_files_value() -> None:
    report = _validate(_table(["Andi", "Laki2", "aktif", None]), {"sex": {"laki2": "cowok"}})
    (entry,) = report.unresolved()
    assert (entry.key, entry.value, entry.rows) == ("sex", "Laki2", [2])


def test_an_importers_own_suggestions_for_the_same_cell_win() -> None:
    class Opinionated(PlainImporter):
        def validate_row(self, row: ParsedRow) -> RowResult:
            if row.raw.get("status") is not None and not row.has("status"):
                row.unresolved("status", row.raw["status"], ["Tutup (bubar)"])
            return super().validate_row(row)

    table, mapping = _table(["Andi", "L", "Aktip", None]), dict(enumerate(["name", "sex", "status"]))
    report = validate_rows(importer=Opinionated(), table=table, mapping=mapping)
    (entry,) = report.unresolved()
    assert entry.suggestions == ["Tutup (bubar)"]


def test_labels_are_read_in_every_language() -> None:
    reader = choice_parser({"l": "M"}, what=lambda: "L", labels={"M": "Laki-laki", "F": "Perempuan"})
    assert reader("PEREMPUAN") == "F" and reader("l") == "M"
    with pytest.raises(ValidationError, match='"Cewek" is not one of: L'), translation.override("en"):
        reader("Cewek")


def test_suggester_ranks_codes_names_abbreviations_and_slips() -> None:
    centres = Suggester(
        [("BLKK-3216-001", "BLKK-3216-001"), ("BLKK-3216-001", "BLK Komunitas Al-Ikhlas"),
         ("BLKK-3216-002", "BLKK-3216-002"), ("BLKK-3216-002", "BLK Komunitas Nurul Huda"),
         ("BLKK-3578-010", "BLKK-3578-010"), ("BLKK-3578-010", "BLK Komunitas Darussalam")]
    )  # fmt: skip
    assert centres("blkk 3216 01")[0] == "BLKK-3216-001"
    assert centres("Al Ikhlas")[0] == "BLKK-3216-001"  # by the centre's name, suggesting its code
    assert centres("Nurul Huda Tambun")[0] == "BLKK-3216-002"
    assert centres("zzz") == []
    assert likeness("Tek. Otomotif", "Teknik Otomotif") > likeness("Tek. Otomotif", "Teknik Pendingin")


def test_a_long_list_is_narrowed_first_and_still_finds_the_likest() -> None:
    codes = [
        f"PLT-{province}{regency:02d}-{year}-{serial:03d}"
        for province in (11, 32, 35, 51) for regency in range(1, 30) for year in (2024, 2025) for serial in range(1, 40)
    ]  # fmt: skip
    assert len(codes) > 9000
    batches = Suggester([(code, code) for code in codes])
    assert batches("plt 3207 2025 17")[0] == "PLT-3207-2025-017"
    assert batches("PLT-3207-2025-17")[0] == "PLT-3207-2025-017"


def test_a_tally_of_a_streamed_file_counts_every_row_and_lists_the_first() -> None:
    tally = UnresolvedTally()
    calls: list[str] = []

    def suggestions() -> list[str]:
        calls.append("ranked")
        return ["laki-laki"]

    for row in range(2, 2 + 1500):
        tally.add(row, "sex", "JK", "Laki2" if row % 2 else "laki2", suggestions)
    (entry,) = tally.entries()
    assert entry.count == 1500 and len(entry.rows) == 1000 and entry.rows[:2] == [2, 3]
    assert calls == ["ranked"]  # ranked once per distinct value, not per row


def test_past_its_budget_a_list_still_finds_the_same_letters_and_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("inkubator.imports.suggest.MAX_RANKED", 1)
    batches = Suggester([(code, code) for code in ("BKS-2503-TIK", "BKS-2503-JHT", "SBY-2503-TIK")])
    assert batches("BKS-2503-TIKK")[0] == "BKS-2503-TIK"  # ranked in full
    assert batches("SBY-2503-TIKK") == []  # a national file's thousandth variant: no longer ranked
    assert batches("sby 2503 tik") == ["SBY-2503-TIK"]  # the same key is still found at once
