"""Two-factor sign-in for ministry admins and regional coordinators: forced set-up, a code at every
sign-in, recovery codes shown once, an audited reset by another admin; enforced by production settings."""

from __future__ import annotations

import subprocess
import sys

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from inkubator.accounts.checks import two_factor_roles_check
from inkubator.accounts.models import RecoveryCode
from inkubator.accounts.services import two_factor_enrol_known_secret, two_factor_reset
from inkubator.accounts.two_factor import DEMO_TOTP_SECRET
from inkubator.core.roles import Role
from tests.accounts.two_factor import force_login_verified, totp_code, two_factor_enforced  # noqa: F401
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_enforced")]
LOGIN = "/accounts/login/"
HOME = reverse("dashboards:home")


def sign_in(client: Client, user) -> str:  # noqa: ANN001
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(HOME)["Location"]


def enrol(client: Client, user) -> list[str]:  # noqa: ANN001
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": totp_code(device)})
    assert response.status_code == 200
    return response.context["codes"]


@pytest.mark.parametrize("role", [Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR])
def test_first_sign_in_forces_set_up_and_every_page_waits(client: Client, role: str) -> None:
    scope = {"provinces": ["32"]} if role == Role.REGIONAL_COORDINATOR else {}
    user = make_user(role, **scope)
    assert sign_in(client, user) == reverse("accounts:two_factor_setup")
    for url in (reverse("centres:list"), reverse("accounts:security")):
        assert client.get(url)["Location"].startswith(reverse("accounts:two_factor_setup"))
    api = client.get(reverse("api:centre-list"))
    assert api.status_code == 403 and "dua faktor" in api.json()["detail"]
    page = client.get(reverse("accounts:two_factor_setup"))
    body = page.content.decode()
    assert "<svg" in body and 'data-testid="secret"' in body and "http" not in page.context["qr"].split("xmlns")[0]
    assert "no-store" in page["Cache-Control"]


