"""Enrolment from the batch page: an existing person by NIK at once, a new NIK through the person form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.people.models import Person
from inkubator.training.models import Enrollment
from tests.factories import make_user
from tests.people.factories import PersonFactory, make_nik
from tests.training.factories import BatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch():  # noqa: ANN201
    return BatchFactory()


@pytest.fixture
def manager(client, batch):  # noqa: ANN001, ANN201
    user = make_user(Role.CENTRE_MANAGER, centres=[batch.centre])
    client.force_login(user)
    return user


def test_existing_person_enrolled_by_nik(client, batch, manager) -> None:  # noqa: ANN001
    person = PersonFactory()  # trained elsewhere or registered before: found across programmes
    nik = person.nik
    response = client.post(reverse("training:enrol", args=[batch.pk]), {"nik": f"'{nik[:8]} {nik[8:]}"})
    assert response.status_code == 302
    assert Enrollment.objects.get(batch=batch).person == person


def test_new_nik_opens_the_person_form_then_enrols(client, batch, manager) -> None:  # noqa: ANN001
    birth = datetime.date(2001, 5, 9)
    nik = make_nik(birth_date=birth, sex="F", serial=77)
    form = client.post(reverse("training:enrol", args=[batch.pk]), {"nik": nik})
    assert form.status_code == 200 and "training/enrol_new.html" in [t.name for t in form.templates]
    assert nik not in form.content.decode().replace(f'value="{nik}"', "")  # only in the hidden field
    data = {"nik": nik, "name": "Dewi Lestari", "sex": "F", "birth_date": "2001-05-09", "phone": "6285712345678"}
    done = client.post(reverse("training:enrol", args=[batch.pk]), data)
    assert done.status_code == 302
    person = Person.objects.get(nik=nik)
    assert person.phone == "+6285712345678" and Enrollment.objects.filter(batch=batch, person=person).exists()


def test_wrong_details_say_which_field(client, batch, manager) -> None:  # noqa: ANN001
    nik = make_nik(birth_date=datetime.date(2001, 5, 9), sex="F", serial=78)
    data = {"nik": nik, "name": "Dewi", "sex": "M", "birth_date": "2001-05-10", "phone": "12"}
    response = client.post(reverse("training:enrol", args=[batch.pk]), data)
    assert response.status_code == 200
    assert "nik" in response.context["form"].errors and "phone" in response.context["form"].errors
    assert not Person.objects.filter(nik=nik).exists()


def test_excel_number_nik_is_refused_with_a_reason(client, batch, manager) -> None:  # noqa: ANN001
    response = client.post(reverse("training:enrol", args=[batch.pk]), {"nik": "3.21604E+15"})
    assert "Excel" in " ".join(response.context["nik_form"].errors["nik"])


def test_status_and_completion(client, batch, manager) -> None:  # noqa: ANN001
    enrolment = Enrollment.objects.create(batch=batch, person=PersonFactory())
    url = reverse("training:enrollment", args=[enrolment.pk])
    assert client.post(url, {"form": "status", "status": "completed", "attendance": "92"}).status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.attendance) == ("completed", 92)
    client.post(url, {"form": "certificate", "number": "BNSP-7", "scheme": "Operator", "issued_on": "2025-05-02"})
    assert enrolment.certificate.number == "BNSP-7"


def test_coordinator_cannot_enrol(client, batch) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.post(reverse("training:enrol", args=[batch.pk]), {"nik": "x"}).status_code == 404
    assert client.get(reverse("training:batch", args=[batch.pk])).status_code == 200
