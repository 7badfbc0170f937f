"""In a real browser on a 390 px phone (Indonesian): a laid-off worker registers without an account,
gets a registration code, and checks their status with NIK and code; a second registration of the
same NIK answers with the first. Selectors are test ids and form field names, not text."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from inkubator.service.models import Registration
from tests.service.factories import NIK, open_wave
from tests.venues.factories import make_venue


def test_a_worker_registers_and_checks_status_from_a_phone(page: Page, live_server, tmp_path) -> None:  # noqa: ANN001
    open_wave()
    bpkk = make_venue("32.16", code="BPKK-BEKASI", name="BPKK Bekasi")
    proof = tmp_path / "surat-phk.pdf"
    proof.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    page.goto(f"{live_server.url}/layanan/")
    form = page.get_by_test_id("registration-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    form.locator("[name=nik]").fill("3216 0101 0190 0001")
    form.locator("[name=name]").fill("Budi Santoso")
    form.locator("[name=birth_date]").fill("1990-01-01")
    form.locator("[name=sex][value=M]").check()
    form.locator("[name=phone]").fill("0812 3456 7890")
    form.locator("[name=regency]").select_option("32.16")
    form.locator("[name=former_employer]").fill("PT Tekstil Maju")
    lost = timezone.localdate() - datetime.timedelta(days=45)
    form.locator("[name=job_lost_on]").fill(lost.isoformat())
    form.locator("[name=reason]").select_option("layoff")
    form.locator("[name=proof]").set_input_files(str(proof))
    form.locator("[name=bpjs_status]").select_option("jkp")
    form.locator("[name=business_idea]").fill("Warung kopi dan roti bakar di depan pabrik")
    form.locator("[name=field]").select_option(label="Tata Boga / Processing")
    form.locator("[name=venue_1]").select_option(str(bpkk.pk))
    form.locator("[name=consent]").check()
    page.get_by_test_id("register-submit").click()

    code = page.get_by_test_id("registration-code")
    expect(code).to_be_visible()
    registration = Registration.objects.get()
    expect(code).to_have_text(registration.code)
    assert registration.proof.name.endswith(".pdf")

    page.goto(f"{live_server.url}/service/status/")
    status = page.get_by_test_id("status-form")
    status.locator("[name=nik]").fill(NIK)
    status.locator("[name=code]").fill(registration.code.lower())
    page.get_by_test_id("status-submit").click()
    expect(page.get_by_test_id("status")).to_have_text(registration.get_status_display())

    status = page.get_by_test_id("status-form")
    status.locator("[name=nik]").fill(NIK)
    status.locator("[name=code]").fill("SALAHKODE1")
    page.get_by_test_id("status-submit").click()
    expect(page.get_by_test_id("status-not-found")).to_be_visible()


def test_the_ministry_allocates_and_the_participant_sees_their_batch(page: Page, live_server) -> None:  # noqa: ANN001
    from inkubator.core.roles import Role
    from tests.e2e.test_roles import sign_in
    from tests.factories import PASSWORD, make_user
    from tests.service.factories import submit

    wave = open_wave()
    make_venue("32.16", code="BPKK-BEKASI", name="BPKK Bekasi", kind="bpkk", capacity_per_wave=10)
    registration = submit(wave).registration  # no rules after the browser tests' flush: eligible
    admin = make_user(Role.MINISTRY_ADMIN)

    sign_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}/service/waves/{wave.pk}/allocation/")
    page.get_by_test_id("allocation-run").click()
    page.get_by_test_id("allocation-enrol").click()
    registration.refresh_from_db()
    assert registration.status == "allocated" and registration.participant.enrollment is not None
    page.context.clear_cookies()

    page.goto(f"{live_server.url}/service/account/")
    form = page.get_by_test_id("account-form")
    form.locator("[name=nik]").fill(NIK)
    form.locator("[name=code]").fill(registration.code)
    form.locator("[name=password1]").fill(PASSWORD)
    form.locator("[name=password2]").fill(PASSWORD)
    page.get_by_test_id("account-submit").click()
    expect(page.get_by_test_id("account-username")).to_have_text(registration.code.lower())

    sign_in(page, live_server.url, registration.code.lower())
    page.goto(f"{live_server.url}/service/my/")
    expect(page.get_by_test_id("my-batch")).to_contain_text(registration.participant.enrollment.batch.code)
    expect(page.get_by_test_id("my-batch")).to_contain_text("BPKK Bekasi")
