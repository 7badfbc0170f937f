"""In a real browser: the ministry records a partner's contribution and publishes its offer; a coach
proposes a tenant to it; the partner's user signs in, finds it waiting on its home, accepts it and
records the outcome; the tenant's page shows it. Selectors are test ids and form field names."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from inkubator.matching.choices import MatchStatus
from inkubator.matching.models import Contribution, Match, Offer
from tests.e2e.test_roles import sign_in
from tests.factories import PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant


def test_ministry_offer_coach_proposes_partner_accepts_and_records_the_outcome(page: Page, live_server) -> None:
    bank = PartnerFactory(name="PT Bank Rakyat Indonesia (Persero) Tbk", kind="bank")
    centre = make_incubator(name="BLK Komunitas Al-Ikhlas Bekasi")
    tenant = make_tenant(incubator=centre, business_name="Keripik Tempe Bu Sri")
    admin = make_user(Role.MINISTRY_ADMIN)
    coach = make_user(Role.CENTRE_MANAGER, centres=[centre])
    mitra = make_user(Role.PARTNER, partner=bank)
    url = live_server.url

    sign_in(page, url, admin.username)
    page.goto(f"{url}/matching/contributions/new/")
    form = page.get_by_test_id("contribution-form")
    form.locator("[name=partner]").select_option(str(bank.pk))
    form.locator("[name=kind]").select_option("funding")
    form.locator("[name=title]").fill("Dana pelatihan instruktur")
    form.locator("[name=centre]").fill(centre.code)
    form.locator("[name=value]").fill("25000000")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("contribution-table")).to_contain_text("Dana pelatihan instruktur")
    assert Contribution.objects.get().centre == centre

    page.goto(f"{url}/matching/offers/new/")
    form = page.get_by_test_id("offer-form")
    form.locator("[name=partner]").select_option(str(bank.pk))
    form.locator("[name=kind]").select_option("finance")
    form.locator("[name=title]").fill("KUR Mikro BRI 2026")
    form.locator("[name=status]").select_option("published")
    form.locator("[name=scheme]").fill("KUR Mikro")
    form.locator("[name=slots]").fill("10")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("offer-status")).to_be_visible()
    offer = Offer.objects.get(title="KUR Mikro BRI 2026")

    page.context.clear_cookies()
    sign_in(page, url, coach.username)
    page.goto(f"{url}/incubation/tenants/{tenant.pk}/")
    page.get_by_test_id("tenant-offers").click()
    expect(page.get_by_test_id(f"offer-{offer.pk}")).to_be_visible()
    page.get_by_test_id(f"offer-{offer.pk}").locator("[name=note]").fill("Omzet stabil enam bulan")
    page.get_by_test_id(f"propose-{offer.pk}").click()
    expect(page.get_by_test_id("match-status")).to_be_visible()
    match = Match.objects.get(tenant=tenant, offer=offer)

    page.context.clear_cookies()
    sign_in(page, url, mitra.username)
    page.goto(f"{url}/")
    expect(page.get_by_test_id("waiting-match")).to_have_count(1)
    page.get_by_test_id("waiting-match").click()
    page.get_by_test_id("match-accept").click()
    form = page.get_by_test_id("outcome-form")
    form.locator("[name=loan_amount]").fill("30000000")
    page.get_by_test_id("outcome-save").click()
    expect(page.get_by_test_id("match-outcome")).to_be_visible()
    match.refresh_from_db()
    assert (match.status, match.loan_amount, match.answered_by) == (MatchStatus.OUTCOME, 30_000_000, mitra)
    assert page.goto(f"{url}/incubation/tenants/{tenant.pk}/").status == 404  # a partner sees no tenant page

    page.context.clear_cookies()
    sign_in(page, url, coach.username)
    page.goto(f"{url}/incubation/tenants/{tenant.pk}/")
    expect(page.get_by_test_id("tenant-match")).to_contain_text("KUR Mikro BRI 2026")
