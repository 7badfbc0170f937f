"""Taking a tenant in by hand (found by NIK or registered) and the ministry's page of stage gates."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation.choices import GateKind, Stage
from inkubator.incubation.models import Grant, StageGate, Tenant
from inkubator.people.models import Person
from inkubator.regions.models import Regency
from tests.factories import make_user
from tests.people.factories import PersonFactory, make_nik

from .factories import make_incubator

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def intake_data(centre, **overrides: str) -> dict:  # noqa: ANN001
    birth = datetime.date(1992, 8, 17)
    return {
        "nik": make_nik(birth_date=birth, sex="F", serial=77),
        "name": "Dewi Anggraini",
        "sex": "F",
        "birth_date": birth.isoformat(),
        "phone": "0813 1234 5678",
        "incubator": centre.code,
        "source_programme": "tkm_lanjutan",
        "joined_on": "2026-02-01",
        "business_name": "Konveksi Dewi",
        "sector": "Industri pakaian jadi",
        "kbli_code": "14111",
        "grant_amount": "15000000",
        **overrides,
    }


def test_intake_registers_person_business_and_grant() -> None:
    centre = make_incubator()
    manager = client_for(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    response = manager.post(reverse("incubation:tenant_create"), intake_data(centre))
    assert response.status_code == 302
    tenant = Tenant.objects.get()
    assert tenant.person.phone == "+6281312345678" and tenant.business.kbli_code == "14111"
    assert tenant.stage == Stage.PRE and tenant.moves.count() == 1
    assert Grant.objects.get(tenant=tenant).amount == 15_000_000


def test_intake_finds_the_person_by_nik() -> None:
    centre = make_incubator()
    person = PersonFactory()
    manager = client_for(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    data = intake_data(centre, nik=person.nik, sex="M", birth_date=person.birth_date.isoformat())
    assert manager.post(reverse("incubation:tenant_create"), data).status_code == 302
    assert Person.objects.count() == 1 and Tenant.objects.get().person == person


def test_intake_errors_name_the_field_and_write_nothing() -> None:
    centre = make_incubator()
    other = make_incubator(regency=Regency.objects.get(code="53.71"))
    manager = client_for(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    response = manager.post(reverse("incubation:tenant_create"), intake_data(centre, sex="M", phone="12"))
    assert response.status_code == 400
    assert {"nik", "phone"} <= set(response.context["form"].errors)
    # A centre outside the scope is not a choice.
    response = manager.post(reverse("incubation:tenant_create"), intake_data(other))
    assert "incubator" in response.context["form"].errors
    assert not Tenant.objects.exists() and not Person.objects.exists()


def test_intake_is_404_for_roles_that_do_not_coach() -> None:
    for user in (make_user(Role.ENTREPRENEUR), make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])):
        assert client_for(user).get(reverse("incubation:tenant_create")).status_code == 404


def test_ministry_admin_adds_and_switches_off_gates() -> None:
    admin = client_for(make_user(Role.MINISTRY_ADMIN))
    page = admin.get(reverse("incubation:gates"))
    assert len(page.context["gates"]) == StageGate.objects.count() == 4
    missing = admin.post(reverse("incubation:gates"), {"to_stage": Stage.INCUBATION, "kind": GateKind.LICENCE})
    assert missing.status_code == 400 and "licence_kind" in missing.context["form"].errors
    admin.post(
        reverse("incubation:gates"), {"to_stage": Stage.INCUBATION, "kind": GateKind.LICENCE, "licence_kind": "pirt"}
    )
    gate = StageGate.objects.get(to_stage=Stage.INCUBATION)
    admin.post(reverse("incubation:gate_toggle", args=[gate.pk]))
    gate.refresh_from_db()
    assert gate.active is False


def test_gates_page_is_404_for_everyone_else() -> None:
    centre = make_incubator()
    gate = StageGate.objects.first()
    for user in (
        make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        make_user(Role.CENTRE_MANAGER, centres=[centre]),
        make_user(Role.ENTREPRENEUR),
    ):
        client = client_for(user)
        assert client.get(reverse("incubation:gates")).status_code == 404
        assert client.post(reverse("incubation:gate_toggle", args=[gate.pk])).status_code == 404
