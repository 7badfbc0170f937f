"""``manage.py import assessments FILE [--dry-run]``: assessor teams' long score sheets, validated row by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from inkubator.assessments import services
from inkubator.assessments.models import Answer, Assessment
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, fill, middle, open_round
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db
HEADERS = ["Kode BLK", "Putaran", "Kode Indikator", "Nilai", "Catatan", "Asesor"]


def sheet(tmp_path: Path, rows: list[list]) -> str:
    book = Workbook()
    book.active.append(["Rekap Nilai Asesmen Pra-Identifikasi 2026"])  # a title block above the header
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "nilai.xlsx"
    book.save(path)
    return str(path)


def test_a_correct_sheet_adds_the_centre_to_the_round_and_saves_its_answers(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    the_round = open_round()
    centre = CentreFactory()
    assessor = make_user(Role.FACILITATOR, username="dewi.asesor")
    path = sheet(
        tmp_path,
        [
            [centre.code, the_round.name, "gov-decree", "Ya", "SK 2023", "dewi.asesor"],
            [centre.code, the_round.name, "gov-structure", 4, "", "dewi.asesor"],
            [centre.code.lower(), the_round.name, "GOV-PLAN", "3", None, None],
        ],
    )
    call_command("import", "assessments", path, "--dry-run")
    assert not Assessment.objects.filter(centre=centre).exists()
    call_command("import", "assessments", path)
    assessment = Assessment.objects.get(round=the_round, centre=centre)
    assert assessment.assessor == assessor and assessment.status == Assessment.Status.DRAFT
    values = dict(Answer.objects.filter(assessment=assessment).values_list("indicator__code", "value"))
    assert values == {"gov-decree": 1, "gov-structure": 4, "gov-plan": 3}
    # The same sheet again changes nothing.
    capsys.readouterr()
    call_command("import", "assessments", path)
    out = capsys.readouterr().out
    assert "tidak berubah: 3" in out or "unchanged: 3" in out


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    the_round = open_round()
    centre = CentreFactory()
    locked = fill(assigned(the_round, CentreFactory()), middle)
    services.assessment_submit(assessment=locked)
    path = sheet(
        tmp_path,
        [
            [centre.code, the_round.name, "gov-structure", 4, "", ""],  # correct
            ["TIDAK-ADA", the_round.name, "gov-structure", 4, "", ""],  # unknown centre
            [centre.code, "Putaran 1999", "gov-structure", 4, "", ""],  # unknown round
            [centre.code, the_round.name, "xx-1", 4, "", ""],  # unknown indicator
            [centre.code, the_round.name, "gov-plan", 9, "", ""],  # out of range
            [centre.code, the_round.name, "gov-reports", "Ya", "", ""],  # yes on a scale
            [centre.code, the_round.name, "gov-structure", 3, "", ""],  # repeats row 3
            [locked.centre.code, the_round.name, "gov-plan", 2, "", ""],  # already submitted
            [centre.code, the_round.name, "gov-licence", 1, "", "bukan.asesor"],  # unknown assessor: a warning
        ],
    )
    with pytest.raises(CommandError, match="7 baris bermasalah: tidak ada yang diimpor"):
        call_command("import", "assessments", path)
    captured = capsys.readouterr()
    for row in range(4, 11):
        assert f"Baris {row}," in captured.err, (row, captured.err)
    assert "Baris 11," not in captured.err and "Baris 11, kolom 'Asesor'" in captured.out
    assert not Answer.objects.filter(assessment__centre=centre).exists()


def test_a_coordinator_imports_only_their_regions_centres(tmp_path: Path) -> None:
    from inkubator.imports.services import import_file

    the_round = open_round()
    mine = CentreFactory(regency=Regency.objects.get(code="32.16"))
    theirs = CentreFactory(regency=Regency.objects.get(code="53.71"))
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    path = sheet(
        tmp_path,
        [
            [mine.code, the_round.name, "gov-structure", 4, "", ""],
            [theirs.code, the_round.name, "gov-structure", 4, "", ""],
        ],
    )
    outcome = import_file(kind="assessments", path=path, user=coordinator)
    assert not outcome.report.ok
    [error] = outcome.report.errors
    assert error.row == 4 and error.column == "Kode BLK" and theirs.code in error.message
    assert not Answer.objects.exists()
