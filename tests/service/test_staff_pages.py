"""The service's staff pages: each role sees its scope, another region's or venue's registration is a 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.service.models import Registration
from tests.factories import make_user
from tests.venues.factories import make_venue

from .factories import open_wave, png, submit

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> dict:
    """Two registrants, in Kabupaten Bekasi (32) and Kota Kupang (53); the Bekasi one allocated to BPKK."""
    wave = open_wave()
    bpkk = make_venue("32.16", code="BPKK-BEKASI")
    kupang_venue = make_venue("53.71", code="BLK-KUPANG")
    bekasi = submit(wave, proof=png()).registration
    kupang = submit(wave, nik="5371010101900001", regency="53.71").registration
    Registration.objects.filter(pk=bekasi.pk).update(venue=bpkk, status="allocated")
    return {"wave": wave, "bekasi": bekasi, "kupang": kupang, "bpkk": bpkk, "kupang_venue": kupang_venue}


def test_each_role_sees_its_registrants_and_404_outside(world: dict) -> None:
    bekasi, kupang = world["bekasi"], world["kupang"]
    korwil = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]))
    staff = signed_in(make_user(Role.VENUE_STAFF, venues=[world["bpkk"]]))
    other_staff = signed_in(make_user(Role.VENUE_STAFF, venues=[world["kupang_venue"]]))
    detail = "service:registration_detail"
    assert korwil.get(reverse(detail, args=[kupang.pk])).status_code == 200
    assert korwil.get(reverse(detail, args=[bekasi.pk])).status_code == 404
    assert staff.get(reverse(detail, args=[bekasi.pk])).status_code == 200
    assert staff.get(reverse(detail, args=[kupang.pk])).status_code == 404
    assert other_staff.get(reverse(detail, args=[bekasi.pk])).status_code == 404  # their venue has nobody yet
    assert staff.get(reverse("service:registration_proof", args=[bekasi.pk])).status_code == 200
    assert korwil.get(reverse("service:registration_proof", args=[bekasi.pk])).status_code == 404
    listing = korwil.get(reverse("service:registrations"))
    assert listing.status_code == 200
    assert [row.pk for row in listing.context["table"].data] == [kupang.pk]
    assert kupang.person.nik.encode() not in listing.content  # masked
    for client in (signed_in(make_user(Role.ENTREPRENEUR)), Client()):
        for url in (reverse("service:registrations"), reverse(detail, args=[bekasi.pk]), reverse("service:waves")):
            assert client.get(url).status_code in (302, 404)


def test_only_the_ministry_decides_and_keeps_waves_and_rules(world: dict) -> None:
    korwil = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]))
    kupang = world["kupang"]
    data = {"decision": "eligible", "reason": "Bukti diserahkan langsung"}
    assert korwil.post(reverse("service:registration_override", args=[kupang.pk]), data).status_code == 404
    assert korwil.get(reverse("service:wave_create")).status_code == 404
    assert korwil.post(reverse("service:wave_evaluate", args=[world["wave"].pk])).status_code == 404
    assert korwil.get(reverse("service:rules")).status_code == 200
    admin = signed_in(make_user(Role.MINISTRY_ADMIN))
    assert admin.post(reverse("service:registration_override", args=[kupang.pk]), data).status_code == 302
    kupang.refresh_from_db()
    assert kupang.status == "eligible" and kupang.override is True
    page = admin.get(reverse("service:registration_detail", args=[kupang.pk]))
    assert b'data-testid="override"' in page.content and b"eligibility-checks" in page.content


def test_the_ministry_creates_a_wave_and_reads_its_counts(world: dict) -> None:
    admin = signed_in(make_user(Role.MINISTRY_ADMIN))
    response = admin.post(
        reverse("service:wave_create"),
        {"name": "Gelombang 2", "opens_on": "2027-01-04", "closes_on": "2027-01-31",
         "training_starts_on": "2027-02-15", "status": "draft"},
    )  # fmt: skip
    assert response.status_code == 302
    bad = admin.post(
        reverse("service:wave_create"),
        {"name": "Gelombang 3", "opens_on": "2027-01-04", "closes_on": "2027-01-01",
         "training_starts_on": "2027-02-15", "status": "draft"},
    )  # fmt: skip
    assert bad.status_code == 200 and "closes_on" in bad.context["form"].errors
    page = admin.get(reverse("service:wave_detail", args=[world["wave"].pk]))
    assert page.status_code == 200
    assert page.context["total"] == 2
    korwil = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]))
    assert korwil.get(reverse("service:wave_detail", args=[world["wave"].pk])).context["total"] == 1
    assert admin.get(reverse("service:waves")).status_code == 200
    assert admin.get(reverse("service:rules")).status_code == 200
    rule = admin.get(reverse("service:rules")).context["rules"][0]
    assert admin.get(reverse("service:rule_update", args=[rule.pk])).status_code == 200


def test_lists_read_a_page_in_the_same_number_of_queries_at_5_and_60_rows() -> None:
    import datetime

    from tests.screens import assert_queries_flat

    from .factories import NIK

    wave = open_wave()
    client = signed_in(make_user(Role.MINISTRY_ADMIN))
    serial = iter(range(2, 1000))

    def add_registrations(n: int) -> None:
        for _ in range(n):
            submit(wave, nik=f"{NIK[:12]}{next(serial):04d}")

    assert_queries_flat(client, reverse("service:registrations"), add_registrations)

    def add_waves(n: int) -> None:
        from inkubator.service.services import wave_create

        for _ in range(n):
            day = datetime.date(2027, 1, 1) + datetime.timedelta(days=next(serial))
            wave_create(name=f"Gelombang {day}", opens_on=day, closes_on=day, training_starts_on=day)

    assert_queries_flat(client, reverse("service:waves"), add_waves)
