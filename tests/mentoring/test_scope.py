"""Scope: a facilitator reaches the centres assigned to them in an active plan, and gets 404 elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.mentoring.models import Facilitator, Plan, Visit
from inkubator.mentoring.services import plan_set_status
from tests.factories import make_user

from .factories import FacilitatorFactory, make_action, make_active_plan, make_plan, make_visit

pytestmark = pytest.mark.django_db


def test_facilitator_sees_only_centres_of_their_active_plan(bekasi, bandung, surabaya, facilitator) -> None:
    user = facilitator.user
    plan = make_active_plan([bekasi], facilitator)
    make_plan([bandung])  # a draft plan opens nothing
    assert list(Centre.objects.visible_to(user)) == [bekasi]
    plan_set_status(plan=plan, status=Plan.Status.CLOSED)
    user = type(user).objects.get(pk=user.pk)  # the scope is cached per user object
    assert not Centre.objects.visible_to(user).exists()


def test_facilitator_gets_404_on_a_centre_outside_their_assignment(
    client: Client, bekasi, surabaya, facilitator
) -> None:
    make_active_plan([bekasi], facilitator)
    client.force_login(facilitator.user)
    assert client.get(reverse("centres:detail", args=[bekasi.code])).status_code == 200
    assert client.get(reverse("mentoring:centre_progress", args=[bekasi.code])).status_code == 200
    for name in ("centres:detail", "mentoring:centre_progress", "mentoring:visit_create"):
        assert client.get(reverse(name, args=[surabaya.code])).status_code == 404, name


def test_coordinator_of_another_region_gets_404_on_plans_and_centres(
    client: Client, bekasi, surabaya, korwil_jatim
) -> None:
    plan = make_plan([bekasi])
    other = FacilitatorFactory()  # based in Bekasi
    visit = make_visit(bekasi, other)
    action = make_action(bekasi)
    entry = plan.entries.get()
    client.force_login(korwil_jatim)
    urls = [
        reverse("mentoring:plan_detail", args=[plan.pk]),
        reverse("mentoring:plan_whatif", args=[plan.pk]),
        reverse("mentoring:plan_entry", args=[plan.pk, entry.pk]),
        reverse("mentoring:facilitator_update", args=[other.pk]),
        reverse("mentoring:facilitator_schedule", args=[other.pk]),
        reverse("mentoring:centre_progress", args=[bekasi.code]),
        reverse("mentoring:visit_create", args=[bekasi.code]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("mentoring:plan_optimise", args=[plan.pk])).status_code == 404
    assert (
        client.post(reverse("mentoring:action_status", args=[bekasi.code, action.pk]), {"status": "done"}).status_code
        == 404
    )
    assert not Visit.objects.visible_to(korwil_jatim).filter(pk=visit.pk).exists()
    assert not Facilitator.objects.visible_to(korwil_jatim).exists()


def test_coordinator_cannot_change_a_plan_reaching_beyond_their_region(
    client: Client, bekasi, surabaya, korwil_jabar
) -> None:
    plan = make_plan([bekasi, surabaya])
    client.force_login(korwil_jabar)
    response = client.get(reverse("mentoring:plan_detail", args=[plan.pk]))
    assert response.status_code == 200  # readable: one of its centres is theirs
    assert [e.centre for e in response.context["entries"]] == [bekasi]
    assert not response.context["can_manage"]
    assert client.post(reverse("mentoring:plan_optimise", args=[plan.pk])).status_code == 404


def test_planning_pages_answer_404_to_other_roles(client: Client, bekasi, facilitator) -> None:
    plan = make_active_plan([bekasi], facilitator)
    manager = make_user(Role.CENTRE_MANAGER, centres=[bekasi])
    for user in (facilitator.user, manager):
        client.force_login(user)
        for url in (
            reverse("mentoring:facilitator_list"),
            reverse("mentoring:facilitator_export", args=["xlsx"]),
            reverse("mentoring:plan_create"),
            reverse("mentoring:plan_propose"),
            reverse("mentoring:plan_whatif", args=[plan.pk]),
        ):
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("mentoring:plan_optimise", args=[plan.pk])).status_code == 404
    client.force_login(manager)
    assert client.get(reverse("mentoring:visit_create", args=[bekasi.code])).status_code == 404
    assert client.get(reverse("mentoring:schedule")).status_code == 404
