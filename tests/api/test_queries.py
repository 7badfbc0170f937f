"""The centres list costs a fixed number of queries, whatever the page size (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inkubator.centres.services import centre_field_set
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, field, make_user

pytestmark = pytest.mark.django_db

CENTRES = reverse("api:centre-list")

# Queries per request. Session: session row + user; token: token joined with its user. Then the scope
# (``UserScope`` reads the provinces and regencies of every non-admin user, facilitators included),
# the count, the page (host and regions joined), and the page's fields (one prefetch). A list of
# ``core.paging.KEYS_FIRST_FROM`` rows or more reads its page's keys first: one query more.
EXPECTED = {
    ("session", Role.MINISTRY_ADMIN): 5,
    ("token", Role.MINISTRY_ADMIN): 4,
    ("session", Role.REGIONAL_COORDINATOR): 7,
    ("token", Role.REGIONAL_COORDINATOR): 6,
    ("session", Role.FACILITATOR): 5,  # no province/regency reads: a facilitator has none
    ("token", Role.FACILITATOR): 4,
}


def _centres(count: int) -> list:
    regency = Regency.objects.get(code="35.78")
    centres = CentreFactory.create_batch(count, regency=regency)
    for centre in centres:
        centre_field_set(centre=centre, field=field("tik"), capacity=16)
        centre_field_set(centre=centre, field=field("menjahit"), capacity=12)
    return centres


def _user(role: str, centres: list):
    if role == Role.REGIONAL_COORDINATOR:
        return make_user(role, provinces=["35"])
    if role == Role.FACILITATOR:
        return make_user(role, centres=centres)
    return make_user(role)


def _count(client) -> tuple[int, int]:
    # A first request may write the session (SessionLifetimeMiddleware stamps it): measure the steady state.
    client.get(CENTRES, {"page_size": 1})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CENTRES, {"page_size": 200})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("role", [Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR])
def test_centres_list_query_count_is_fixed(api_client, auth: str, role: str) -> None:
    small = _centres(3)
    user = _user(role, small)
    client = api_client(user)
    few = _count(client)

    more = _centres(22)
    if role == Role.FACILITATOR:
        user.centres.add(*more)
    client = api_client(user)  # a fresh request: the user's scope is read again
    many = _count(client)

    assert few[1] == 3 and many[1] == 25
    assert few[0] == many[0] == EXPECTED[(auth, role)]
    assert all(len(row["fields"]) == 2 for row in client.get(CENTRES).json()["results"])


@pytest.mark.parametrize("ordering", ["code", "-name", "regency"])
def test_pages_read_keys_first_are_the_same_pages(api_client, monkeypatch, ordering: str) -> None:
    """Long lists read a page's keys, then its rows (``core.paging``): the same rows, in the same order."""
    from inkubator.core import paging

    _centres(12)
    client = api_client(make_user(Role.MINISTRY_ADMIN))
    pages = {}
    for threshold in (10**9, 0):  # never, always keys first
        monkeypatch.setattr(paging, "KEYS_FIRST_FROM", threshold)
        with CaptureQueriesContext(connection) as queries:
            pages[threshold] = [
                client.get(CENTRES, {"page_size": 5, "page": page, "ordering": ordering}).json() for page in (1, 2, 3)
            ]
        assert any("LIMIT" in query["sql"] and '"id" AS "pk"' in query["sql"] for query in queries) == (threshold == 0)
    assert pages[0] == pages[10**9]
    assert sum(len(page["results"]) for page in pages[0]) == 12