def test_set_up_shows_recovery_codes_once_and_then_a_code_is_asked_at_each_sign_in(client: Client) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    sign_in(client, admin)
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400 and "Kode salah" in wrong.content.decode()
    codes = enrol(client, admin)
    assert len(codes) == 10 and len(set(codes)) == 10 and all(len(c) == 29 for c in codes)
    assert not RecoveryCode.objects.filter(digest__in=codes).exists()  # only digests are kept
    assert client.get(HOME).status_code == 200
    assert LogEntry.objects.get_for_object(admin).filter(changes__icontains="enrolled").exists()

    client.post(reverse("accounts:logout"))
    assert sign_in(client, admin) == reverse("accounts:two_factor")
    device = TOTPDevice.objects.get(user=admin, confirmed=True)
    assert client.post(reverse("accounts:two_factor"), {"code": "123456"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp made the next try wait; a test does not
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("accounts:two_factor"), {"code": totp_code(device, steps_ahead=1)})
    assert response.status_code == 302 and client.get(HOME).status_code == 200


def test_a_recovery_code_works_once_and_its_use_is_audited(client: Client) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    sign_in(client, admin)
    codes = enrol(client, admin)
    for attempt in range(2):
        client.post(reverse("accounts:logout"))
        sign_in(client, admin)
        response = client.post(reverse("accounts:two_factor"), {"code": codes[0].upper()})
        assert response.status_code == (302 if attempt == 0 else 400)
    assert RecoveryCode.objects.filter(device__user=admin).count() == 9
    assert LogEntry.objects.get_for_object(admin).filter(changes__icontains="recovery code").exists()


def test_roles_that_do_not_need_it_are_not_asked(client: Client) -> None:
    user = make_user(Role.ENTREPRENEUR)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert client.get(HOME).status_code == 200


def test_a_ministry_admin_resets_it_with_a_reason(client: Client) -> None:
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    two_factor_enrol_known_secret(user=korwil, base32_secret=DEMO_TOTP_SECRET)
    admin = make_user(Role.MINISTRY_ADMIN)
    force_login_verified(client, admin)
    url = reverse("accounts:user_security", args=[korwil.pk])
    assert client.post(url, {"action": "reset", "reason": "hilang"}).status_code == 400  # too short a reason
    response = client.post(url, {"action": "reset", "reason": "HP hilang, dikonfirmasi lewat telepon"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=korwil).exists()
    entry = LogEntry.objects.get_for_object(korwil).filter(actor=admin).latest("pk")
    assert entry.changes["two_factor"] == ["enrolled", "reset: HP hilang, dikonfirmasi lewat telepon"]
    # Back to set-up at their next sign-in.
    other = Client()
    assert sign_in(other, korwil) == reverse("accounts:two_factor_setup")


def test_nobody_resets_their_own() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    with pytest.raises(ValidationError, match="sendiri"):
        two_factor_reset(user=admin, actor=admin, reason="HP hilang, dikonfirmasi lewat telepon")
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    with pytest.raises(ValidationError, match="Hanya administrator kementerian"):
        two_factor_reset(user=admin, actor=korwil, reason="HP hilang, dikonfirmasi lewat telepon")


@pytest.mark.parametrize(
    ("role", "scope"),
    [(Role.REGIONAL_COORDINATOR, {"provinces": ["32"]}), (Role.ENTREPRENEUR, {}), (Role.FACILITATOR, {})],
)
def test_other_roles_get_404_on_the_users_pages(client: Client, role: str, scope: dict) -> None:
    target = make_user(Role.ENTREPRENEUR)
    force_login_verified(client, make_user(role, **scope))
    assert client.get(reverse("accounts:users_security")).status_code == 404
    assert client.get(reverse("accounts:user_security", args=[target.pk])).status_code == 404
    assert client.post(reverse("accounts:user_security", args=[target.pk]), {"action": "reset"}).status_code == 404


def test_the_admin_list_shows_who_has_set_it_up(client: Client) -> None:
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"], username="korwil.jabar")
    force_login_verified(client, make_user(Role.MINISTRY_ADMIN))
    page = client.get(reverse("accounts:users_security"), {"q": "korwil"})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert [u.username for u in page.context["page"]] == [korwil.username]


def test_the_admin_list_reads_a_page_in_the_same_queries_at_5_and_60_users(client: Client) -> None:
    from tests.screens import assert_queries_flat

    admin = make_user(Role.MINISTRY_ADMIN)
    force_login_verified(client, admin)
    # 60 users more than fill the 50 of a page; the admin is one of them.
    assert_queries_flat(
        client,
        reverse("accounts:users_security"),
        lambda n: [make_user(Role.ENTREPRENEUR) for _ in range(n)],
        small=4,
        large=59,
    )


def test_demo_accounts_get_the_published_secret_shown_only_with_debug(client: Client, settings) -> None:  # noqa: ANN001
    korwil = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    device = two_factor_enrol_known_secret(user=korwil, base32_secret=DEMO_TOTP_SECRET)
    assert DEMO_TOTP_SECRET not in client.get(LOGIN).content.decode()
    settings.DEBUG = True
    assert DEMO_TOTP_SECRET in client.get(LOGIN).content.decode()
    sign_in(client, korwil)
    page = client.get(reverse("accounts:two_factor"))
    assert page.context["demo_code"] == totp_code(device)


def test_production_settings_enforce_it() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(','.join(settings.TWO_FACTOR_REQUIRED_ROLES))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert set(out.stdout.strip().split(",")) >= {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR}


def test_the_deploy_check_fails_when_a_role_is_dropped(settings) -> None:  # noqa: ANN001
    assert two_factor_roles_check() == []
    settings.TWO_FACTOR_REQUIRED_ROLES = [Role.MINISTRY_ADMIN]
    assert [e.id for e in two_factor_roles_check()] == ["inkubator.E001"]


def test_roles_that_do_not_need_it_cannot_half_set_it_up(client: Client) -> None:
    client.force_login(make_user(Role.ENTREPRENEUR))
    assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse("accounts:security")
    assert not TOTPDevice.objects.exists()
