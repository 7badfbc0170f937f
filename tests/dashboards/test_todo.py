"""Each role's home lists what is due, counted within its scope, each item linking to where it is done."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.assessments import services as assessment_services
from inkubator.core.roles import Role
from inkubator.dashboards.todo import TodoItem, TodoSource, register_todo, registered_sources, todo_for
from inkubator.incubation import services as incubation_services
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, fill, middle, open_round
from tests.factories import CentreFactory, PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant, report
from tests.mentoring.factories import FacilitatorFactory, make_action, make_active_plan, make_visit
from tests.training.factories import EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def by_key(items: list[TodoItem]) -> dict[str, TodoItem]:
    return {item.key: item for item in items}


def test_a_coordinator_counts_the_assessments_to_verify_of_their_region_only() -> None:
    bekasi = CentreFactory()
    surabaya = CentreFactory(regency=Regency.objects.get(code="35.78"))
    the_round = open_round()
    for centre in (bekasi, surabaya):
        assessment_services.assessment_submit(assessment=fill(assigned(the_round, centre), middle))
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    item = by_key(todo_for(user=coordinator, today=TODAY))["assessments.verify"]
    assert item.count == 1
    assert item.url == reverse("assessments:list") + "?status=submitted"
    assert by_key(todo_for(user=make_user(Role.MINISTRY_ADMIN), today=TODAY))["assessments.verify"].count == 2


def test_a_facilitator_sees_assessments_to_fill_visits_due_and_overdue_actions() -> None:
    centres = [CentreFactory(), CentreFactory()]
    user = make_user(Role.FACILITATOR, centres=centres)
    facilitator = FacilitatorFactory(user=user)
    make_active_plan(centres, facilitator)
    make_visit(centres[0], facilitator, date=TODAY - datetime.timedelta(days=3))
    make_visit(centres[1], facilitator, date=TODAY - datetime.timedelta(days=45))
    make_action(centres[0], due_date=TODAY - datetime.timedelta(days=1))
    make_action(centres[0], due_date=TODAY + datetime.timedelta(days=1))
    assigned(open_round(), centres[0], assessor=user)
    items = by_key(todo_for(user=user, today=TODAY))
    assert items["assessments.fill"].count == 1
    assert items["mentoring.visits"].count == 1  # the centre not visited for 45 days
    assert items["mentoring.actions"].count == 1
    assert items["mentoring.actions"].url == reverse("mentoring:action_list") + "?overdue=true"


def test_a_centre_manager_sees_tracer_calls_missing_figures_and_profile_gaps() -> None:
    centre = make_incubator()
    other = make_incubator(regency=Regency.objects.get(code="35.78"))
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    EnrollmentFactory(batch__centre=centre, batch__end_date=datetime.date(2026, 1, 31))
    OutcomeFactory(enrollment__batch__centre=centre, enrollment__batch__end_date=datetime.date(2026, 1, 31))
    EnrollmentFactory(batch__centre=other, batch__end_date=datetime.date(2026, 1, 31))
    late = make_tenant(incubator=centre)
    on_time = make_tenant(incubator=centre)
    report(on_time, datetime.date(2026, 5, 1))
    make_tenant(incubator=other)
    items = by_key(todo_for(user=manager, today=TODAY))
    assert items["training.tracer.3"].count == 1  # one answered, the other centre's not counted
    assert items["training.tracer.6"].count == 0
    assert items["incubation.reports"].count == 1
    assert items["centres.profile"].url == reverse("centres:detail", args=[centre.code])
    assert items["centres.profile"].count > 0
    assert late.pk != on_time.pk


def test_before_the_tenth_the_month_before_last_is_the_one_checked() -> None:
    centre = make_incubator()
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    tenant = make_tenant(incubator=centre)
    report(tenant, datetime.date(2026, 4, 1))
    # On 5 June May's figures are still on time: April's are checked, and are there.
    assert by_key(todo_for(user=manager, today=datetime.date(2026, 6, 5)))["incubation.reports"].count == 0
    assert by_key(todo_for(user=manager, today=datetime.date(2026, 6, 11)))["incubation.reports"].count == 1


def test_an_entrepreneur_sees_the_earliest_month_to_report_and_the_next_session() -> None:
    user = make_user(Role.ENTREPRENEUR)
    tenant = make_tenant(entrepreneur=user, joined_on=datetime.date(2026, 3, 20))
    report(tenant, datetime.date(2026, 3, 1))
    coach = make_user(Role.CENTRE_MANAGER, centres=[tenant.incubator])
    incubation_services.coaching_session_create(
        tenant=tenant, coach=coach, date=datetime.date(2026, 6, 20), topic="Harga pokok"
    )
    items = by_key(todo_for(user=user, today=TODAY))
    assert items["incubation.month"].count == 2  # April and May; June has not ended
    assert "April 2026" in str(items["incubation.month"].detail)
    assert "Harga pokok" in str(items["incubation.session"].detail)


def test_an_app_above_registers_its_own_item_for_its_role() -> None:
    register_todo(
        TodoSource("test.partner", {Role.PARTNER}, lambda user, today: [TodoItem("test.partner", "Jawab", 3, "/x/")])
    )
    try:
        keys = [i.key for i in todo_for(user=make_user(Role.PARTNER, partner=PartnerFactory()), today=TODAY)]
        # Matching registers the partner's own item (matches waiting for its answer) before it.
        assert keys == ["matches", "test.partner"]
        assert todo_for(user=make_user(Role.ENTREPRENEUR), today=TODAY) == []
    finally:
        from inkubator.dashboards import todo

        todo._SOURCES.pop("test.partner")
    assert "test.partner" not in {s.key for s in registered_sources()}


def test_each_home_shows_its_items_and_every_link_opens(client: Client) -> None:
    centre = make_incubator()
    tenant_user = make_user(Role.ENTREPRENEUR)
    make_tenant(incubator=centre, entrepreneur=tenant_user)
    facilitator_user = make_user(Role.FACILITATOR, centres=[centre])
    FacilitatorFactory(user=facilitator_user)
    users = {
        Role.REGIONAL_COORDINATOR: make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        Role.FACILITATOR: facilitator_user,
        Role.CENTRE_MANAGER: make_user(Role.CENTRE_MANAGER, centres=[centre]),
        Role.ENTREPRENEUR: tenant_user,
    }
    for role, user in users.items():
        client.force_login(user)
        body = client.get(reverse("dashboards:home")).content.decode()
        assert 'data-testid="todo"' in body, role
        for item in todo_for(user=user):
            assert f'data-testid="todo-{item.key}"' in body, (role, item.key)
            assert client.get(item.url.split("#")[0]).status_code == 200, (role, item.url)
