"""Hostile and odd files are refused by every import before any heavy work, with a clear message.

Each hostile file is real (see ``hostile.py``): a 1 GiB zip bomb, the same bomb lying about its
size, a 190 MB cell in a 0.2 MB workbook, a cell longer than Excel allows, an XML entity payload,
a 200 MB CSV. Each is refused through the framework, both commands and both pages with Python's
memory growing by less than 100 MB (tracemalloc); ``measure_hostile.py`` prints the times.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from inkubator.core.roles import Role
from inkubator.imports.models import ImportRun
from inkubator.imports.parsing import read_table
from inkubator.imports.services import import_file
from tests.factories import make_user
from tests.training.test_import import HEADER as TRAINEE_HEADER

from . import hostile
from .conftest import GOOD_ROWS, HEADER, messy_rows, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

MEMORY_CEILING = 100 * 1024 * 1024


def big_csv(path: Path) -> Path:
    """A 200 MB CSV (sparse on disk: the size alone must refuse it)."""
    with path.open("wb") as handle:
        handle.write(b"Nama,NIK\n")
        handle.truncate(200 * 1024 * 1024)
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "zip bomb": (hostile.zip_bomb, "bomb.xlsx", "unpacks to more than"),
    "lying zip bomb": (hostile.lying_zip_bomb, "liar.xlsx", "unpacks to more than"),
    "huge cell": (hostile.huge_cell, "cell.xlsx", "unpacks to more than"),
    "long cell": (hostile.long_cell, "long.xlsx", "more than 32,767 characters"),
    "entity payload": (hostile.entity_payload, "lol.xlsx", "document type declaration"),
    "200 MB CSV": (big_csv, "big.csv", "larger than"),
}


def refused(action: Callable[[], object], error: type[Exception]) -> tuple[str, int]:
    """The message ``action`` is refused with, and how far Python's memory grew meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(error, match=r".") as caught:
            action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    value = caught.value
    return (" ".join(value.messages) if isinstance(value, ValidationError) else str(value)), peak


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_framework_refuses_each_hostile_file_early(case: str, tmp_path: Path) -> None:
    build, name, expected = HOSTILE[case]
    path = build(tmp_path / name)
    with translation.override("en"):
        for kind in ("centres", "trainees"):
            message, peak = refused(lambda kind=kind: import_file(kind=kind, path=path, dry_run=True), ValidationError)
            assert expected in message, (kind, message)
            assert peak < MEMORY_CEILING, (kind, peak)
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_both_commands_refuse_each_hostile_file_without_a_traceback(case: str, tmp_path: Path) -> None:
    build, name, expected = HOSTILE[case]
    path = build(tmp_path / name)
    with translation.override("en"):
        for command in (
            ("import", "centres", str(path)),
            ("import", "trainees", str(path)),
            ("import_trainees", str(path)),
        ):
            # CommandError: Django prints its message and exits 1, never a traceback.
            message, peak = refused(lambda command=command: call_command(*command), CommandError)
            assert expected in message, (command, message)
            assert peak < MEMORY_CEILING


@pytest.mark.parametrize("case", ["zip bomb", "huge cell", "entity payload", "long cell"])
def test_both_pages_refuse_each_hostile_file_with_a_message(case: str, client, settings, tmp_path: Path) -> None:  # noqa: ANN001
    build, name, expected = HOSTILE[case]
    content = build(tmp_path / name).read_bytes()
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in (
        reverse("imports:upload", args=["centres"]),
        reverse("training:import"),
    ):
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200, url
        assert expected in response.content.decode().replace("&#x27;", "'"), url
    assert not ImportRun.objects.exists()
    # One page per kind: the trainees' upload in the framework leads to the streaming page.
    assert client.get(reverse("imports:upload", args=["trainees"])).url == reverse("training:import")


def test_a_lying_part_is_stopped_while_it_is_read(tmp_path: Path) -> None:
    """Even with the directory check gone, reading stops where the part outgrows what it declared."""
    from inkubator.imports import reading

    path = hostile.lying_zip_bomb(tmp_path / "liar.xlsx")
    original = reading._zip_directory

    def trusting(stream, limits):  # noqa: ANN001, ANN202 - the directory as it says, unchecked
        import zipfile

        with zipfile.ZipFile(stream) as archive:
            return {entry.filename: entry for entry in archive.infolist()}

    reading._zip_directory = trusting
    try:
        message, peak = refused(lambda: list(reading.iter_rows(path)), ValidationError)
    finally:
        reading._zip_directory = original
    assert peak < MEMORY_CEILING


def test_utf16_without_a_bom_is_read_as_utf16(tmp_path: Path) -> None:
    from inkubator.centres.importers import CENTRE_SPEC

    for encoding in ("utf-16-le", "utf-16-be", "utf-16"):  # the last with a BOM
        path = write_csv(tmp_path / f"{encoding}.csv", messy_rows(), encoding=encoding)
        assert path.read_bytes()[:2] != b"\xff\xfe" or encoding == "utf-16"
        table = read_table(path, fmt="csv", header_score=CENTRE_SPEC.header_score)
        assert table.encoding.startswith("utf-16")
        assert "\x00" not in "".join(table.headers)
        assert table.headers[1] == "NAMA BLK KOMUNITAS"
        assert [row.values[1] for row in table.rows] == [row[1] for row in GOOD_ROWS]


def test_utf8_and_cp1252_are_told_apart(tmp_path: Path) -> None:
    rows = [HEADER, [*GOOD_ROWS[1][:1], "BLK Komunitas Café Ñusa", *GOOD_ROWS[1][2:]]]
    for encoding in ("utf-8", "cp1252"):
        table = read_table(write_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding), fmt="csv")
        assert table.rows[0].values[1] == "BLK Komunitas Café Ñusa", encoding


def test_a_binary_file_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)
    with translation.override("en"), pytest.raises(ValidationError, match="not a text"):
        import_file(kind="centres", path=path, dry_run=True)


@pytest.mark.parametrize("kind", ["centres", "trainees"])
def test_an_empty_or_header_only_file_is_refused(kind: str, tmp_path: Path) -> None:
    header_only = write_csv(tmp_path / "header.csv", [HEADER] if kind == "centres" else [TRAINEE_HEADER])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with translation.override("en"):
        with pytest.raises(ValidationError, match="header but no rows"):
            import_file(kind=kind, path=header_only)
        with pytest.raises(ValidationError, match="empty"):
            import_file(kind=kind, path=empty)
        with pytest.raises(CommandError, match="header but no rows"):
            call_command("import", kind, str(header_only))
    if kind == "trainees":
        with translation.override("en"), pytest.raises(CommandError, match="header but no rows"):
            call_command("import_trainees", str(header_only))
    assert not ImportRun.objects.exists()
