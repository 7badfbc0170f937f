"""In a real browser (phone-sized, Indonesian UI): a coordinator builds a plan, runs the assignment, moves a
centre by hand, re-runs and the override stays; a facilitator logs a visit from the phone with its GPS point.
Selectors are test ids and form field names, not English text."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.mentoring.models import Assignment, Plan, Visit
from inkubator.regions.models import Regency
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user
from tests.mentoring.factories import FacilitatorFactory, make_active_plan
from tests.mentoring.test_visits import _png


def _centre(name: str, regency: str, cluster: str) -> Centre:
    centre = CentreFactory(name=name, regency=Regency.objects.get(code=regency))
    Centre.objects.filter(pk=centre.pk).update(cluster=cluster)
    return centre


def test_coordinator_plans_overrides_and_reoptimises(page: Page, live_server) -> None:
    bekasi = [_centre(f"BLK Komunitas Bekasi {i}", "32.16", "berdaya") for i in range(3)]
    bandung = _centre("BLK Komunitas Bandung", "32.73", "berdaya")
    near = FacilitatorFactory(name="Asep Bekasi", capacity_centres=4)
    far = FacilitatorFactory(name="Euis Bandung", regency=Regency.objects.get(code="32.73"), capacity_centres=4)
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    sign_in(page, live_server.url, korwil.username)

    page.goto(f"{live_server.url}/mentoring/plans/new/?cluster=berdaya")
    expect(page.get_by_test_id("pick-centre")).to_have_count(4)
    form = page.get_by_test_id("plan-form")
    form.locator("[name=name]").fill("Pendampingan Jawa Barat 2026")
    form.locator("[name=period_start]").fill("2026-02-01")
    form.locator("[name=period_end]").fill("2026-07-31")
    page.get_by_test_id("pick-all").check()
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("plan-name")).to_have_text("Pendampingan Jawa Barat 2026")
    plan = Plan.objects.get()

    page.get_by_test_id("run-assignment").click()
    expect(page.get_by_test_id("plan-figures")).to_be_visible()
    expect(page.get_by_test_id("map-centre")).to_have_count(4)
    row = page.locator(f'[data-testid=entry-row][data-centre="{bekasi[0].code}"]')
    expect(row.get_by_test_id("entry-facilitator")).to_contain_text("Asep Bekasi")

    # Move one Bekasi centre to the Bandung facilitator by hand.
    row.get_by_test_id("entry-change").click()
    page.get_by_test_id("entry-form").locator("[name=facilitator]").select_option(str(far.pk))
    page.get_by_test_id("save").click()
    row = page.locator(f'[data-testid=entry-row][data-centre="{bekasi[0].code}"]')
    expect(row.get_by_test_id("entry-facilitator")).to_contain_text("Euis Bandung")
    expect(row.get_by_test_id("manual-badge")).to_be_visible()

    # Re-optimise: the override stays, the rest is still optimal.
    page.get_by_test_id("run-assignment").click()
    expect(page.get_by_test_id("plan-figures")).to_be_visible()
    row = page.locator(f'[data-testid=entry-row][data-centre="{bekasi[0].code}"]')
    expect(row.get_by_test_id("entry-facilitator")).to_contain_text("Euis Bandung")
    expect(row.get_by_test_id("manual-badge")).to_be_visible()
    pairs = {a.plan_centre.centre_id: (a.facilitator_id, a.is_manual) for a in Assignment.objects.filter(plan=plan)}
    assert pairs[bekasi[0].pk] == (far.pk, True)
    assert pairs[bekasi[1].pk] == (near.pk, False) and pairs[bandung.pk] == (far.pk, False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_facilitator_logs_a_visit_from_a_phone(page: Page, live_server, settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path  # the photo is written to a temporary folder
    mine = _centre("BLK Komunitas Al-Hikmah Bekasi", "32.16", "binaan")
    other = _centre("BLK Komunitas Darul Ulum Surabaya", "35.78", "binaan")
    user = make_user(Role.FACILITATOR)
    facilitator = FacilitatorFactory(name="Dewi Lestari", user=user)
    make_active_plan([mine], facilitator)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": -6.2411, "longitude": 107.1234})
    sign_in(page, live_server.url, user.username)

    page.goto(f"{live_server.url}/mentoring/schedule/")
    expect(page.get_by_test_id("schedule-row")).to_have_count(1)
    page.get_by_test_id("schedule-row").get_by_role("link").click()
    page.get_by_test_id("log-visit").click()
    form = page.get_by_test_id("visit-form")
    expect(form.locator("[name=latitude]")).to_have_value("-6.24110")
    form.locator("[name=attendees]").fill("14")
    form.locator("[name=notes]").fill("Pemetaan aset dan instruktur bersama pengelola.")
    form.locator("[name=photos]").set_input_files(
        files=[{"name": "bengkel.png", "mimeType": "image/png", "buffer": _png()}]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("save").click()

    expect(page.get_by_test_id("visit-row")).to_have_count(1)
    expect(page.get_by_test_id("visit-photo")).to_have_count(1)
    visit = Visit.objects.get()
    assert (visit.centre, visit.facilitator, visit.attendees) == (mine, facilitator, 14)
    assert str(visit.latitude) == "-6.24110" and str(visit.longitude) == "107.12340"

    response = page.goto(f"{live_server.url}/mentoring/centres/{other.code}/visits/new/")
    assert response.status == 404
