"""Host institutions and vocational fields endpoints: output and filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inkubator.centres.choices import HostKind
from inkubator.centres.models import VocationalField
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import HostInstitutionFactory, make_user

pytestmark = pytest.mark.django_db

HOSTS = reverse("api:host-institution-list")
FIELDS = reverse("api:vocational-field-list")


@pytest.fixture
def admin(api_client):
    return api_client(make_user(Role.MINISTRY_ADMIN))


@pytest.fixture
def hosts(bekasi, surabaya):
    union = HostInstitutionFactory(
        name="Serikat Pekerja Uji", kind=HostKind.UNION, religion="", regency=Regency.objects.get(code="35.78")
    )
    return bekasi.host, surabaya.host, union


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_host_output(admin, hosts) -> None:
    bekasi_host = hosts[0]
    data = admin.get(reverse("api:host-institution-detail", args=[bekasi_host.pk])).json()
    assert data == {
        "id": bekasi_host.pk,
        "name": bekasi_host.name,
        "kind": "pesantren",
        "religion": "islam",
        "legal_registration": "",
        "regency": {"code": "32.16", "name": "Kabupaten Bekasi"},
        "province": {"code": "32", "name": bekasi_host.regency.province.name},
        "updated_at": data["updated_at"],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "union"}, {"Serikat Pekerja Uji"}),
        ({"province": "35"}, {"Serikat Pekerja Uji", "surabaya"}),
        ({"regency": "32.16"}, {"bekasi"}),
        ({"q": "serikat"}, {"Serikat Pekerja Uji"}),
    ],
)
def test_host_filters(admin, hosts, params: dict, expected: set[str]) -> None:
    by_label = {"bekasi": hosts[0].name, "surabaya": hosts[1].name}
    assert set(names(admin.get(HOSTS, params))) == {by_label.get(name, name) for name in expected}


def test_host_listed_once_with_several_centres(api_client, bekasi) -> None:
    from tests.factories import CentreFactory

    other = CentreFactory(host=bekasi.host, regency=bekasi.regency)
    client = api_client(make_user(Role.FACILITATOR, centres=[bekasi, other]))
    assert names(client.get(HOSTS)) == [bekasi.host.name]


def test_fields_filter_on_active(admin) -> None:
    retired = VocationalField.objects.order_by("code").first()
    retired.active = False
    retired.save()
    total = VocationalField.objects.count()
    inactive = admin.get(FIELDS, {"active": "false"}).json()
    assert [row["code"] for row in inactive["results"]] == [retired.code]
    assert inactive["results"][0]["active"] is False
    assert admin.get(FIELDS, {"active": "true", "page_size": 200}).json()["count"] == total - 1
    assert admin.get(FIELDS, {"page_size": 200}).json()["count"] == total


def test_field_output(admin) -> None:
    tik = VocationalField.objects.get(code="tik")
    data = admin.get(reverse("api:vocational-field-detail", args=["tik"])).json()
    assert data == {"code": "tik", "name": tik.name, "name_en": tik.name_en, "active": True}
