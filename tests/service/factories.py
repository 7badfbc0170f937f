"""Builders for the service tests: an open wave, a valid registration's form data, a submitted registration."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inkubator.centres.models import VocationalField
from inkubator.regions.models import Regency
from inkubator.service.choices import WaveStatus
from inkubator.service.models import IntakeWave
from inkubator.service.services import Submitted, registration_submit, wave_create

# A man born 1 January 1990, registered in district 32.16.01 (Kabupaten Bekasi), and a woman (day + 40).
NIK = "3216010101900001"
NIK_WOMAN = "3216014101900002"
BIRTH = datetime.date(1990, 1, 1)


def open_wave(name: str = "Gelombang 1") -> IntakeWave:
    """A wave open for registration today, training a month later."""
    today = timezone.localdate()
    return wave_create(
        name=name,
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=14),
        training_starts_on=today + datetime.timedelta(days=30),
        status=WaveStatus.OPEN,
    )


def png(name: str = "surat-phk.png") -> SimpleUploadedFile:
    """A small real PNG (uploads are decoded, so it must be an image)."""
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def form_data(**changes: Any) -> dict[str, Any]:
    """What a worker types on the registration page (POST data)."""
    data = {
        "nik": NIK,
        "name": "Budi Santoso",
        "birth_date": BIRTH.isoformat(),
        "sex": "M",
        "phone": "0812-3456-7890",
        "email": "",
        "regency": "32.16",
        "former_employer": "PT Tekstil Maju",
        "job_lost_on": (timezone.localdate() - datetime.timedelta(days=60)).isoformat(),
        "reason": "layoff",
        "bpjs_status": "jkp",
        "business_idea": "Warung kopi dan roti bakar",
        "field": VocationalField.objects.get(code="tik").pk,
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def submit(wave: IntakeWave, *, nik: str = NIK, birth: datetime.date = BIRTH, sex: str = "M", regency: str = "32.16",
           venues: list | tuple = (), **changes: Any) -> Submitted:  # fmt: skip
    """A registration through the service, as the page would make it."""
    values: dict[str, Any] = {
        "nik": nik,
        "name": "Budi Santoso",
        "sex": sex,
        "birth_date": birth,
        "phone": "+6281234567890",
        "regency": Regency.objects.get(code=regency),
        "former_employer": "PT Tekstil Maju",
        "job_lost_on": timezone.localdate() - datetime.timedelta(days=60),
        "reason": "layoff",
        "bpjs_status": "jkp",
        "business_idea": "Warung kopi",
        "field": VocationalField.objects.get(code="tik"),
    }
    values.update(changes)
    return registration_submit(wave=wave, venues=list(venues), **values)
