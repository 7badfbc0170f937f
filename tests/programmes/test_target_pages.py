"""The target pages (core screens): the ministry sets, changes and removes targets; nobody else opens them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core import concurrency
from inkubator.core.roles import Role
from inkubator.programmes.models import Programme, Target
from inkubator.programmes.services import target_set
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _target(value: int = 10) -> Target:
    return target_set(
        user=make_user(Role.MINISTRY_ADMIN),
        programme=Programme.objects.get(code="blkk"),
        indicator="trainees_trained",
        year=2026,
        value=value,
    )


def _admin(client: Client) -> Client:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    return client


def test_the_ministry_sets_a_target_and_lands_on_its_year(client: Client) -> None:
    page = _admin(client).get(reverse("programmes:target_create") + "?year=2026")
    assert page.status_code == 200 and 'data-testid="target-form"' in page.content.decode()
    programme = Programme.objects.get(code="blkk")
    response = client.post(
        reverse("programmes:target_create"),
        {"programme": programme.pk, "indicator": "trainees_trained", "year": 2026, "value": 120},
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert Target.objects.get(indicator="trainees_trained", year=2026, province=None).value == 120


def test_a_second_target_for_the_same_place_is_refused_on_the_form(client: Client) -> None:
    target = _target()
    response = _admin(client).post(
        reverse("programmes:target_create"),
        {"programme": target.programme_id, "indicator": "trainees_trained", "year": 2026, "value": 12},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Target.objects.filter(indicator="trainees_trained", year=2026).count() == 1


def test_the_edit_page_carries_a_version_and_saves_the_change(client: Client) -> None:
    target = _target()
    url = reverse("programmes:target_update", args=[target.pk])
    page = _admin(client).get(url)
    assert f'name="{concurrency.VERSION_FIELD}"' in page.content.decode()
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    response = client.post(url, {**data, "value": 99})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == 99


def test_remove_on_the_edit_page_deletes_the_target(client: Client) -> None:
    target = _target()
    response = _admin(client).post(reverse("programmes:target_update", args=[target.pk]), {"delete": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert not Target.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.FACILITATOR])
def test_no_one_but_the_ministry_opens_the_target_pages(client: Client, role: str) -> None:
    target = _target()
    client.force_login(make_user(role, provinces=["32"]) if role == Role.REGIONAL_COORDINATOR else make_user(role))
    for url in (reverse("programmes:target_create"), reverse("programmes:target_update", args=[target.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"delete": "1"}).status_code == 404, url
    assert Target.objects.filter(pk=target.pk).exists()


def test_a_target_that_does_not_exist_answers_404(client: Client) -> None:
    assert _admin(client).get(reverse("programmes:target_update", args=[2**31 - 1])).status_code == 404
