"""In a real browser (phone-sized, Indonesian UI): an incubator's manager moves a tenant to incubation and
records a coaching session; the entrepreneur signs in on the phone and reports a month's figures.
Selectors are test ids and form field names, not text."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from inkubator.incubation.choices import Stage
from inkubator.incubation.models import CoachingAction, CoachingSession, MonthlyReport, Tenant
from tests.e2e.test_roles import sign_in
from tests.factories import make_user
from tests.incubation.factories import make_incubator, make_tenant


def test_coach_moves_and_coaches_then_entrepreneur_reports_from_a_phone(page: Page, live_server) -> None:
    centre = make_incubator(name="BLK Komunitas Al-Ikhlas Bekasi")
    coach = make_user(Role.CENTRE_MANAGER, centres=[centre])
    owner = make_user(Role.ENTREPRENEUR)
    tenant = make_tenant(incubator=centre, entrepreneur=owner, business_name="Keripik Tempe Bu Sri")
    other = make_tenant(incubator=make_incubator(name="BLK Komunitas Lain"))

    sign_in(page, live_server.url, coach.username)
    page.goto(f"{live_server.url}/incubation/")
    expect(page.get_by_test_id(f"count-{Stage.PRE}")).to_have_text("1")
    page.get_by_test_id(f"move-{tenant.pk}").click()
    form = page.get_by_test_id("move-form")
    form.locator("[name=to_stage]").select_option(Stage.INCUBATION)
    form.locator("[name=reason]").fill("Lolos seleksi dan rencana usaha disetujui")
    page.get_by_test_id("save").click()
    expect(page).to_have_url(f"{live_server.url}/incubation/tenants/{tenant.pk}/")
    expect(page.get_by_test_id("move")).to_have_count(2)
    assert Tenant.objects.get(pk=tenant.pk).stage == Stage.INCUBATION

    page.get_by_test_id("add-session").click()
    form = page.get_by_test_id("session-form")
    form.locator("[name=topic]").fill("Pembukuan sederhana")
    form.locator("[name=notes]").fill("Belum memisahkan uang usaha dan rumah tangga.")
    form.locator("[name=action_1]").fill("Buka buku kas harian")
    due = timezone.localdate() + datetime.timedelta(days=14)
    form.locator("[name=due_1]").fill(due.isoformat())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("session")).to_have_count(1)
    expect(page.get_by_test_id("action")).to_have_count(1)
    session = CoachingSession.objects.get(tenant=tenant)
    assert session.coach == coach and CoachingAction.objects.get(session=session).due_on == due
    assert page.goto(f"{live_server.url}/incubation/tenants/{other.pk}/").status == 404

    page.context.clear_cookies()
    sign_in(page, live_server.url, owner.username)
    page.goto(f"{live_server.url}/incubation/my-business/")
    expect(page.get_by_test_id("business-name")).to_have_text("Keripik Tempe Bu Sri")
    page.get_by_test_id("report-figures").click()
    form = page.get_by_test_id("report-form")
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    form.locator("[name=month]").fill(f"{month:%Y-%m}")
    form.locator("[name=revenue]").fill("-100")
    form.locator("[name=costs]").fill("2100000")
    form.locator("[name=workers]").fill("3")
    form.locator("[name=customers]").fill("42")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("error-revenue")).to_be_visible()
    page.get_by_test_id("report-form").locator("[name=revenue]").fill("4750000")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("report-row")).to_have_count(1)
    expect(page.get_by_test_id("report-row")).to_contain_text("Rp 4.750.000")
    report = MonthlyReport.objects.get(tenant=tenant)
    assert report.month == month and report.reported_by == owner
    assert page.goto(f"{live_server.url}/incubation/tenants/{other.pk}/").status == 404
