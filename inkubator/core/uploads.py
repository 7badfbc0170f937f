"""Checks on uploaded documents: the extension and the first bytes must agree (DESIGN.md, uploads)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# What a file of each allowed extension starts with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def validate_document(file: UploadedFile) -> None:
    """A PDF or image of at most 10 MB whose content matches its extension."""
    extension = Path(file.name or "").suffix.lower()
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is None:
        raise ValidationError(_("Upload a PDF, JPG or PNG file."), code="extension")
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("The file's content is not a %(kind)s.") % {"kind": extension[1:].upper()}, code="magic"
        )
