"""Value reconciliation in the assessment import: centre codes, rounds, indicators and assessors nothing matches.

A score sheet's unknown centre, round or indicator stops its rows (an answer must belong somewhere);
an unknown assessor only warns (the round page assigns one). Each is listed once with its rows and
ranked suggestions among what the importing user may see, mapped once, and kept for their organisation.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from inkubator.assessments.importers import round_key
from inkubator.assessments.models import Answer, Assessment
from inkubator.core.roles import Role
from inkubator.imports.models import ImportStatus, ValueMapping
from inkubator.imports.services import import_file
from inkubator.imports.values import organisation_key
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, open_round
from tests.factories import CentreFactory, make_user
from tests.values_flow import checked_run, commit, edit_values, map_values, read_values, unmatched

pytestmark = pytest.mark.django_db
HEADER = ["Kode BLK", "Putaran", "Kode Indikator", "Nilai", "Catatan", "Asesor"]


def rows(code: str = "BLKK-3216-09") -> list[list[Any]]:
    """A sheet as assessor teams keep it: a code with a zero too many, the round with a suffix, a typo'd indicator."""
    return [
        [code, "Putaran 2026", "gov-decree", "Ya", "SK ada", "Dewi L."],
        [code, "Putaran 2026", "GOV STRUCTURE", 4, "", "Dewi L."],
        ["BLKK-3216-9", "Putaran 2026 (Pra-Identifikasi)", "gov-plan", 3, "", ""],
        ["BLKK-3216-9", "Putaran 2026", "gov-plann", 2, "", ""],
    ]


