"""The main menu (``{% main_menu %}``, written in Python and kept per menu and language) on real pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _menu(html: str) -> str:
    return html[html.index('<ul class="navbar-nav me-auto">') : html.index('data-testid="whoami"')]


def test_the_page_shown_is_marked_and_only_it(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    centres = _menu(client.get(reverse("centres:list")).content.decode())
    assert re.findall(r'<a class="[^"]* active" href="([^"]+)" aria-current="page">', centres) == [
        reverse("centres:list")
    ]
    assert 'class="dropdown-menu"' in centres  # the ministry's menu has groups
    # The same menu, kept from the page before, marks the other page now.
    batches = _menu(client.get(reverse("training:batches")).content.decode())
    assert re.findall(r'href="([^"]+)" aria-current="page"', batches) == [reverse("training:batches")]
    assert batches.count("aria-current") == 1


def test_each_role_and_language_its_own_menu(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    admin = _menu(client.get(reverse("centres:list")).content.decode())
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    coordinator = _menu(client.get(reverse("centres:list")).content.decode())
    assert admin != coordinator
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    english = _menu(client.get(reverse("centres:list")).content.decode())
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "id"})
    indonesian = _menu(client.get(reverse("centres:list")).content.decode())
    assert english != indonesian and "Centres" in english and "Centres" not in indonesian
