"""Linking and assigning people (issue 16.2): every view that links an account or assigns a person.

Each view is tried three ways by an actor of Jawa Barat (Kabupaten Bekasi):

* ``ok``: the target and the person linked are both in the actor's scope → saved, and audited;
* ``other_object``: the target belongs to another region's centre → 404, nothing changes;
* ``other_account``: the target is theirs but the account or person is another region's (or is
  already linked elsewhere) → the form is shown again with an error on that field, nothing changes.

The services hold the checks (``actor=``), so they are also tested without a view, and for the
assignment of users to centres, which has no page (``adduser``, the services).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inkubator.accounts.models import User
from inkubator.accounts.services import user_create, user_set_scope
from inkubator.assessments import services as assessment_services
from inkubator.assessments.models import Assessment
from inkubator.core.roles import Role
from inkubator.incubation import services as incubation_services
from inkubator.incubation.models import Tenant
from inkubator.mentoring import services as mentoring_services
from inkubator.mentoring.models import Assignment, Facilitator, PlanCentre
from inkubator.regions.models import Regency
from tests.assessments.factories import open_round
from tests.factories import PASSWORD, CentreFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant
from tests.mentoring.factories import FacilitatorFactory, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The refusals are matched by their English wording.
    with translation.override("en"):
        yield


@dataclass
class World:
    bekasi: Any
    surabaya: Any
    manager: User  # centre manager of Bekasi
    korwil: User  # regional coordinator of Jawa Barat
    admin: User
    tenant: Tenant  # Bekasi
    their_tenant: Tenant  # Surabaya
    free_owner: User  # an entrepreneur account linked to nobody
    their_owner: User  # linked to the Surabaya tenant
    our_account: User  # a facilitator account working in Bekasi
    their_account: User  # a facilitator account working in Surabaya
    our_facilitator: Facilitator
    their_facilitator: Facilitator
    entry: PlanCentre  # Bekasi's entry of a plan of Jawa Barat
    their_entry: PlanCentre  # Surabaya's entry of a plan of Jawa Timur


@pytest.fixture
def world() -> World:
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    surabaya = make_incubator(regency=Regency.objects.get(code="35.78"))
    their_tenant = make_tenant(incubator=surabaya)
    their_owner = make_user(Role.ENTREPRENEUR, username="pemilik.surabaya")
    incubation_services.tenant_link_account(tenant=their_tenant, username=their_owner.username)
    our_account = make_user(Role.FACILITATOR, centres=[bekasi], username="pendamping.bekasi")
    their_account = make_user(Role.FACILITATOR, centres=[surabaya], username="pendamping.surabaya")
    their_facilitator = FacilitatorFactory(regency=surabaya.regency, name="Budi Surabaya")
    return World(
        bekasi=bekasi,
        surabaya=surabaya,
        manager=make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
        korwil=make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        admin=make_user(Role.MINISTRY_ADMIN),
        tenant=make_tenant(incubator=bekasi),
        their_tenant=their_tenant,
        free_owner=make_user(Role.ENTREPRENEUR, username="pemilik.bebas"),
        their_owner=their_owner,
        our_account=our_account,
        their_account=their_account,
        our_facilitator=FacilitatorFactory(regency=bekasi.regency, name="Asep Bekasi"),
        their_facilitator=their_facilitator,
        entry=make_plan([bekasi], name="Rencana Jabar").entries.get(),
        their_entry=make_plan([surabaya], name="Rencana Jatim").entries.get(),
    )


def links() -> tuple:
    """Every link and assignment a person can have, as one comparable value."""
    return (
        sorted(Tenant.objects.values_list("pk", "entrepreneur_id")),
        sorted(Facilitator.objects.values_list("pk", "user_id", "regency_id")),
        sorted(Assignment.objects.values_list("plan_centre_id", "facilitator_id", "is_manual")),
        sorted(Assessment.objects.values_list("round_id", "centre_id", "assessor_id")),
        sorted(User.centres.through.objects.values_list("user_id", "centre_id")),
    )


def facilitator_data(w: World, **changes: Any) -> dict[str, Any]:
    data = {"name": "Citra Bekasi", "regency": w.bekasi.regency_id, "skill_management": "on",
            "capacity_centres": "5", "days_per_month": "10", "active": "on", "user": w.our_account.pk}  # fmt: skip
    return {**data, **changes}


@dataclass
class Case:
    """One view: who acts, the request for each of the three situations, the field that refuses, the proof."""

    actor: str
    ok: Callable[[World], tuple[str, dict]]
    other_object: Callable[[World], tuple[str, dict]] | None
    other_account: Callable[[World], tuple[str, dict]]
    field: str
    linked: Callable[[World], bool]
    audited: Callable[[World], Any]


def record_url(tenant: Tenant) -> str:
    return reverse("incubation:record_create", args=[tenant.pk, "account"])


CASES = {
    "tenant_account": Case(
        actor="manager",
        ok=lambda w: (record_url(w.tenant), {"username": w.free_owner.username}),
        other_object=lambda w: (record_url(w.their_tenant), {"username": w.free_owner.username}),
        other_account=lambda w: (record_url(w.tenant), {"username": w.their_owner.username}),
        field="username",
        linked=lambda w: Tenant.objects.get(pk=w.tenant.pk).entrepreneur_id == w.free_owner.pk,
        audited=lambda w: LogEntry.objects.get_for_object(w.tenant).filter(changes__has_key="entrepreneur"),
    ),
    "facilitator_create": Case(
        actor="korwil",
        ok=lambda w: (reverse("mentoring:facilitator_create"), facilitator_data(w)),
        other_object=lambda w: (
            reverse("mentoring:facilitator_create"),
            facilitator_data(w, regency=w.surabaya.regency_id),
        ),
        other_account=lambda w: (
            reverse("mentoring:facilitator_create"),
            facilitator_data(w, user=w.their_account.pk),
        ),
        field="user",
        linked=lambda w: Facilitator.objects.filter(user=w.our_account, name="Citra Bekasi").exists(),
        audited=lambda w: LogEntry.objects.get_for_object(Facilitator.objects.get(user=w.our_account)),
    ),
    "facilitator_update": Case(
        actor="korwil",
        ok=lambda w: (
            reverse("mentoring:facilitator_update", args=[w.our_facilitator.pk]),
            facilitator_data(w, name=w.our_facilitator.name),
        ),
        other_object=lambda w: (
            reverse("mentoring:facilitator_update", args=[w.their_facilitator.pk]),
            facilitator_data(w, name=w.their_facilitator.name, regency=w.surabaya.regency_id),
        ),
        other_account=lambda w: (
            reverse("mentoring:facilitator_update", args=[w.our_facilitator.pk]),
            facilitator_data(w, name=w.our_facilitator.name, user=w.their_account.pk),
        ),
        field="user",
        linked=lambda w: Facilitator.objects.get(pk=w.our_facilitator.pk).user_id == w.our_account.pk,
        audited=lambda w: LogEntry.objects.get_for_object(w.our_facilitator).filter(changes__has_key="user"),
    ),
    "plan_entry": Case(
        actor="korwil",
        ok=lambda w: (
            reverse("mentoring:plan_entry", args=[w.entry.plan_id, w.entry.pk]),
            {"focus": w.entry.focus, "facilitator": w.our_facilitator.pk},
        ),
        other_object=lambda w: (
            reverse("mentoring:plan_entry", args=[w.their_entry.plan_id, w.their_entry.pk]),
            {"focus": w.their_entry.focus, "facilitator": w.our_facilitator.pk},
        ),
        other_account=lambda w: (
            reverse("mentoring:plan_entry", args=[w.entry.plan_id, w.entry.pk]),
            {"focus": w.entry.focus, "facilitator": w.their_facilitator.pk},
        ),
        field="facilitator",
        linked=lambda w: Assignment.objects.filter(plan_centre=w.entry, facilitator=w.our_facilitator).exists(),
        audited=lambda w: LogEntry.objects.get_for_object(Assignment.objects.get(plan_centre=w.entry)),
    ),
}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("situation", ["ok", "other_object", "other_account"])
@pytest.mark.parametrize("view", sorted(CASES))
def test_linking_matrix(world: World, view: str, situation: str) -> None:
    case = CASES[view]
    client = client_for(getattr(world, case.actor))
    url, data = getattr(case, situation)(world)
    before = links()
    response = client.post(url, data)
    if situation == "ok":
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert case.linked(world)
        assert case.audited(world).exists()
        return
    assert links() == before
    if situation == "other_object" and view != "facilitator_create":
        assert response.status_code == 404
    else:
        # A new record has no object yet: its other-region side is the home regency, refused in the form.
        field = "regency" if situation == "other_object" else case.field
        assert response.status_code in (200, 400)
        assert field in response.context["form"].errors


def test_round_assignment_by_the_ministry_is_audited(world: World) -> None:
    # Assigning assessors is the ministry's (who sees every centre and account); coordinators get 404.
    the_round = open_round()
    client = client_for(world.admin)
    url = reverse("assessments:round_detail", args=[the_round.pk])
    response = client.post(url, {"province": "32", "assessor": world.our_account.pk, "only_new": "on"})
    assert response.status_code == 302
    assessment = Assessment.objects.get(round=the_round, centre=world.bekasi)
    assert assessment.assessor == world.our_account
    assert LogEntry.objects.get_for_object(assessment).exists()
    before = links()
    assert client_for(world.korwil).post(url, {"assessor": world.our_account.pk}).status_code == 404
    assert links() == before


# The services refuse on their own, whoever calls them -------------------------------------------


def test_an_account_linked_to_another_persons_tenant_is_never_taken(world: World) -> None:
    # Even the ministry, and even a tenant of the same centre: the owner would lose their business.
    neighbour = make_tenant(incubator=world.bekasi)
    incubation_services.tenant_link_account(tenant=neighbour, username=world.free_owner.username)
    with pytest.raises(ValidationError, match="can be linked here"):
        incubation_services.tenant_link_account(
            tenant=world.tenant, username=world.free_owner.username, actor=world.admin
        )
    with pytest.raises(ValidationError, match="can be linked here"):
        incubation_services.tenant_link_account(tenant=world.tenant, username=world.free_owner.username)
    assert Tenant.objects.get(pk=world.tenant.pk).entrepreneur_id is None


def test_the_same_person_in_a_second_tenancy_keeps_their_account(world: World) -> None:
    again = make_tenant(incubator=world.bekasi, person=world.tenant.person)
    incubation_services.tenant_link_account(
        tenant=world.tenant, username=world.free_owner.username, actor=world.manager
    )
    incubation_services.tenant_link_account(tenant=again, username=world.free_owner.username, actor=world.manager)
    assert set(Tenant.objects.filter(entrepreneur=world.free_owner)) == {world.tenant, again}


def test_link_services_check_both_sides(world: World) -> None:
    with pytest.raises(ValidationError, match="can be linked here"):
        incubation_services.tenant_link_account(
            tenant=world.their_tenant, username=world.free_owner.username, actor=world.manager
        )
    with pytest.raises(ValidationError, match="facilitator account of your region"):
        mentoring_services.facilitator_update(
            facilitator=world.our_facilitator, user=world.their_account, actor=world.korwil
        )
    with pytest.raises(ValidationError, match="regency/city of your region"):
        mentoring_services.facilitator_create(name="X", regency=world.surabaya.regency, actor=world.korwil)
    with pytest.raises(ValidationError, match="active facilitator of your region"):
        mentoring_services.assignment_set_manual(
            entry=world.entry, facilitator=world.their_facilitator, actor=world.korwil
        )
    with pytest.raises(ValidationError, match="active facilitator of your region"):
        mentoring_services.assignment_set_manual(
            entry=world.their_entry, facilitator=world.our_facilitator, actor=world.korwil
        )
    the_round = open_round()
    with pytest.raises(ValidationError, match="facilitator account of your scope"):
        assessment_services.round_assign(
            round=the_round, centres=[world.bekasi], assessor=world.their_account, actor=world.korwil
        )
    with pytest.raises(ValidationError, match="not in your scope"):
        assessment_services.round_assign(
            round=the_round, centres=[world.surabaya], assessor=world.our_account, actor=world.korwil
        )
    assert not Assessment.objects.filter(round=the_round).exists()


def test_an_account_held_by_one_facilitator_record_is_not_taken_by_another(world: World) -> None:
    mentoring_services.facilitator_update(facilitator=world.our_facilitator, user=world.our_account, actor=world.korwil)
    other = FacilitatorFactory(regency=world.bekasi.regency)
    with pytest.raises(ValidationError, match="another facilitator record holds it"):
        mentoring_services.facilitator_update(facilitator=other, user=world.our_account, actor=world.admin)


def test_users_are_given_centres_and_regions_only_within_the_actors_scope(world: World) -> None:
    # Users to centres has no page (``adduser`` and the services); the service checks the actor.
    with pytest.raises(ValidationError, match="within your own scope"):
        user_create(
            username="x1", password=PASSWORD, role=Role.FACILITATOR, centres=[world.surabaya], actor=world.korwil
        )
    with pytest.raises(ValidationError, match="within your own scope"):
        user_create(
            username="x2",
            password=PASSWORD,
            role=Role.REGIONAL_COORDINATOR,
            regencies=[world.surabaya.regency],
            actor=world.korwil,
        )
    with pytest.raises(ValidationError, match="within your own scope"):
        user_create(username="x3", password=PASSWORD, role=Role.MINISTRY_ADMIN, actor=world.korwil)
    with pytest.raises(ValidationError, match="within your own scope"):
        user_set_scope(user=world.their_account, role=Role.FACILITATOR, centres=[world.bekasi], actor=world.korwil)
    with pytest.raises(ValidationError, match="within your own scope"):
        user_set_scope(user=world.our_account, role=Role.FACILITATOR, centres=[world.surabaya], actor=world.manager)
    assert not User.objects.filter(username__in=["x1", "x2", "x3"]).exists()
    ours = user_create(
        username="x4", password=PASSWORD, role=Role.FACILITATOR, centres=[world.bekasi], actor=world.korwil
    )
    user_set_scope(user=ours, role=Role.FACILITATOR, centres=[world.bekasi, CentreFactory()], actor=world.korwil)
    assert ours.centres.count() == 2
    assert LogEntry.objects.get_for_object(ours).filter(changes__has_key="centres").exists()
