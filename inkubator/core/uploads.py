"""Uploaded documents and images (DESIGN.md, uploads).

Two layers, both here so that every app gets them by construction:

* :func:`validate_document` (a model/form validator): the extension is allowed, the first bytes agree
  with it, the size is bounded, and an image decodes as the image it claims to be (a file that only
  starts like a JPEG — a "polyglot" with a script behind the header — is refused);
* :class:`SanitisingStorage` (the default storage): every JPG/PNG written to storage is decoded and
  encoded again with Pillow, so that what is kept and served back is pixels only: EXIF (GPS position,
  phone model, time), comments, ICC and text chunks, and anything appended to or hidden in the file
  are gone. Whoever needs a photo's GPS point reads it with :func:`image_gps` before saving.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What a file of each allowed extension starts with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
# The images we keep, by extension, and the Pillow format each must decode as.
IMAGE_FORMATS: dict[str, str] = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A phone photo is 12–50 megapixels; more than this is a decompression bomb, not a photo.
MAX_IMAGE_PIXELS = 60_000_000
# Kept images are scaled down to this longest side: plenty for a report, light for a phone.
MAX_IMAGE_SIDE = 2560
JPEG_QUALITY = 85


def _extension(name: str | None) -> str:
    return Path(name or "").suffix.lower()


def _read_all(file: IO[bytes] | File) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read()
    file.seek(position)
    return data


def _open_image(data: bytes, extension: str) -> Image.Image:
    """The decoded image, or ``ValidationError`` when the bytes are not a whole image of that kind."""
    kind = extension[1:].upper()
    problem = ValidationError(
        _("The file is not a readable %(kind)s image (damaged, or something else with an image header).")
        % {"kind": kind},
        code="image",
    )
    try:
        image = Image.open(io.BytesIO(data))
        if image.format != IMAGE_FORMATS[extension]:
            raise problem
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValidationError(
                _("The image is too large (%(pixels)s megapixels; at most %(limit)s).")
                % {"pixels": image.width * image.height // 1_000_000, "limit": MAX_IMAGE_PIXELS // 1_000_000},
                code="image_size",
            )
        image.load()  # decode every pixel: a truncated or fake body fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise problem from exc
    return image


def validate_document(file: UploadedFile) -> None:
    """A PDF or image of at most 10 MB whose content matches its extension; images must decode."""
    extension = _extension(file.name)
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
    if extension in IMAGE_FORMATS and not getattr(file, "_committed", False):
        _open_image(_read_all(file), extension)


def reencode_image(data: bytes, extension: str) -> bytes:
    """The image drawn again from its pixels alone: turned upright, at most 2560 px, no metadata.

    The EXIF orientation is applied before the EXIF is dropped, so a phone photo is not turned on its side.
    """
    image = ImageOps.exif_transpose(_open_image(data, extension))
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    transparency = image.info.get("transparency")
    image.info = {}  # nothing of the original's metadata (exif, icc_profile, comments, text) is carried over
    out = io.BytesIO()
    if IMAGE_FORMATS[extension] == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        options: dict[str, Any] = {"optimize": True}
        if transparency is not None:
            options["transparency"] = transparency
        image.save(out, format="PNG", **options)
    return out.getvalue()


def _rational(value: Any) -> Decimal:
    return Decimal(str(float(value)))


def image_gps(file: IO[bytes] | File) -> tuple[Decimal, Decimal] | None:
    """The (latitude, longitude) a photo's EXIF records, rounded to 5 decimals (~1 m), or None.

    Read this before the file is saved: the saved copy keeps no EXIF.
    """
    try:
        with Image.open(io.BytesIO(_read_all(file))) as image:
            gps = image.getexif().get_ifd(0x8825)  # the GPS IFD
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    try:
        lat_ref, lat, lon_ref, lon = gps[1], gps[2], gps[3], gps[4]
        latitude = _rational(lat[0]) + _rational(lat[1]) / 60 + _rational(lat[2]) / 3600
        longitude = _rational(lon[0]) + _rational(lon[1]) / 60 + _rational(lon[2]) / 3600
    except (KeyError, IndexError, TypeError, ZeroDivisionError, ValueError):
        return None
    if str(lat_ref).upper().startswith("S"):
        latitude = -latitude
    if str(lon_ref).upper().startswith("W"):
        longitude = -longitude
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    step = Decimal("0.00001")
    return latitude.quantize(step), longitude.quantize(step)


class SanitisingStorage(FileSystemStorage):
    """The file system storage, re-encoding every JPG/PNG it is given (see the module docstring)."""

    def _save(self, name: str, content: File) -> str:
        extension = _extension(name)
        if extension in IMAGE_FORMATS:
            content = ContentFile(reencode_image(_read_all(content), extension), name=name)
        return super()._save(name, content)
