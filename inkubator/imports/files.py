"""Where an upload is kept between the steps of the import, and the check of a file before it is read.

The checks themselves (size, first bytes, encoding, the zip directory of an XLSX) are the reader's
(``reading.check_file``), so that every import has the same limits.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from .reading import DEFAULT_LIMITS, Limits, check_file, file_format

# The checks live with the one reader (``reading``); these names stay for the forms and the tests.
MAX_IMPORT_BYTES = DEFAULT_LIMITS.max_bytes
MAX_UNPACKED_BYTES = DEFAULT_LIMITS.max_unpacked_bytes
MAX_ZIP_ENTRIES = DEFAULT_LIMITS.max_zip_entries
__all__ = ["check_import_file", "file_format"]


def check_import_file(*, name: str, stream: BinaryIO, size: int | None = None, limits: Limits | None = None) -> str:
    """Check an import file before it is parsed (``reading.check_file``); return "csv" or "xlsx"."""
    return check_file(name=name, stream=stream, size=size, limits=limits or DEFAULT_LIMITS)


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
