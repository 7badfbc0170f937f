"""Showing a TOTP secret to the person setting it up: a QR code drawn here (SVG, no outside service) and
the secret as text; and the demo accounts' published secret (DEBUG only)."""

from __future__ import annotations

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# The demo accounts' authenticator secret (``manage.py demo_data`` enrols admin, korwil and korwil.ntt
# with it). Published on purpose in the README and, with DEBUG on, on the sign-in page: demo data only.
DEMO_TOTP_SECRET = "INKUBATORDEMOBLKKINKUBATORDEMO23"  # noqa: S105
_SVG_SIZE = re.compile(r'^<svg width="[^"]+" height="[^"]+"')


def base32_secret(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(text: str) -> SafeString:
    """``text`` (an ``otpauth://`` URL) as an inline SVG QR code, 220 px wide, drawn on this server."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    svg = _SVG_SIZE.sub('<svg width="220" height="220" role="img" class="bg-white d-block"', svg)
    # Our own library's output of our own data: no user-typed markup can reach it.
    return mark_safe(svg)  # noqa: S308


def demo_code(device: TOTPDevice | None) -> str | None:
    """With DEBUG on, the code a demo account's app would show now (so nobody trying the demo is stuck)."""
    if not settings.DEBUG or device is None or b32encode(device.bin_key).decode() != DEMO_TOTP_SECRET:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def demo_config_qr() -> SafeString:
    """The QR code of the demo secret, for the sign-in page in DEBUG."""
    return qr_svg(f"otpauth://totp/Inkubator%20demo?secret={DEMO_TOTP_SECRET}&issuer=Inkubator%20demo")
