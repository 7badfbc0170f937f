"""In a real browser on a phone (390x844, Indonesian UI): an assessor fills in an assessment (each answer saved as
it is chosen), attaches evidence and submits; the coordinator verifies it; the centre's cluster and the
explanation of what holds it back appear. Another assessor's centre answers 404. Selectors are test ids and
form field names, not text."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from inkubator.assessments.models import Assessment, Indicator
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.assessments.factories import PDF, assigned, open_round
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user


def test_assessor_submits_coordinator_verifies_and_the_cluster_appears(page: Page, live_server, tmp_path: Path) -> None:
    surabaya = Regency.objects.get(code="35.78")
    centre = CentreFactory(name="BLK Komunitas Darul Ulum Surabaya", regency=surabaya)
    elsewhere = CentreFactory(name="BLK Komunitas Nurul Huda Kupang", regency=Regency.objects.get(code="53.71"))
    the_round = open_round()
    assessor = make_user(Role.FACILITATOR)
    assessment = assigned(the_round, centre, assessor)
    others = assigned(the_round, elsewhere, make_user(Role.FACILITATOR))
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    indicators = list(Indicator.objects.filter(dimension__instrument=the_round.instrument))

    sign_in(page, live_server.url, assessor.username)
    page.goto(f"{live_server.url}/assessments/worklist/")
    page.get_by_test_id("work-item").filter(has_text=centre.name).click()
    expect(page.get_by_test_id("centre-name")).to_have_text(centre.name)

    # Good answers everywhere except where evidence would be needed (lowest value claims nothing),
    # and the management decree, which gets its evidence file below.
    for indicator in indicators:
        wanted = indicator.scale_max
        if indicator.evidence_required and indicator.code != "gov-decree":
            wanted = indicator.scale_min
        fieldset = page.get_by_test_id(f"indicator-{indicator.code}")
        fieldset.locator(f"label[for='v-{indicator.pk}-{wanted}']").click()
        expect(fieldset.get_by_test_id("saved")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone

    # Nothing is lost on leaving: a fresh load shows every answer saved.
    page.reload()
    assert Assessment.objects.get(pk=assessment.pk).answers.count() == len(indicators)
    decree = next(i for i in indicators if i.code == "gov-decree")
    expect(page.locator(f"#v-{decree.pk}-1")).to_be_checked()

    evidence = tmp_path / "sk-pengelola.pdf"
    evidence.write_bytes(PDF)
    form = page.get_by_test_id("evidence-form")
    form.locator("[name=indicator]").select_option(str(decree.pk))
    form.locator("[name=file]").set_input_files(str(evidence))
    page.get_by_test_id("upload").click()
    expect(page.get_by_test_id(f"indicator-{decree.code}").get_by_role("link", name="sk-pengelola.pdf")).to_be_visible()

    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("scores")).to_be_visible()
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.SUBMITTED

    # Another assessor's centre is not there for this assessor.
    response = page.goto(f"{live_server.url}/assessments/{others.pk}/")
    assert response.status == 404

    page.context.clear_cookies()
    sign_in(page, live_server.url, coordinator.username)
    page.goto(f"{live_server.url}/assessments/?status=submitted")
    page.get_by_test_id("assessment-table").get_by_role("link", name=centre.name).click()
    page.get_by_test_id("review").locator("[name=comment]").fill("Sesuai dengan kunjungan lapangan.")
    page.get_by_test_id("verify").click()
    expect(page.get_by_test_id("assessment-status")).to_have_class(re.compile("text-bg-success"))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.VERIFIED and assessment.verified_by == coordinator

    page.goto(f"{live_server.url}/assessments/centre/{centre.code}/")
    expect(page.get_by_test_id("cluster")).to_have_text(assessment.cluster_code.capitalize())
    explanation = page.get_by_test_id("explanation")
    expect(explanation).to_be_visible()
    expect(explanation.get_by_test_id("raises").locator("li").first).to_be_visible()
    expect(page.get_by_test_id("history").locator("li")).to_have_count(1)
    assert page.locator("canvas[id^='radar-']").count() == 1
    centre.refresh_from_db()
    assert centre.cluster == assessment.cluster_code
