"""In a real browser: the ministry drills from the national map to a centre and downloads its PDF profile."""

from __future__ import annotations

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user
from tests.training.factories import BatchFactory, EnrollmentFactory


def test_admin_clicks_a_province_on_the_map_reaches_a_centre_and_opens_its_profile(page: Page, live_server) -> None:
    centre = CentreFactory(name="BLK Komunitas Nurul Huda Bekasi", regency=Regency.objects.get(code="32.16"))
    CentreFactory(name="BLK Komunitas Darul Ulum Surabaya", regency=Regency.objects.get(code="35.78"))
    for _ in range(6):
        EnrollmentFactory(batch=BatchFactory(centre=centre))
    admin = make_user(Role.MINISTRY_ADMIN)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, admin.username)
    page.get_by_test_id("open-dashboard").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Indonesia")
    # The trend chart is drawn once Chart.js, fetched after the page is shown, has arrived.
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('trend-chart'))")
    page.locator('[data-testid="nation-map"] a[data-province="32"]').click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Jawa Barat")
    page.get_by_test_id("children").get_by_role("link", name="Kabupaten Bekasi").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Kabupaten Bekasi")
    page.get_by_test_id("children").get_by_role("link", name=centre.name).click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text(centre.name)
    link = page.get_by_test_id("profile-pdf")
    expect(link).to_be_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))  # with the browser's own session
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert centre.name in "\n".join(p.extract_text() for p in reader.pages)


def test_the_public_dashboard_opens_without_signing_in_on_a_phone(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_test_id("public-link").click()
    expect(page.get_by_test_id("public-title")).to_be_visible()
    expect(page.locator('[data-testid="nation-map"]')).to_be_visible()
