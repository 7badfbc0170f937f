"""In a real browser, each role signs in and lands on its own home; the language switch works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import PASSWORD, CentreFactory, PartnerFactory, make_user

HOME_TITLES = {
    Role.MINISTRY_ADMIN: "Ikhtisar nasional",
    Role.REGIONAL_COORDINATOR: "Ikhtisar wilayah",
    Role.FACILITATOR: "Pendampingan saya",
    Role.CENTRE_MANAGER: "BLK Komunitas saya",
    Role.ENTREPRENEUR: "Usaha saya",
    Role.PARTNER: "Kemitraan",
}


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.mark.parametrize("role", list(HOME_TITLES))
def test_each_role_signs_in_to_its_own_home(page: Page, live_server, role: str) -> None:
    bekasi = CentreFactory(name="BLK Komunitas Al-Hikmah Bekasi", regency=Regency.objects.get(code="32.16"))
    CentreFactory(name="BLK Komunitas Darul Ulum Surabaya", regency=Regency.objects.get(code="35.78"))
    scope = {
        Role.REGIONAL_COORDINATOR: {"provinces": ["32"]},
        Role.FACILITATOR: {"centres": [bekasi]},
        Role.CENTRE_MANAGER: {"centres": [bekasi]},
        Role.PARTNER: {"partner": PartnerFactory(name="PT Mitra Jaya")},
    }.get(role, {})
    user = make_user(role, **scope)
    sign_in(page, live_server.url, user.username)
    expect(page.get_by_test_id("home-title")).to_have_text(HOME_TITLES[role])
    expect(page.get_by_test_id("whoami")).to_contain_text(user.username)
    if role == Role.CENTRE_MANAGER:
        expect(page.get_by_test_id("my-centre")).to_have_text("BLK Komunitas Al-Hikmah Bekasi")
    if role == Role.REGIONAL_COORDINATOR:
        expect(page.get_by_test_id("stat-centres")).to_have_text("1")


def test_coordinator_cannot_open_a_centre_of_another_province(page: Page, live_server) -> None:
    surabaya = CentreFactory(regency=Regency.objects.get(code="35.78"))
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    sign_in(page, live_server.url, user.username)
    response = page.goto(f"{live_server.url}/centres/{surabaya.code}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()


def test_wrong_password_then_language_switch_then_sign_out(page: Page, live_server) -> None:
    user = make_user(Role.MINISTRY_ADMIN)
    sign_in(page, live_server.url, user.username, "salah-sekali-99")
    expect(page.get_by_test_id("login-error")).to_contain_text("kata sandi")
    page.get_by_label("Bahasa").select_option("en")
    expect(page.get_by_role("heading", name="Sign in to Inkubator")).to_be_visible()
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("home-title")).to_have_text("National overview")
    # On a phone the menu is collapsed behind the toggler; wait until it has finished opening
    # (Bootstrap swaps "collapsing" for "collapse show"), or the click can land mid-animation.
    page.get_by_role("button", name="Open menu").click()
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"\bcollapse show\b"))
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Inkubator")).to_be_visible()