def write_csv(path: Path, body: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Rekap Nilai Asesmen 2026"])
        writer.writerow(HEADER)
        writer.writerows(body)
    return path


def write_xlsx(path: Path, body: list[list[Any]]) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in body:
        book.active.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


@pytest.fixture
def sheet_world() -> dict[str, Any]:
    west = CentreFactory(code="BLKK-3216-9", regency=Regency.objects.get(code="32.16"))
    east = CentreFactory(code="BLKK-3578-9", regency=Regency.objects.get(code="35.78"))
    the_round = open_round()
    dewi = make_user(Role.FACILITATOR, username="dewi.asesor", first_name="Dewi", last_name="Lestari", centres=[west])
    return {"west": west, "east": east, "round": the_round, "dewi": dewi}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_round_names_read_roman_numerals_and_any_punctuation() -> None:
    assert round_key("Putaran II - 2026") == round_key("putaran 2 2026") == "putaran22026"


def test_each_unknown_value_is_listed_once_with_its_rows_and_a_sensible_first_suggestion(
    tmp_path: Path, sheet_world: dict[str, Any]
) -> None:
    outcome = import_file(kind="assessments", path=write_csv(tmp_path / "nilai.csv", rows()), dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert set(found) == {
        ("centre", "BLKK-3216-09"),
        ("round", "Putaran 2026 (Pra-Identifikasi)"),
        ("indicator", "gov-plann"),
        ("assessor", "Dewi L."),
    }
    assert found[("centre", "BLKK-3216-09")].rows == [3, 4]  # once, for both rows
    assert found[("centre", "BLKK-3216-09")].suggestion == "BLKK-3216-9"
    assert found[("round", "Putaran 2026 (Pra-Identifikasi)")].suggestion == "Putaran 2026"
    assert found[("indicator", "gov-plann")].suggestion == "gov-plan"
    assert found[("assessor", "Dewi L.")].suggestion == "dewi.asesor"
    errors = {(error.row, error.column) for error in outcome.report.errors}
    assert errors == {(3, "Kode BLK"), (4, "Kode BLK"), (5, "Putaran"), (6, "Kode Indikator")}
    assert {(w.row, w.column) for w in outcome.report.warnings} == {(3, "Asesor"), (4, "Asesor")}


def test_a_facilitators_full_name_or_the_centres_name_is_understood(
    tmp_path: Path, sheet_world: dict[str, Any]
) -> None:
    west = sheet_world["west"]
    body = [[west.name.replace("BLK Komunitas", "BLKK"), "Putaran 2026", "gov-decree", "Ya", "", "Dewi Lestari"]]
    outcome = import_file(kind="assessments", path=write_csv(tmp_path / "nilai.csv", body))
    assert outcome.report.ok and outcome.report.unresolved() == []
    assert Assessment.objects.get(centre=west).assessor == sheet_world["dewi"]


def test_mapped_on_the_values_form_the_import_commits_and_the_mapping_is_kept_for_the_organisation(
    client: Client, tmp_path: Path, sheet_world: dict[str, Any], media: None
) -> None:
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    client.force_login(korwil)
    run = checked_run(client, "assessments", write_xlsx(tmp_path / "nilai.xlsx", rows()))
    assert run.status == ImportStatus.VALIDATED and run.error_count == 4
    found = unmatched(run)
    assert found[("centre", "BLKK-3216-09")]["rows"] == [2, 3]

    run = map_values(client, run, {
        ("centre", "BLKK-3216-09"): found[("centre", "BLKK-3216-09")]["suggestions"][0],
        ("round", "Putaran 2026 (Pra-Identifikasi)"): "Putaran 2026",
        ("indicator", "gov-plann"): "gov-reports",
        ("assessor", "Dewi L."): "dewi.asesor",
    })  # fmt: skip

    assert run.unresolved == [] and run.error_count == 0 and run.warnings == []
    assert commit(client, run).status == ImportStatus.COMMITTED
    assessment = Assessment.objects.get(round=sheet_world["round"], centre=sheet_world["west"])
    assert assessment.assessor == sheet_world["dewi"]
    answers = dict(Answer.objects.filter(assessment=assessment).values_list("indicator__code", "value"))
    assert answers == {"gov-decree": 1, "gov-structure": 4, "gov-plan": 3, "gov-reports": 2}
    assert ValueMapping.objects.filter(organisation=organisation_key(korwil), kind="assessments").count() == 4

    # The same region's other coordinator: understood at once. Another region's coordinator: not.
    again = write_csv(tmp_path / "lagi.csv", rows())
    colleague = Client()
    colleague.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert checked_run(colleague, "assessments", again).unresolved == []
    east = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    outcome = import_file(kind="assessments", path=again, user=east, dry_run=True)
    assert ("round", "Putaran 2026 (Pra-Identifikasi)") in {(e.key, e.value) for e in outcome.report.unresolved()}


def test_values_out_then_values_on_the_command_line(tmp_path: Path, sheet_world: dict[str, Any]) -> None:
    path = write_csv(tmp_path / "nilai.csv", rows())
    out = tmp_path / "nilai-nilai.csv"
    with pytest.raises(CommandError, match="baris bermasalah: tidak ada yang diimpor"):
        call_command("import", "assessments", str(path), "--dry-run", "--values-out", str(out))
    written = {(row["column"], row["value"]): row for row in read_values(out)}
    assert written[("centre", "BLKK-3216-09")] == {
        "column": "centre", "value": "BLKK-3216-09", "suggestion": "BLKK-3216-9", "rows": "3 4",
    }  # fmt: skip
    edit_values(out, lambda row: "gov-reports" if row["column"] == "indicator" else None)

    call_command("import", "assessments", str(path), "--values", str(out))

    answers = dict(Answer.objects.values_list("indicator__code", "value"))
    assert answers == {"gov-decree": 1, "gov-structure": 4, "gov-plan": 3, "gov-reports": 2}
    assert ValueMapping.objects.filter(organisation="system", kind="assessments").count() == 4


def test_a_coordinator_is_offered_only_centres_rounds_and_assessors_of_their_scope(
    tmp_path: Path, sheet_world: dict[str, Any]
) -> None:
    east = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    outcome = import_file(kind="assessments", path=write_csv(tmp_path / "nilai.csv", rows()), user=east, dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    offered = {suggestion for entry in found.values() for suggestion in entry.suggestions}
    assert "BLKK-3216-9" not in offered and found[("centre", "BLKK-3216-09")].suggestions == ["BLKK-3578-9"]
    assert found[("round", "Putaran 2026 (Pra-Identifikasi)")].suggestions == []  # no centre of theirs in it yet
    assert found[("assessor", "Dewi L.")].suggestions == []  # Dewi works in West Java
    # Once one of their centres is in the round, they see it, and are offered it.
    assigned(sheet_world["round"], sheet_world["east"])
    outcome = import_file(kind="assessments", path=tmp_path / "nilai.csv", user=east, dry_run=True)
    found = {(entry.key, entry.value): entry for entry in outcome.report.unresolved()}
    assert found[("round", "Putaran 2026 (Pra-Identifikasi)")].suggestions == ["Putaran 2026"]


def test_a_kept_mapping_that_no_longer_resolves_is_offered_again_as_the_file_writes_it(
    tmp_path: Path, sheet_world: dict[str, Any]
) -> None:
    path = write_csv(tmp_path / "nilai.csv", rows()[:1])
    stale = tmp_path / "lama.csv"
    stale.write_text("column,value,suggestion,rows\ncentre,BLKK-3216-09,BLKK-9999-1,3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="baris bermasalah: tidak ada yang diimpor"):
        call_command("import", "assessments", str(path), "--values", str(stale))
    [entry] = [
        e for e in import_file(kind="assessments", path=path, dry_run=True).report.unresolved() if e.key == "centre"
    ]
    assert (entry.value, entry.suggestion) == ("BLKK-3216-09", "BLKK-3216-9")  # the file's text, not "BLKK-9999-1"
    fixed = tmp_path / "baru.csv"
    fixed.write_text("column,value,suggestion,rows\ncentre,BLKK-3216-09,BLKK-3216-9,3\n", encoding="utf-8")
    call_command("import", "assessments", str(path), "--values", str(fixed))
    assert Answer.objects.filter(assessment__centre=sheet_world["west"]).count() == 1


def test_a_yes_or_no_word_the_sheet_invents_is_offered_a_tick_is_understood_a_broken_number_is_not_offered(
    tmp_path: Path, sheet_world: dict[str, Any]
) -> None:
    body = [
        ["BLKK-3216-9", "Putaran 2026", "gov-decree", "Tidak sesuai", "", ""],
        ["BLKK-3216-9", "Putaran 2026", "gov-licence", "\u2713", "", ""],
        ["BLKK-3216-9", "Putaran 2026", "gov-plan", "4,5", "", ""],
        ["BLKK-3216-9", "Putaran 2026", "ppl-admin", "Belum lengkap", "", ""],
    ]
    path = write_csv(tmp_path / "nilai.csv", body)
    outcome = import_file(kind="assessments", path=path, dry_run=True)
    [entry] = outcome.report.unresolved()
    assert (entry.key, entry.value, entry.rows, entry.suggestions) == ("value", "Tidak sesuai", [3], ["Tidak", "Ya"])
    assert {(error.row, error.column) for error in outcome.report.errors} == {(3, "Nilai"), (5, "Nilai")}
    values = tmp_path / "nilai-nilai.csv"
    values.write_text("column,value,suggestion,rows\nvalue,Tidak sesuai,Tidak,3\n", encoding="utf-8")
    call_command(
        "import", "assessments", str(write_csv(tmp_path / "baik.csv", [*body[:2], body[3]])), "--values", str(values)
    )
    answers = dict(Answer.objects.values_list("indicator__code", "value"))
    assert answers == {"gov-decree": 0, "gov-licence": 1, "ppl-admin": 0}
