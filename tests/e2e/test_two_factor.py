"""In Chromium: a regional coordinator sets up two-factor sign-in (QR code and secret, first code,
recovery codes), then signs in again with a code from the app."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from tests.accounts.two_factor import PRODUCTION_ROLES
from tests.e2e.test_roles import sign_in
from tests.factories import make_user


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the secret typed from the page (base32 in groups)."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_set_up_then_sign_in_with_a_code(page: Page, live_server, settings) -> None:  # noqa: ANN001
    settings.TWO_FACTOR_REQUIRED_ROLES = PRODUCTION_ROLES
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"], username="korwil.uji")
    violations: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else violations.append(r.url))

    sign_in(page, live_server.url, user.username)
    expect(page.get_by_role("heading", name="Siapkan masuk dua faktor")).to_be_visible()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()  # drawn by the server, no CDN
    secret = page.get_by_test_id("secret").inner_text().strip()
    page.get_by_label("Kode").fill("000000")
    page.get_by_role("button", name="Konfirmasi dan lanjutkan").click()
    expect(page.get_by_test_id("code-error")).to_be_visible()
    page.get_by_label("Kode").fill(app_code(secret))
    page.get_by_role("button", name="Konfirmasi dan lanjutkan").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_test_id("continue").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Siapkan masuk dua faktor")).to_have_count(0)

    page.context.clear_cookies()  # a new sign-in, another day
    sign_in(page, live_server.url, user.username)
    expect(page.get_by_role("heading", name="Masuk dua faktor")).to_be_visible()
    page.get_by_label("Kode").fill(app_code(secret, steps_ahead=1))  # the first code is used up
    page.get_by_role("button", name="Verifikasi").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/centres/")
    expect(page).to_have_url(f"{live_server.url}/centres/")
    assert violations == []
