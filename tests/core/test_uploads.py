"""Uploaded images are decoded and drawn again: metadata and hidden scripts are gone, fakes are refused."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from inkubator.core.uploads import SanitisingStorage, image_gps, reencode_image, validate_document

SCRIPT = b"<script>alert(document.cookie)</script>"


def photo_bytes(fmt: str = "JPEG", *, gps: tuple[float, float] | None = None, comment: bytes = b"") -> bytes:
    """A real 64×48 photo, with EXIF (camera, GPS) and a JPEG comment if asked."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # camera model
    if gps is not None:
        lat, lon = gps

        def dms(value: float) -> tuple[float, float, float]:
            value = abs(value)
            degrees = int(value)
            minutes = int((value - degrees) * 60)
            return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4))

        exif[0x8825] = {1: "S" if lat < 0 else "N", 2: dms(lat), 3: "W" if lon < 0 else "E", 4: dms(lon)}
    out = io.BytesIO()
    options = {"exif": exif.tobytes()}
    if fmt == "JPEG" and comment:
        options["comment"] = comment
    image.save(out, format=fmt, **options)
    return out.getvalue()


def test_a_jpeg_header_with_a_script_behind_it_is_refused() -> None:
    polyglot = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + SCRIPT * 20
    with pytest.raises(ValidationError, match="bukan gambar JPG yang dapat dibaca"):
        validate_document(SimpleUploadedFile("foto.jpg", polyglot, "image/jpeg"))


def test_a_png_named_jpg_is_refused() -> None:
    with pytest.raises(ValidationError, match="bukan JPG"):
        validate_document(SimpleUploadedFile("foto.jpg", photo_bytes("PNG"), "image/jpeg"))


def test_a_real_jpeg_with_a_script_inside_is_reencoded_and_the_script_is_gone(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = str(tmp_path)
    polyglot = photo_bytes(comment=SCRIPT) + SCRIPT  # in a comment segment and after the end of the image
    upload = SimpleUploadedFile("foto.jpg", polyglot, "image/jpeg")
    validate_document(upload)  # a real image: accepted
    name = default_storage.save("visits/foto.jpg", upload)
    stored = (tmp_path / name).read_bytes()
    assert SCRIPT not in stored and b"<script" not in stored
    assert b"Phone X" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif() and "comment" not in image.info


def test_png_metadata_is_dropped() -> None:
    clean = reencode_image(photo_bytes("PNG"), ".png")
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "PNG" and not image.getexif()


def test_large_photos_are_scaled_down() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(out, format="JPEG")
    with Image.open(io.BytesIO(reencode_image(out.getvalue(), ".jpg"))) as image:
        assert image.size == (2560, 1920)


def test_gps_is_read_from_exif_before_it_is_stripped() -> None:
    data = photo_bytes(gps=(-6.241, 107.123))
    assert image_gps(ContentFile(data)) == (Decimal("-6.24100"), Decimal("107.12300"))
    assert image_gps(ContentFile(reencode_image(data, ".jpg"))) is None
    assert image_gps(ContentFile(b"not an image")) is None


def test_the_default_storage_sanitises() -> None:
    assert isinstance(default_storage, SanitisingStorage)


def test_production_settings_keep_the_sanitising_storage() -> None:
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'])"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "inkubator.core.uploads.SanitisingStorage"


@pytest.mark.django_db
def test_images_stored_before_are_sanitised_by_the_command(settings, tmp_path) -> None:  # noqa: ANN001
    from django.core.management import call_command

    from tests.factories import CentreFactory
    from tests.mentoring.factories import FacilitatorFactory, make_visit

    settings.MEDIA_ROOT = str(tmp_path)
    visit = make_visit(CentreFactory(), FacilitatorFactory())
    (tmp_path / "visits").mkdir()
    (tmp_path / "visits" / "old.jpg").write_bytes(photo_bytes(comment=SCRIPT))
    visit.photos.create(image="visits/old.jpg")
    call_command("sanitise_uploads")
    assert SCRIPT not in (tmp_path / "visits" / "old.jpg").read_bytes()
