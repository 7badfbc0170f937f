"""Person pages: masked identifiers, the audited reveal, duplicates and merge; 404 outside the scope."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.people.models import Person
from tests.factories import CentreFactory, make_user
from tests.people.factories import PersonFactory
from tests.training.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled():  # noqa: ANN201
    return EnrollmentFactory(batch__centre=CentreFactory())


def test_manager_sees_masked_identifiers_and_may_reveal(client, enrolled) -> None:  # noqa: ANN001
    person = enrolled.person
    manager = make_user(Role.CENTRE_MANAGER, centres=[enrolled.batch.centre])
    client.force_login(manager)
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert person.nik not in body and "••••" in body
    assert response["Cache-Control"].count("no-store")
    revealed = client.post(reverse("people:reveal", args=[person.pk]))
    assert person.nik in revealed.content.decode()
    assert LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.ACCESS, actor=manager).exists()


def test_coordinator_sees_masked_only(client, enrolled) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.get(reverse("people:detail", args=[enrolled.person.pk])).status_code == 200
    assert client.post(reverse("people:reveal", args=[enrolled.person.pk])).status_code == 404


def test_other_centre_and_region_get_404(client, enrolled) -> None:  # noqa: ANN001
    for user in (
        make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]),
        make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]),
    ):
        client.force_login(user)
        assert client.get(reverse("people:detail", args=[enrolled.person.pk])).status_code == 404
        assert client.post(reverse("people:reveal", args=[enrolled.person.pk])).status_code == 404


def test_duplicates_listed_and_merged(client) -> None:  # noqa: ANN001
    a = EnrollmentFactory(person=PersonFactory(name="Ahmad Fauzi", nik=None)).person
    b = EnrollmentFactory(person=PersonFactory(name="AHMAD  FAUZI.", nik=None)).person
    PersonFactory(name="Ahmad Fauzi", nik=None, regency_id="35.78")  # another regency: not a candidate
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    page = client.get(reverse("people:duplicates"))
    assert page.status_code == 200
    assert len(page.context["groups"]) == 1 and set(page.context["groups"][0].people) == {a, b}
    client.post(reverse("people:duplicates"), {"keep": a.pk, "other": b.pk})
    assert not Person.objects.filter(pk=b.pk).exists()
    assert a.enrollments.count() == 2


def test_duplicates_page_is_not_for_centre_managers(client) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()]))
    assert client.get(reverse("people:duplicates")).status_code == 404
