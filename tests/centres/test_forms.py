"""Create and edit a centre: who may, within which regions, and errors at the field they concern."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import Centre, HostInstitution
from inkubator.core.roles import Role
from inkubator.regions.models import District, Village
from tests.centres.factories_extra import regency
from tests.factories import CentreFactory, HostInstitutionFactory, make_user

pytestmark = pytest.mark.django_db


def a_district_and_village(regency_code: str) -> tuple[District, Village]:
    district = District.objects.filter(regency_id=regency_code).order_by("code").first()
    return district, district.villages.order_by("code").first()


def form_data(**overrides: object) -> dict[str, object]:
    district, village = a_district_and_village("35.78")
    data = {
        "code": "BLKK-JT-0001",
        "name": "BLKK Darul Ulum Surabaya",
        "host": "",
        "new_host_name": "Pondok Pesantren Darul Ulum",
        "new_host_kind": "pesantren",
        "new_host_religion": "",
        "province": "35",
        "regency": "35.78",
        "district": district.code,
        "village": village.code,
        "address": "Jl. Uji 1",
        "latitude": "-7.2575",
        "longitude": "112.752088",  # six decimals: rounded to the five the register keeps
        "cohort_year": "2019",
        "status": "active",
        "contact_person": "Budi",
        "phone": "031555123",
        "email": "blkk@example.org",
    }
    data.update(overrides)
    return data


@pytest.fixture
def coordinator(client: Client):  # noqa: ANN201
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    client.force_login(user)
    return user


def test_coordinator_creates_a_centre_with_a_new_host_and_it_is_audited(client: Client, coordinator) -> None:
    response = client.post(reverse("centres:create"), form_data())
    assert response.status_code == 302, response.context["form"].errors
    centre = Centre.objects.get(code="BLKK-JT-0001")
    assert response["Location"] == reverse("centres:detail", args=[centre.code])
    assert centre.province_id == "35" and centre.regency_id == "35.78"
    assert str(centre.longitude) == "112.75209"
    assert centre.host.name == "Pondok Pesantren Darul Ulum" and centre.host.religion == "islam"
    entry = LogEntry.objects.get_for_object(centre).get(action=LogEntry.Action.CREATE)
    assert entry.actor == coordinator
    assert LogEntry.objects.get_for_object(centre.host).get().actor == coordinator
    assert any("BLKK Darul Ulum Surabaya" in str(m) for m in client.get(response["Location"]).context["messages"])


def test_create_with_an_existing_host(client: Client, coordinator) -> None:
    host = HostInstitutionFactory(name="Yayasan Surabaya", regency=regency("35.78"))
    response = client.post(reverse("centres:create"), form_data(host=host.pk, new_host_name="", new_host_kind=""))
    assert response.status_code == 302
    assert Centre.objects.get(code="BLKK-JT-0001").host == host


def test_host_options_are_the_regencys_hosts_in_scope(client: Client, coordinator) -> None:
    HostInstitutionFactory(name="Yayasan Surabaya", regency=regency("35.78"))
    HostInstitutionFactory(name="Yayasan Bekasi", regency=regency("32.16"))
    body = client.get(reverse("centres:create"), {"part": "hosts", "regency": "35.78"}).content.decode()
    assert "Yayasan Surabaya" in body and "Yayasan Bekasi" not in body
    body = client.get(reverse("centres:create"), {"part": "hosts", "regency": "32.16"}).content.decode()
    assert "Yayasan Bekasi" not in body


def errors_of(response) -> dict:  # noqa: ANN001
    assert response.status_code == 200
    return response.context["form"].errors


def test_regency_outside_the_coordinators_region_is_a_field_error(client: Client, coordinator) -> None:
    district, village = a_district_and_village("32.16")
    data = form_data(province="32", regency="32.16", district=district.code, village=village.code)
    errors = errors_of(client.post(reverse("centres:create"), data))
    assert "regency" in errors
    assert not Centre.objects.exists() and not HostInstitution.objects.exists()


def test_village_of_another_district_is_an_error_at_the_village(client: Client, coordinator) -> None:
    districts = District.objects.filter(regency_id="35.78").order_by("code")
    other_village = districts[1].villages.first()
    errors = errors_of(
        client.post(reverse("centres:create"), form_data(district=districts[0].code, village=other_village.code))
    )
    assert list(errors) == ["village"]
    assert not HostInstitution.objects.exists()  # nothing half-written


def test_duplicate_name_in_the_regency_is_an_error_at_the_name(client: Client, coordinator) -> None:
    CentreFactory(name="BLKK Darul Ulum Surabaya", regency=regency("35.78"))
    errors = errors_of(client.post(reverse("centres:create"), form_data(name="blkk darul ulum surabaya")))
    assert list(errors) == ["name"]
    assert not HostInstitution.objects.filter(name="Pondok Pesantren Darul Ulum").exists()


def test_duplicate_code_is_an_error_at_the_code(client: Client, coordinator) -> None:
    CentreFactory(code="BLKK-JT-0001", regency=regency("35.78"))
    assert list(errors_of(client.post(reverse("centres:create"), form_data()))) == ["code"]


@pytest.mark.parametrize(("field", "value"), [("latitude", "12.5"), ("longitude", "150.1")])
def test_coordinates_outside_indonesia_are_an_error_at_the_coordinate(
    client: Client, coordinator, field: str, value: str
) -> None:
    assert list(errors_of(client.post(reverse("centres:create"), form_data(**{field: value})))) == [field]


def test_new_host_needs_its_type_and_a_religious_host_its_religion(client: Client, coordinator) -> None:
    errors = errors_of(client.post(reverse("centres:create"), form_data(new_host_kind="")))
    assert list(errors) == ["new_host_kind"]
    errors = errors_of(client.post(reverse("centres:create"), form_data(new_host_kind="religious")))
    assert list(errors) == ["new_host_religion"]


def test_host_is_required_and_not_both(client: Client, coordinator) -> None:
    assert list(errors_of(client.post(reverse("centres:create"), form_data(new_host_name="")))) == ["host"]
    host = HostInstitutionFactory(regency=regency("35.78"))
    assert list(errors_of(client.post(reverse("centres:create"), form_data(host=host.pk)))) == ["new_host_name"]


def test_duplicate_new_host_is_an_error_at_the_new_host_name(client: Client, coordinator) -> None:
    HostInstitutionFactory(name="Pondok Pesantren Darul Ulum", regency=regency("35.78"))
    assert list(errors_of(client.post(reverse("centres:create"), form_data()))) == ["new_host_name"]
    assert not Centre.objects.exists()


def test_errors_in_english_after_the_switch(client: Client, coordinator) -> None:
    client.post(reverse("set_language"), {"language": "en"})
    districts = District.objects.filter(regency_id="35.78").order_by("code")
    data = form_data(district=districts[0].code, village=districts[1].villages.first().code)
    body = client.post(reverse("centres:create"), data).content.decode()
    assert "This village is not in the chosen district." in body


def test_edit_in_scope(client: Client, coordinator) -> None:
    centre = CentreFactory(name="BLKK Lama", regency=regency("35.78"))
    page = client.get(reverse("centres:update", args=[centre.code]))
    assert page.status_code == 200 and page.context["form"].initial["name"] == "BLKK Lama"
    data = form_data(code=centre.code, name="BLKK Baru", host=centre.host.pk, new_host_name="", new_host_kind="")
    response = client.post(reverse("centres:update", args=[centre.code]), data)
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.name == "BLKK Baru"
    update = LogEntry.objects.get_for_object(centre).get(action=LogEntry.Action.UPDATE)
    assert update.actor == coordinator and update.changes_dict["name"] == ["BLKK Lama", "BLKK Baru"]


def test_edit_form_of_another_region_is_404(client: Client, coordinator) -> None:
    bekasi = CentreFactory(regency=regency("32.16"))
    assert client.get(reverse("centres:update", args=[bekasi.code])).status_code == 404
    assert client.post(reverse("centres:update", args=[bekasi.code]), form_data()).status_code == 404


@pytest.mark.parametrize("role", [Role.CENTRE_MANAGER, Role.FACILITATOR])
def test_manager_and_facilitator_get_404_even_on_their_own_centre(client: Client, role: str) -> None:
    a, b = CentreFactory(), CentreFactory()
    client.force_login(make_user(role, centres=[a]))
    assert client.get(reverse("centres:update", args=[a.code])).status_code == 404
    assert client.get(reverse("centres:update", args=[b.code])).status_code == 404
    assert client.get(reverse("centres:create")).status_code == 404
    assert client.post(reverse("centres:create"), form_data()).status_code == 404
    assert not Centre.objects.filter(code="BLKK-JT-0001").exists()


def test_region_selects_are_narrowed_to_the_scope_and_chain(client: Client, coordinator) -> None:
    form = client.get(reverse("centres:create")).context["form"]
    assert [p.code for p in form.fields["province"].widget.choices.queryset] == ["35"]
    assert list(form.fields["regency"].widget.choices.queryset) == []
    form = client.post(reverse("centres:create"), form_data(regency="", district="", village="")).context["form"]
    regencies = {r.code for r in form.fields["regency"].widget.choices.queryset}
    assert "35.78" in regencies and all(code.startswith("35.") for code in regencies)
    assert "regency" in form.errors
