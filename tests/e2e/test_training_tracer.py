"""In a real browser on a phone (390x844, Indonesian UI): a centre manager enrols a trainee by NIK, marks
completion and records the graduate's 3-month outcome from the tracer worklist; another centre's batch
answers 404. Selectors are test ids and form field names, not text."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from inkubator.training.models import Enrollment, Outcome
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user
from tests.people.factories import PersonFactory
from tests.training.factories import BatchFactory

ENDED = datetime.date.today() - datetime.timedelta(days=120)


def test_manager_enrols_completes_and_traces_from_a_phone(page: Page, live_server) -> None:
    mine = CentreFactory(name="BLK Komunitas Al-Hikmah Bekasi", regency=Regency.objects.get(code="32.16"))
    other = CentreFactory(name="BLK Komunitas Darul Ulum Surabaya", regency=Regency.objects.get(code="35.78"))
    batch = BatchFactory(centre=mine, start_date=ENDED - datetime.timedelta(weeks=6), end_date=ENDED)
    theirs = BatchFactory(centre=other)
    person = PersonFactory(name="Siti Nurhaliza", sex="F", birth_date=datetime.date(2000, 8, 17),
                           nik="3216015708000042", phone="+6285712345678")  # fmt: skip
    manager = make_user(Role.CENTRE_MANAGER, centres=[mine])
    sign_in(page, live_server.url, manager.username)

    page.goto(f"{live_server.url}/training/{batch.pk}/")
    expect(page.get_by_test_id("batch-code")).to_have_text(batch.code)
    page.get_by_test_id("enrol-form").locator("[name=nik]").fill("'3216 0157 0800 0042")
    page.get_by_test_id("enrol").click()
    row = page.get_by_test_id("trainee-row").filter(has_text="Siti Nurhaliza")
    expect(row).to_be_visible()
    assert "3216015708000042" not in page.content()  # masked on the page

    row.get_by_role("link").click()
    expect(page.get_by_test_id("trainee-name")).to_have_text("Siti Nurhaliza")
    form = page.get_by_test_id("status-form")
    form.locator("[name=status]").select_option("completed")
    form.locator("[name=attendance]").fill("94")
    page.get_by_test_id("save-status").click()
    expect(page.get_by_test_id("enrollment-status")).to_contain_text("94%")
    assert Enrollment.objects.get(batch=batch, person=person).status == "completed"

    page.goto(f"{live_server.url}/training/tracer/")
    item = page.get_by_test_id("worklist-row").filter(has_text="Siti Nurhaliza")
    item.get_by_test_id("record-outcome").click()  # htmx opens the form in the row
    outcome_form = page.get_by_test_id("outcome-form")
    expect(outcome_form).to_be_visible()
    outcome_form.locator("[name=status][value=self_employed]").check()
    outcome_form.locator("[name=business_name]").fill("Jahit Siti")
    outcome_form.locator("[name=wants_incubation]").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("save-outcome").click()
    expect(page.get_by_test_id("outcome-recorded")).to_contain_text("Jahit Siti")
    outcome = Outcome.objects.get(enrollment__person=person, wave=3)
    assert outcome.status == "self_employed" and outcome.wants_incubation

    assert page.goto(f"{live_server.url}/training/{theirs.pk}/").status == 404
