"""In a real browser, each role's home shows its to-do items with counts, and every item's link opens its page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from inkubator.assessments import services as assessment_services
from inkubator.core.roles import Role
from tests.assessments.factories import assigned, fill, middle, open_round
from tests.e2e.test_roles import sign_in
from tests.factories import make_user
from tests.incubation.factories import make_incubator, make_tenant
from tests.mentoring.factories import FacilitatorFactory, make_action, make_active_plan

EXPECTED = {
    Role.REGIONAL_COORDINATOR: ["assessments.verify", "centres.certificates"],
    Role.FACILITATOR: ["assessments.fill", "mentoring.visits", "mentoring.actions"],
    Role.CENTRE_MANAGER: ["training.tracer.3", "training.tracer.6", "incubation.reports", "centres.profile"],
    Role.ENTREPRENEUR: ["incubation.month", "incubation.session"],
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_home_shows_its_items_and_each_link_works(page: Page, live_server, role: str) -> None:
    today = datetime.date.today()
    centre = make_incubator()
    facilitator_user = make_user(Role.FACILITATOR, centres=[centre])
    facilitator = FacilitatorFactory(user=facilitator_user)
    make_active_plan([centre], facilitator)
    make_action(centre, due_date=today - datetime.timedelta(days=2))
    the_round = open_round()
    assessment_services.assessment_submit(assessment=fill(assigned(the_round, centre), middle))
    entrepreneur = make_user(Role.ENTREPRENEUR)
    make_tenant(incubator=centre, entrepreneur=entrepreneur, joined_on=today - datetime.timedelta(days=70))
    users = {
        Role.REGIONAL_COORDINATOR: lambda: make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        Role.FACILITATOR: lambda: facilitator_user,
        Role.CENTRE_MANAGER: lambda: make_user(Role.CENTRE_MANAGER, centres=[centre]),
        Role.ENTREPRENEUR: lambda: entrepreneur,
    }
    user = users[role]()
    sign_in(page, live_server.url, user.username)
    expect(page.get_by_test_id("todo")).to_be_visible()
    for key in EXPECTED[role]:
        expect(page.get_by_test_id(f"todo-{key}")).to_be_visible()
    if role == Role.REGIONAL_COORDINATOR:
        expect(page.get_by_test_id("todo-assessments.verify").get_by_test_id("todo-count")).to_have_text("1")
    if role == Role.FACILITATOR:
        expect(page.get_by_test_id("todo-mentoring.actions").get_by_test_id("todo-count")).to_have_text("1")
    links = page.get_by_test_id("todo-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs
    for index, href in enumerate(hrefs):
        page.goto(f"{live_server.url}/")
        with page.expect_navigation() as navigation:
            page.get_by_test_id("todo-link").nth(index).click()
        assert navigation.value.status == 200, href
