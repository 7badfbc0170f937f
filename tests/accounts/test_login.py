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


def test_one_address_trying_many_accounts_is_stopped(client: Client, settings) -> None:
    """Password spraying: a few passwords on many accounts from one address, each account under its own limit."""
    settings.SIGNIN_ADDRESS_FAILURE_LIMIT = 6
    users = [make_user(Role.ENTREPRENEUR) for _ in range(4)]
    for user in users[:3]:
        for _ in range(2):  # under the per-account limit of 5
            assert client.post(LOGIN, {"username": user.username, "password": "Musim-Hujan-2026"}).status_code == 200
    # The address has 6 failures now: even a right password of an untouched account is refused, with a reason.
    response = client.post(LOGIN, {"username": users[3].username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(LOGIN, {"username": users[3].username, "password": PASSWORD}).status_code == 302


def test_a_success_does_not_wipe_the_address_record(client: Client, settings) -> None:
    from inkubator.accounts.throttling import address_failures

    settings.SIGNIN_ADDRESS_FAILURE_LIMIT = 100
    victims, own = [make_user(Role.ENTREPRENEUR) for _ in range(3)], make_user(Role.ENTREPRENEUR)
    for user in victims:
        client.post(LOGIN, {"username": user.username, "password": "Musim-Hujan-2026"})
    assert address_failures("127.0.0.1") == 3
    assert client.post(LOGIN, {"username": own.username, "password": PASSWORD}).status_code == 302
    assert address_failures("127.0.0.1") == 3
