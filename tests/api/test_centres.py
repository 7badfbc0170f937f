"""The centres endpoint: output, filters, search, ordering and pagination."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from inkubator.centres.choices import CentreStatus, Cluster, HostKind
from inkubator.centres.services import centre_field_set
from inkubator.core.roles import Role
from inkubator.regions.models import District, Regency
from tests.factories import CentreFactory, HostInstitutionFactory, field, make_user

from .conftest import codes

pytestmark = pytest.mark.django_db

CENTRES = reverse("api:centre-list")


@pytest.fixture
def admin(api_client):
    return api_client(make_user(Role.MINISTRY_ADMIN))


def test_output_of_a_centre(admin, bekasi) -> None:
    district = District.objects.filter(regency_id="32.16").order_by("code").first()
    village = district.villages.order_by("code").first()
    bekasi.district, bekasi.village = district, village
    bekasi.latitude, bekasi.longitude = Decimal("-6.24150"), Decimal("107.00000")
    bekasi.cluster, bekasi.is_incubator = Cluster.MANDIRI, True
    bekasi.contact_person, bekasi.phone, bekasi.email = "Ustadz Uji", "021-8800123", "blkk@example.org"
    bekasi.save()
    centre_field_set(centre=bekasi, field=field("tik"), capacity=20)

    data = admin.get(reverse("api:centre-detail", args=[bekasi.code])).json()

    assert set(data) == {
        "code", "name", "host", "province", "regency", "district", "village", "latitude", "longitude",
        "cohort_year", "status", "cluster", "is_incubator", "fields", "contact_person", "phone", "email",
        "updated_at",
    }  # fmt: skip
    assert data["code"] == "BLKK-3216-001"
    assert data["host"] == {"id": bekasi.host_id, "name": bekasi.host.name, "kind": "pesantren"}
    assert data["province"] == {"code": "32", "name": bekasi.province.name}
    assert data["regency"] == {"code": "32.16", "name": "Kabupaten Bekasi"}
    assert data["district"] == district.code and data["village"] == village.code
    assert data["latitude"] == -6.2415 and data["longitude"] == 107.0
    assert data["cohort_year"] == 2020 and data["status"] == "active"
    assert data["cluster"] == "mandiri" and data["is_incubator"] is True
    assert data["fields"] == [{"code": "tik", "name": field("tik").name, "capacity": 20}]
    assert (data["contact_person"], data["phone"], data["email"]) == ("Ustadz Uji", "021-8800123", "blkk@example.org")
    assert data["updated_at"]


def test_no_staff_or_host_contact_in_output(admin, bekasi) -> None:
    from tests.factories import StaffFactory

    StaffFactory(centre=bekasi, name="Staf Rahasia", phone="081234567890")
    bekasi.host.contact_phone = "081298765432"
    bekasi.host.save()
    body = admin.get(CENTRES).content.decode() + admin.get(reverse("api:host-institution-list")).content.decode()
    assert "081234567890" not in body and "Staf Rahasia" not in body and "081298765432" not in body


def test_empty_region_and_coordinates_are_null(admin, bekasi) -> None:
    data = admin.get(reverse("api:centre-detail", args=[bekasi.code])).json()
    assert data["district"] is None and data["village"] is None
    assert data["latitude"] is None and data["longitude"] is None
    assert data["cluster"] == "" and data["fields"] == []


@pytest.fixture
def spread(bekasi, surabaya):
    """A third centre that differs from the first two in every filtered attribute."""
    surabaya.cluster, surabaya.is_incubator, surabaya.cohort_year = Cluster.BERDAYA, True, 2023
    surabaya.save()
    centre_field_set(centre=surabaya, field=field("tik"), capacity=16)
    union = HostInstitutionFactory(kind=HostKind.UNION, religion="", regency=Regency.objects.get(code="35.78"))
    closed = CentreFactory(
        code="BLKK-3578-002",
        name="BLK Komunitas Serikat",
        host=union,
        regency=union.regency,
        status=CentreStatus.CLOSED,
        cohort_year=2018,
    )
    return bekasi, surabaya, closed


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "32"}, ["BLKK-3216-001"]),
        ({"province": "35"}, ["BLKK-3578-001", "BLKK-3578-002"]),
        ({"regency": "35.78"}, ["BLKK-3578-001", "BLKK-3578-002"]),
        ({"host_kind": "union"}, ["BLKK-3578-002"]),
        ({"host_kind": "pesantren"}, ["BLKK-3216-001", "BLKK-3578-001"]),
        ({"cohort_year": 2023}, ["BLKK-3578-001"]),
        ({"field": "tik"}, ["BLKK-3578-001"]),
        ({"cluster": "berdaya"}, ["BLKK-3578-001"]),
        ({"cluster": "none"}, ["BLKK-3216-001", "BLKK-3578-002"]),
        ({"is_incubator": "true"}, ["BLKK-3578-001"]),
        ({"is_incubator": "false"}, ["BLKK-3216-001", "BLKK-3578-002"]),
        ({"status": "closed"}, ["BLKK-3578-002"]),
        ({"q": "serikat"}, ["BLKK-3578-002"]),
        ({"q": "3216"}, ["BLKK-3216-001"]),
        ({"province": "35", "status": "active"}, ["BLKK-3578-001"]),
    ],
)
def test_filters(admin, spread, params: dict, expected: list[str]) -> None:
    assert codes(admin.get(CENTRES, params)) == expected


@pytest.mark.parametrize(
    "params", [{"status": "nope"}, {"cohort_year": "abc"}, {"host_kind": "bank"}, {"cluster": "x"}]
)
def test_invalid_filter_value_is_400(admin, spread, params: dict) -> None:
    response = admin.get(CENTRES, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_ordering(admin, spread) -> None:
    assert codes(admin.get(CENTRES)) == ["BLKK-3216-001", "BLKK-3578-001", "BLKK-3578-002"]
    assert codes(admin.get(CENTRES, {"ordering": "-code"})) == ["BLKK-3578-002", "BLKK-3578-001", "BLKK-3216-001"]
    assert codes(admin.get(CENTRES, {"ordering": "cohort_year"})) == ["BLKK-3578-002", "BLKK-3216-001", "BLKK-3578-001"]
    by_province_then_name = ["BLKK-3578-002", "BLKK-3578-001", "BLKK-3216-001"]  # "Serikat" < "Surabaya"
    assert codes(admin.get(CENTRES, {"ordering": "-province,name"})) == by_province_then_name
    # An unknown ordering field is ignored, not an error.
    assert admin.get(CENTRES, {"ordering": "phone"}).status_code == 200


def test_pagination_page_size_at_most_200(admin, db) -> None:
    CentreFactory.create_batch(205)
    page = admin.get(CENTRES, {"page_size": 200}).json()
    assert page["count"] == 205 and len(page["results"]) == 200 and page["next"]
    page2 = admin.get(CENTRES, {"page_size": 200, "page": 2}).json()
    assert len(page2["results"]) == 5 and page2["next"] is None
    assert len(admin.get(CENTRES).json()["results"]) == 50
    assert len(admin.get(CENTRES, {"page_size": 7}).json()["results"]) == 7
    assert admin.get(CENTRES, {"page": 99}).status_code == 404
    # Out of range or not a whole number: 400 naming the parameter (the schema says 1..200), never
    # a silent default.
    for value in ("500", "0", "-1", "null", "", "1e3", "7.5"):
        answer = admin.get(CENTRES, {"page_size": value})
        assert answer.status_code == 400 and "page_size" in answer.json(), value
    for value in ("0", "abc", ""):
        answer = admin.get(CENTRES, {"page": value})
        assert answer.status_code == 400 and "page" in answer.json(), value


def test_pages_do_not_repeat_rows_on_ties(admin, db) -> None:
    CentreFactory.create_batch(9, cohort_year=2019)
    seen = []
    for page in (1, 2, 3):
        seen += codes(admin.get(CENTRES, {"ordering": "cohort_year", "page_size": 4, "page": page}))
    assert len(seen) == len(set(seen)) == 9
