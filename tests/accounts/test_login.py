"""Sign in and out, in Indonesian by default and English on request; throttled; sessions end."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from inkubator.core.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def test_login_page_is_indonesian_by_default(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'lang="id"' in response.content.decode()
    assert "Masuk" in response.content.decode()


def test_language_switch_to_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN}, follow=True)
    body = response.content.decode()
    assert 'lang="en"' in body
    assert "Sign in to Inkubator" in body


def test_login_and_logout(client: Client) -> None:
    user = make_user(Role.ENTREPRENEUR)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:home")
    assert client.get(reverse("dashboards:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_wrong_password_shows_a_translated_error(client: Client) -> None:
    user = make_user(Role.ENTREPRENEUR)
    response = client.post(LOGIN, {"username": user.username, "password": "salah-sekali-99"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_lock_out_after_repeated_failures(client: Client, settings) -> None:
    user = make_user(Role.ENTREPRENEUR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": user.username, "password": "salah-sekali-99"})
    # Even the right password is refused now, from this address, until the cool-off ends.
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client: Client) -> None:
    response = client.get(reverse("centres:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_session_ends_after_its_absolute_lifetime(client: Client, settings) -> None:
    user = make_user(Role.ENTREPRENEUR)
    client.force_login(user)
    assert client.get(reverse("dashboards:home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_session_ends_after_idling(client: Client, settings) -> None:
    client.force_login(make_user(Role.ENTREPRENEUR))
    assert client.get(reverse("dashboards:home")).status_code == 200
    session = client.session
    session[SESSION_SEEN_KEY] -= settings.SESSION_IDLE_SECONDS + 1
    session.save()
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_an_ordinary_page_view_does_not_rewrite_the_session(client: Client, django_assert_max_num_queries) -> None:
    client.force_login(make_user(Role.ENTREPRENEUR))
    client.get(reverse("dashboards:home"))  # records "last seen"
    with django_assert_max_num_queries(10) as ctx:
        client.get(reverse("dashboards:home"))
    assert not any("UPDATE" in q["sql"] and "django_session" in q["sql"] for q in ctx.captured_queries)
