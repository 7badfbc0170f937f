"""Visit photos: only images, checked by ``inkubator.core.uploads`` (extension and first bytes agree)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from inkubator.core.uploads import validate_document

PHOTO_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png"})
MAX_PHOTOS = 5  # per visit: enough to show a centre, small enough for a phone on a weak signal


def validate_photo(file: UploadedFile) -> None:
    """A JPG or PNG photo of at most 10 MB whose content matches its extension (no PDFs here)."""
    if Path(file.name or "").suffix.lower() not in PHOTO_EXTENSIONS:
        raise ValidationError(_("Upload a JPG or PNG photo."), code="extension")
    validate_document(file)
