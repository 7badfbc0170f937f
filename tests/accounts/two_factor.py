"""Helpers for tests that run with two-factor sign-in enforced (``settings.TWO_FACTOR_REQUIRED_ROLES``).

The test settings enforce it for nobody, so ``client.force_login(admin)`` works everywhere else. A test
about a page as it behaves in production turns it on with the ``two_factor_enforced`` fixture and signs
in with :func:`force_login_verified` (or goes through the real pages, as test_two_factor.py does).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PRODUCTION_ROLES = ["ministry_admin", "regional_coordinator"]


@pytest.fixture
def two_factor_enforced(settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = PRODUCTION_ROLES


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows (``steps_ahead`` × 30 s later: a code is accepted only once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def force_login_verified(client: Client, user: Any) -> TOTPDevice:
    """``force_login`` plus a session that has passed the second factor with a (new) authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
