"""Checks on an uploaded import file, and where an upload is kept between the steps of the import.

Checked before anything parses the file (DESIGN.md, "Security"): the extension, the first bytes,
the size; for XLSX also the zip directory (entry count and unpacked size), read without unpacking,
so that a zip bomb is refused before openpyxl opens it. openpyxl parses the XML with defusedxml.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_IMPORT_BYTES = 10 * 1024 * 1024
# A 10 MB XLSX of plain rows unpacks to well under 100 MB; more means a bomb or a picture album.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A workbook of one sheet has about a dozen parts; a few hundred covers many sheets and styles.
MAX_ZIP_ENTRIES = 500
XLSX_MAGIC = b"PK\x03\x04"
IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx")
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")  # utf-8-sig reads UTF-8 with or without a BOM


def file_format(name: str) -> str:
    """ "csv" or "xlsx" from a file name; raises ValidationError for anything else."""
    extension = Path(name or "").suffix.lower()
    if extension not in IMPORT_EXTENSIONS:
        raise ValidationError(_("Upload a CSV or XLSX file."), code="extension")
    return "xlsx" if extension == ".xlsx" else "csv"


def check_import_file(*, name: str, stream: BinaryIO, size: int | None = None) -> str:
    """Check an import file before it is parsed; return its format ("csv" or "xlsx").

    Raises ``ValidationError`` (code ``extension``, ``size``, ``magic``, ``zip``, ``text``) with a
    message for the user. ``stream`` is left at its start.
    """
    fmt = file_format(name)
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    if size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    if fmt == "xlsx":
        if head != XLSX_MAGIC:
            raise ValidationError(_("The file's content is not an XLSX workbook."), code="magic")
        _check_zip(stream)
    else:
        _check_text(stream)
    stream.seek(0)
    return fmt


def _check_zip(stream: BinaryIO) -> None:
    """Entry count and declared unpacked size from the zip directory; nothing is unpacked."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(_("The file's content is not an XLSX workbook."), code="magic") from error
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ValidationError(_("The workbook has too many parts to be a plain list."), code="zip")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise ValidationError(_("The workbook unpacks to more than 200 MB."), code="zip")
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise ValidationError(_("The file's content is not an XLSX workbook."), code="magic")


def _check_text(stream: BinaryIO) -> None:
    """A CSV must be text in one of the encodings the parser reads, with no NUL bytes (binary)."""
    data = stream.read()
    if b"\x00" in data:
        raise ValidationError(_("The file is not a text (CSV) file."), code="text")
    for encoding in TEXT_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return
    raise ValidationError(_("The file is not a text (CSV) file."), code="text")


def sha256_of(stream: BinaryIO) -> str:
    """The SHA-256 of a file, to record which file was imported."""
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def upload_dir() -> Path:
    """MEDIA_ROOT/imports: never served (docs/deploy.md), reached only through the uploader's pages."""
    return Path(settings.MEDIA_ROOT) / "imports"


def store_upload(*, stream: BinaryIO, fmt: str) -> str:
    """Keep an upload under a random name (nothing of the user's file name) and return that name."""
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o750)
    name = f"{uuid.uuid4().hex}.{fmt}"
    stream.seek(0)
    with open(directory / name, "xb") as target:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            target.write(chunk)
    return name


def stored_path(name: str) -> Path:
    """The path of a kept upload; refuses names that would leave the folder."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"bad stored import name {name!r}")
    return upload_dir() / name


def remove_upload(name: str) -> None:
    """Delete a kept upload (after the import, or when it is abandoned)."""
    if name:
        stored_path(name).unlink(missing_ok=True)
