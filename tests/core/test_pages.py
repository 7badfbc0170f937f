"""Pages work offline (no other host) and errors speak the user's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
# A CDN host name (cdn.jsdelivr.net, cdnjs.cloudflare.com), not "cdn" inside a random token (a CSRF
# token holding those letters made this test fail about once in a few dozen runs).
CDN_HOST = re.compile(r"(?<![a-z0-9])cdn[a-z0-9-]*\.[a-z]", re.IGNORECASE)


def test_no_page_refers_to_another_host(client: Client) -> None:
    centre = CentreFactory()
    pages = [reverse("accounts:login")]
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    pages += [
        reverse("dashboards:home"),
        reverse("centres:list"),
        reverse("centres:detail", args=[centre.code]),
        reverse("audit:list"),
        reverse("regions:search") + "?q=Jatim",
        "/tidak-ada/",
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert not EXTERNAL.search(body), page
        assert not CDN_HOST.search(body), page


def test_404_in_indonesian_and_english(client: Client) -> None:
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


def test_500_page_stands_alone(client: Client) -> None:
    from inkubator.core.views import error_500

    request = client.get("/").wsgi_request
    response = error_500(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_static_vendor_assets_are_served_from_the_app(client: Client) -> None:
    from django.contrib.staticfiles import finders

    for path in [
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/htmx/htmx.min.js",
        "vendor/chart.js/chart.umd.js",
        "vendor/chartjs-chart-geo/index.umd.min.js",
        "inkubator/icons.svg",  # the icons the pages use (the font is not served: core/icons.py)
    ]:
        assert finders.find(path), path


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client: Client) -> None:
    body = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Masuk ke Inkubator" in body
    client.post(reverse("set_language"), {"language": "en"})
    assert "Sign in to Inkubator" in client.get(reverse("accounts:login")).content.decode()
