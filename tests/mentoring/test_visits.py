"""Visits logged from a phone (GPS, photos), action items, a centre's progress page and the schedule."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from inkubator.mentoring.models import ActionItem, Visit

from .factories import make_action, make_active_plan, make_visit

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, format="PNG")
    return out.getvalue()


PNG = _png()  # a real image: uploads are decoded and drawn again (core.uploads)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path


def test_facilitator_logs_a_visit_with_gps_and_a_photo(client: Client, bekasi, facilitator) -> None:
    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    form = client.get(reverse("mentoring:visit_create", args=[bekasi.code]))
    assert "facilitator" not in form.context["form"].fields  # they log their own visits
    response = client.post(
        reverse("mentoring:visit_create", args=[bekasi.code]),
        {"date": "2026-01-05", "focus": "people_assets", "attendees": 12, "notes": "Pemetaan aset bengkel las",
         "latitude": "-6.24100", "longitude": "107.12300",
         "photos": [SimpleUploadedFile("bengkel.png", PNG, "image/png")]},
    )  # fmt: skip
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.facilitator, visit.centre, visit.attendees) == (facilitator, bekasi, 12)
    assert str(visit.latitude) == "-6.24100" and visit.photos.count() == 1
    page = client.get(reverse("mentoring:centre_progress", args=[bekasi.code]))
    assert page.content.decode().count('data-testid="visit-photo"') == 1
    photo = client.get(reverse("mentoring:visit_photo", args=[bekasi.code, visit.photos.get().pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"


def test_a_photo_without_a_phone_position_gives_the_visit_its_exif_point(client: Client, bekasi, facilitator) -> None:
    from tests.core.test_uploads import photo_bytes

    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    photo = SimpleUploadedFile("bengkel.jpg", photo_bytes(gps=(-6.241, 107.123)), "image/jpeg")
    response = client.post(
        reverse("mentoring:visit_create", args=[bekasi.code]),
        {"date": "2026-01-05", "focus": "people_assets", "attendees": 4, "photos": [photo]},
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (str(visit.latitude), str(visit.longitude)) == ("-6.24100", "107.12300")
    stored = visit.photos.get().image
    with stored.open("rb") as kept, Image.open(kept) as image:
        assert not image.getexif()  # the point stays in the record, not in the file


def test_bad_photo_future_date_and_gps_outside_indonesia_are_refused(client: Client, bekasi, facilitator) -> None:
    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    url = reverse("mentoring:visit_create", args=[bekasi.code])
    fake = SimpleUploadedFile("foto.png", b"MZ not an image", "image/png")
    response = client.post(url, {"date": "2026-01-05", "focus": "management", "attendees": 3, "photos": [fake]})
    assert "foto.png" in response.context["form"].errors["photos"][0]
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"date": tomorrow, "focus": "management", "attendees": 3})
    assert response.context["form"].errors["date"]
    response = client.post(
        url, {"date": "2026-01-05", "focus": "management", "attendees": 3, "latitude": "48.85", "longitude": "2.35"}
    )
    assert response.context["form"].errors
    assert not Visit.objects.exists()


def test_action_items_are_added_and_closed(client: Client, bekasi, facilitator) -> None:
    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    response = client.post(
        reverse("mentoring:action_create", args=[bekasi.code]),
        {
            "focus": "management",
            "title": "Susun laporan keuangan bulanan",
            "owner": "Bendahara",
            "due_date": "2026-03-01",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    client.post(reverse("mentoring:action_status", args=[bekasi.code, item.pk]), {"status": "done"})
    item.refresh_from_db()
    assert item.status == "done"
    response = client.post(reverse("mentoring:action_create", args=[bekasi.code]), {"focus": "management", "title": ""})
    assert response.status_code == 400 and response.context["action_form"].errors["title"]


def test_progress_page_counts_visits_and_actions(client: Client, bekasi, facilitator, korwil_jabar) -> None:
    make_active_plan([bekasi], facilitator)
    make_visit(bekasi, facilitator)
    make_action(bekasi, due_date=datetime.date(2020, 1, 1))
    client.force_login(korwil_jabar)
    progress = client.get(reverse("mentoring:centre_progress", args=[bekasi.code])).context["progress"]
    assert (len(progress.visits), progress.open_actions, progress.overdue_actions) == (1, 1, 1)
    assert progress.entries[0].assignment.facilitator == facilitator


def test_schedule_orders_a_trip(client: Client, bekasi, bandung, facilitator) -> None:
    make_active_plan([bekasi, bandung], facilitator)
    client.force_login(facilitator.user)
    page = client.get(reverse("mentoring:schedule"))
    assert len(page.context["rows"]) == 2
    page = client.get(reverse("mentoring:schedule"), {"centre": [bandung.pk, bekasi.pk, 999999]})
    trip = page.context["trip"]
    assert {c for c, _ in trip["stops"]} == {bekasi, bandung}
    assert trip["total_km"] > 0


def test_a_visit_photo_is_never_served_back_as_uploaded(client: Client, bekasi, facilitator) -> None:  # noqa: ANN001
    """Issue 16.8 through the page: a JPEG header with a script behind it is refused; a real JPEG carrying
    a script (in a comment and after its end) is kept re-encoded, and what the photo URL serves is a
    clean image without the script or the phone's metadata."""
    from tests.core.test_uploads import SCRIPT, photo_bytes

    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    url = reverse("mentoring:visit_create", args=[bekasi.code])
    visit = {"date": "2026-01-05", "focus": "people_assets", "attendees": 4}
    polyglot = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + SCRIPT * 20, "image/jpeg")
    refused = client.post(url, {**visit, "photos": [polyglot]})
    assert refused.status_code == 200 and "foto.jpg" in refused.context["form"].errors["photos"][0]
    assert not Visit.objects.exists()

    carrier = photo_bytes(comment=SCRIPT) + SCRIPT
    assert SCRIPT in carrier
    saved = client.post(url, {**visit, "photos": [SimpleUploadedFile("foto.jpg", carrier, "image/jpeg")]})
    assert saved.status_code == 302
    photo = Visit.objects.get().photos.get()
    served = client.get(reverse("mentoring:visit_photo", args=[bekasi.code, photo.pk]))
    body = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg" and "no-store" in served["Cache-Control"]
    assert SCRIPT not in body and b"<script" not in body and b"Phone X" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "JPEG" and not image.getexif() and "comment" not in image.info
