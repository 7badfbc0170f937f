"""In a real browser on a phone (390x844, Indonesian UI): a centre manager maps an asset of their own
centre and cannot open another centre. Selectors are test ids and form field names, not English text."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from inkubator.centres.models import Asset
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user


def test_manager_adds_an_asset_from_a_phone_and_cannot_open_another_centre(page: Page, live_server) -> None:
    mine = CentreFactory(name="BLK Komunitas Al-Hikmah Bekasi", regency=Regency.objects.get(code="32.16"))
    other = CentreFactory(name="BLK Komunitas Darul Ulum Surabaya", regency=Regency.objects.get(code="35.78"))
    manager = make_user(Role.CENTRE_MANAGER, centres=[mine])
    sign_in(page, live_server.url, manager.username)
    expect(page.get_by_test_id("my-centre")).to_have_text(mine.name)

    page.locator(f'a[href="/centres/{mine.code}/"]').first.click()
    expect(page.get_by_test_id("centre-name")).to_have_text(mine.name)
    expect(page.get_by_test_id("map-pin")).to_have_count(1)  # the regency's point: approximate

    page.get_by_test_id("tab-assets").click()  # htmx swaps the tab in
    expect(page.get_by_test_id("tab-pane-assets")).to_be_visible()
    page.get_by_test_id("add-asset").click()

    form = page.get_by_test_id("mapping-form")
    form.locator("[name=kind]").select_option("equipment")
    form.locator("[name=name]").fill("Mesin Jahit Juki DDL-8700")
    form.locator("[name=quantity]").fill("8")
    form.locator("[name=condition]").select_option("light_damage")
    form.locator("[name=year_acquired]").fill("2022")
    form.locator("[name=source]").select_option("ministry")
    form.locator("[name=estimated_value]").fill("36000000")
    # The form fits the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("save").click()

    expect(page).to_have_url(f"{live_server.url}/centres/{mine.code}/?tab=assets")
    row = page.get_by_test_id("asset-row").filter(has_text="Mesin Jahit Juki DDL-8700")
    expect(row).to_be_visible()
    expect(row.get_by_test_id("asset-quantity")).to_have_text("8")
    expect(row.get_by_test_id("asset-value")).to_have_text("Rp 36.000.000")
    expect(page.get_by_role("alert")).to_be_visible()  # the flash message
    assert Asset.objects.get(centre=mine).name == "Mesin Jahit Juki DDL-8700"

    response = page.goto(f"{live_server.url}/centres/{other.code}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/centres/{other.code}/assets/new/")
    assert response.status == 404
