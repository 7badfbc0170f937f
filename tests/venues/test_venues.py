"""The venues register: its rules, pages and API, each scoped (another region's or venue's user gets 404)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.venues.choices import VenueKind
from inkubator.venues.models import Venue
from inkubator.venues.selectors import venue_list
from tests.factories import CentreFactory, field, make_user

from .factories import make_venue

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def venues() -> dict[str, Venue]:
    """A venue in Kabupaten Bekasi (32) and one in Kota Kupang (53)."""
    return {"bekasi": make_venue("32.16", code="BPKK-BEKASI"), "kupang": make_venue("53.71", code="BLK-KUPANG")}


def test_a_blkk_venue_is_a_centre_of_the_register_in_its_regency() -> None:
    with pytest.raises(ValidationError, match="Choose the BLK Komunitas centre"):
        make_venue(kind=VenueKind.BLKK_INCUBATOR)
    centre = CentreFactory()
    with pytest.raises(ValidationError, match="regency/city must be the centre"):
        make_venue("53.71", kind=VenueKind.BLKK_INCUBATOR, centre=centre)
    with pytest.raises(ValidationError, match="Only a BLK Komunitas incubator"):
        make_venue(centre=centre)
    venue = make_venue(kind=VenueKind.BLKK_INCUBATOR, centre=centre, regency_id=None)
    assert venue.regency_id == centre.regency_id


def test_coordinates_come_in_pairs_inside_indonesia() -> None:
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        make_venue(longitude=None)
    with pytest.raises(ValidationError, match="less than or equal to 141.5"):
        make_venue(longitude=150)


def test_scope_each_role_sees_its_venues(venues: dict[str, Venue]) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    staff = make_user(Role.VENUE_STAFF, venues=[venues["kupang"]])
    centre = CentreFactory()
    blkk = make_venue(kind=VenueKind.BLKK_INCUBATOR, centre=centre)
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    assert set(venue_list(user=admin)) == {venues["bekasi"], venues["kupang"], blkk}
    assert set(venue_list(user=korwil)) == {venues["bekasi"], blkk}
    assert set(venue_list(user=staff)) == {venues["kupang"]}
    assert set(venue_list(user=manager)) == {blkk}
    assert not venue_list(user=make_user(Role.ENTREPRENEUR)).exists()


def test_venue_staff_need_venues_and_only_they_have_them(venues: dict[str, Venue]) -> None:
    with pytest.raises(ValidationError, match="Venue staff work at one or more"):
        make_user(Role.VENUE_STAFF)
    with pytest.raises(ValidationError, match="Only venue staff"):
        make_user(Role.FACILITATOR, venues=[venues["bekasi"]])


def test_pages_of_a_venue_outside_the_scope_answer_404(venues: dict[str, Venue]) -> None:
    korwil = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    staff = signed_in(make_user(Role.VENUE_STAFF, venues=[venues["bekasi"]]))
    for client in (korwil, staff):
        assert client.get(reverse("venues:detail", args=["BPKK-BEKASI"])).status_code == 200
        assert client.get(reverse("venues:detail", args=["BLK-KUPANG"])).status_code == 404
        listing = client.get(reverse("venues:list"))
        assert b"BPKK-BEKASI" in listing.content and b"BLK-KUPANG" not in listing.content
    assert korwil.get(reverse("venues:update", args=["BLK-KUPANG"])).status_code == 404
    # Venue staff see their venue but do not keep the register.
    assert staff.get(reverse("venues:update", args=["BPKK-BEKASI"])).status_code == 404
    assert staff.get(reverse("venues:create")).status_code == 404
    for role in (Role.ENTREPRENEUR, Role.PARTNER):
        other = signed_in(make_user(role) if role != Role.PARTNER else make_user(role, partner=_partner()))
        assert other.get(reverse("venues:list")).status_code == 404
        assert other.get(reverse("venues:detail", args=["BPKK-BEKASI"])).status_code == 404
    assert Client().get(reverse("venues:list")).status_code == 302  # to the sign-in page


def _partner():  # noqa: ANN202
    from tests.factories import PartnerFactory

    return PartnerFactory()


def test_a_coordinator_registers_a_venue_in_their_region_only() -> None:
    client = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    data = {
        "code": "BLK-GARUT",
        "name": "UPTD BLK Garut",
        "kind": VenueKind.BLK_REGENCY,
        "regency": "32.05",
        "latitude": "-7.2",
        "longitude": "107.9",
        "fields": [field("tik").pk],
        "capacity_per_wave": "120",
        "active": "on",
    }
    response = client.post(reverse("venues:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    venue = Venue.objects.get(code="BLK-GARUT")
    assert venue.capacity_per_wave == 120 and list(venue.fields.all()) == [field("tik")]
    response = client.post(reverse("venues:create"), {**data, "code": "BLK-KUPANG2", "regency": "53.71"})
    assert response.status_code == 200 and not Venue.objects.filter(code="BLK-KUPANG2").exists()
    assert "regency" in response.context["form"].errors
    response = client.post(reverse("venues:update", args=["BLK-GARUT"]), {**data, "capacity_per_wave": "0"})
    assert response.status_code == 200 and "capacity_per_wave" in response.context["form"].errors
    response = client.post(reverse("venues:update", args=["BLK-GARUT"]), {**data, "capacity_per_wave": "150"})
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.capacity_per_wave == 150
    assert LogEntry.objects.get_for_object(venue).count() >= 2  # audited: created, then changed


def test_api_lists_the_scope_and_answers_404_outside_it(venues: dict[str, Venue]) -> None:
    client = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]))
    listing = client.get("/api/v1/venues/")
    assert listing.status_code == 200
    assert [row["code"] for row in listing.json()["results"]] == ["BLK-KUPANG"]
    assert client.get("/api/v1/venues/BLK-KUPANG/").json()["capacity_per_wave"] == 100
    assert client.get("/api/v1/venues/BPKK-BEKASI/").status_code == 404
    staff = signed_in(make_user(Role.VENUE_STAFF, venues=[venues["bekasi"]]))
    assert staff.get("/api/v1/venues/BLK-KUPANG/").status_code == 404
    assert staff.get("/api/v1/venues/", {"kind": "blk_uptp"}).json()["count"] == 1


def test_venue_staff_have_a_home_and_a_menu_entry(venues: dict[str, Venue]) -> None:
    client = signed_in(make_user(Role.VENUE_STAFF, venues=[venues["bekasi"]]))
    home = client.get(reverse("dashboards:home"))
    assert home.status_code == 200
    assert reverse("venues:list").encode() in home.content


def test_the_list_reads_a_page_in_the_same_number_of_queries_at_5_and_60_rows() -> None:
    from tests.screens import assert_queries_flat

    client = signed_in(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert_queries_flat(client, reverse("venues:list"), lambda n: [make_venue() for _ in range(n)])
