"""Drafts that survive no signal (issue 17.7), in Chromium's offline mode on a 390 px phone (Indonesian).

An assessor's answers and a facilitator's visit, typed with no connection, wait on the device with a banner
saying what is waiting ("Belum terkirim: …"), come back into the form when the page is opened again, and
are sent when the connection returns: the record is then in the database and the banner is gone. A draft
sent after someone else changed the record gets the server's 409 form in its place. Signing out removes
the user's drafts from the device. The JavaScript is static/inkubator/js/drafts.js.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

from inkubator.assessments.models import Answer, Indicator
from inkubator.centres.models import Asset
from inkubator.centres.services import asset_update
from inkubator.core.roles import Role
from inkubator.mentoring.models import Visit
from tests.assessments.factories import assigned, open_round
from tests.e2e.test_roles import sign_in
from tests.factories import AssetFactory, make_user
from tests.incubation.factories import make_incubator
from tests.mentoring.factories import FacilitatorFactory, make_active_plan

DRAFT_KEYS = "() => Object.keys(localStorage).filter(k => k.startsWith('inkubator:draft:'))"


def _no_signal_for_posts(route: Route) -> None:
    """The page loads, but what it sends finds no signal (a phone at the edge of coverage)."""
    if route.request.method == "POST":
        route.abort("internetdisconnected")
    else:
        route.continue_()


def test_a_visit_logged_without_signal_waits_on_the_phone_and_is_sent_when_the_signal_returns(
    page: Page, live_server
) -> None:
    centre = make_incubator(name="BLK Komunitas Al-Hikmah Bekasi")
    user = make_user(Role.FACILITATOR)
    facilitator = FacilitatorFactory(name="Dewi Lestari", user=user)
    make_active_plan([centre], facilitator)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": -6.2411, "longitude": 107.1234})
    sign_in(page, live_server.url, user.username)
    url = f"{live_server.url}/mentoring/centres/{centre.code}/visits/new/"
    page.goto(url)
    form = page.get_by_test_id("visit-form")
    expect(form.locator("[name=latitude]")).to_have_value("-6.24110")
    banner = page.get_by_test_id("draft-banner")
    expect(banner).to_be_hidden()

    page.context.set_offline(True)
    form.locator("[name=attendees]").fill("14")
    form.locator("[name=notes]").fill("Pemetaan aset tanpa sinyal.")
    page.get_by_test_id("save").click()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Belum terkirim: kunjungan ke BLK Komunitas Al-Hikmah Bekasi")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not Visit.objects.exists()

    # Opened again where the page loads but nothing gets out: the typed values are back, still waiting.
    page.route(re.compile(r".*/visits/new/$"), _no_signal_for_posts)
    page.context.set_offline(False)
    page.reload()
    expect(form.locator("[name=attendees]")).to_have_value("14")
    expect(form.locator("[name=notes]")).to_have_value("Pemetaan aset tanpa sinyal.")
    expect(banner).to_have_attribute("data-state", "waiting")
    expect(banner).to_contain_text("Belum terkirim")
    assert not Visit.objects.exists()

    # The signal returns: the draft is sent, the server's page follows, nothing is left on the phone.
    page.unroute(re.compile(r".*/visits/new/$"))
    page.context.set_offline(True)
    page.context.set_offline(False)  # the browser's "online" event
    expect(page.get_by_test_id("visit-row")).to_have_count(1)
    expect(page.get_by_test_id("draft-sent")).to_contain_text("Terkirim: kunjungan ke BLK Komunitas Al-Hikmah Bekasi")
    expect(page.get_by_test_id("draft-banner")).to_have_count(0)
    visit = Visit.objects.get()
    assert (visit.centre, visit.facilitator, visit.attendees) == (centre, facilitator, 14)
    assert visit.notes == "Pemetaan aset tanpa sinyal."
    assert page.evaluate(DRAFT_KEYS) == []

    # A draft typed and never sent is removed when its user signs out (the phone may be shared).
    page.goto(url)
    form.locator("[name=notes]").fill("Catatan yang belum dikirim.")
    assert len(page.evaluate(DRAFT_KEYS)) == 1
    page.locator(".navbar-toggler").click()  # the phone's menu holds the sign-out button
    # Bootstrap marks the menu "show" when its opening animation has ended: a click while it still slides
    # open can land before the button is in place (the sign-out then never left, twice on a loaded CI).
    expect(page.locator("#mainnav.show")).to_have_count(1)
    sign_out = page.get_by_role("button", name="Keluar")
    expect(sign_out).to_be_visible()
    # The sign-out POST is awaited by itself, so that a failure says whether the click sent nothing or
    # the server did not answer.
    with page.expect_response(re.compile(r".*/accounts/logout/$"), timeout=30_000):
        sign_out.click()
    page.wait_for_url(re.compile(r".*/accounts/login/.*"), timeout=30_000)
    assert page.evaluate(DRAFT_KEYS) == []


def test_assessment_answers_chosen_without_signal_wait_on_the_device_and_are_sent_when_it_returns(
    page: Page, live_server
) -> None:
    centre = make_incubator(name="BLK Komunitas Darul Ulum Bekasi")
    assessor = make_user(Role.FACILITATOR)
    assessment = assigned(open_round(), centre, assessor)
    first, second = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).order_by("pk")[:2]
    sign_in(page, live_server.url, assessor.username)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    banner = page.get_by_test_id("draft-banner")
    expect(banner).to_be_hidden()

    page.context.set_offline(True)
    # Each answer is saved as it is chosen (htmx): without signal that fails, and the answer waits.
    page.get_by_test_id(f"indicator-{first.code}").locator(f"label[for='v-{first.pk}-{first.scale_max}']").click()
    expect(banner).to_have_attribute("data-state", "waiting")
    expect(banner).to_contain_text("Belum terkirim: jawaban asesmen BLK Komunitas Darul Ulum Bekasi")
    page.locator(f"[name=note-{second.pk}]").fill("Dokumen SOP belum ada.")
    page.get_by_test_id(f"indicator-{second.code}").locator(f"label[for='v-{second.pk}-{second.scale_min}']").click()
    page.get_by_test_id("save-draft").click()
    expect(banner).to_have_attribute("data-state", "waiting")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not Answer.objects.filter(assessment=assessment).exists()

    # Kept open until the signal returns: everything typed is sent as one draft save.
    page.context.set_offline(False)
    expect(page.get_by_test_id("draft-sent")).to_be_visible()
    expect(page.get_by_test_id("draft-banner")).to_be_hidden()
    expect(page.locator(f"#v-{first.pk}-{first.scale_max}")).to_be_checked()
    answer = Answer.objects.get(assessment=assessment, indicator=first)
    assert answer.value == first.scale_max
    second_answer = Answer.objects.get(assessment=assessment, indicator=second)
    assert (second_answer.value, second_answer.note) == (second.scale_min, "Dokumen SOP belum ada.")
    assert page.evaluate(DRAFT_KEYS) == []


def test_a_draft_sent_after_someone_else_changed_the_record_shows_the_conflict(page: Page, live_server) -> None:
    """Asset mapping (a core-screens edit form with an edit_version) opts in too: the late draft gets 409."""
    centre = make_incubator(name="BLK Komunitas Al-Hikmah Bekasi")
    asset = AssetFactory(centre=centre, name="Mesin Jahit", quantity=10)
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    sign_in(page, live_server.url, manager.username)
    page.goto(f"{live_server.url}/centres/{centre.code}/assets/{asset.pk}/edit/")
    form = page.get_by_test_id("mapping-form")
    banner = page.get_by_test_id("draft-banner")

    page.context.set_offline(True)
    form.locator("[name=quantity]").fill("12")
    page.get_by_test_id("save").click()
    expect(banner).to_have_attribute("data-state", "waiting")
    expect(banner).to_contain_text("Belum terkirim")
    asset_update(asset=Asset.objects.get(pk=asset.pk), quantity=9)  # a colleague, meanwhile, with signal

    page.context.set_offline(False)
    # The server answers 409: its form (the colleague's value shown, a new version) replaces the draft's.
    expect(page.get_by_test_id("draft-banner")).to_have_attribute("data-state", "conflict")
    expect(page.get_by_test_id("draft-banner")).to_contain_text("Tidak terkirim")
    expect(page.get_by_test_id("mapping-form").locator("[name=quantity]")).to_have_value("12")
    assert Asset.objects.get(pk=asset.pk).quantity == 9

    page.get_by_test_id("save").click()  # seen, and kept: theirs
    expect(page).to_have_url(f"{live_server.url}/centres/{centre.code}/?tab=assets")
    assert Asset.objects.get(pk=asset.pk).quantity == 12
    assert page.evaluate(DRAFT_KEYS) == []
