"""The board pages each stage column: counts per stage, a page of cards each, "more" for the next page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation import selectors
from inkubator.incubation.choices import Stage
from inkubator.regions.models import Regency
from tests.factories import make_user

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def _tenants(centre, n: int, start: int = 0) -> list:  # noqa: ANN001
    """``n`` tenants at ``centre``, one day apart (newest first is the board's order)."""
    return [
        make_tenant(incubator=centre, joined_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=start + i))
        for i in range(n)
    ]


def _card_ids(html: str) -> list[int]:
    return [
        int(part.split("/", 1)[0])
        for part in html.split('data-testid="card">')[1:]
        for part in [part.split('href="/incubation/tenants/', 1)[1]]
    ]


def test_each_column_pages_and_more_appends_the_next_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "BOARD_CARDS", 3)
    centre = make_incubator()
    tenants = _tenants(centre, 8)
    newest_first = [t.pk for t in reversed(tenants)]
    client = client_for(make_user(Role.CENTRE_MANAGER, centres=[centre]))

    page = client.get(reverse("incubation:board"))
    pre = {column.stage: column for column in page.context["columns"]}[Stage.PRE]
    assert (pre.count, pre.page, pre.pages, [t.pk for t in pre.tenants]) == (8, 1, 3, newest_first[:3])
    html = page.content.decode()
    assert f'data-testid="count-{Stage.PRE}">8<' in html and f'data-testid="more-{Stage.PRE}"' in html
    assert pre.remaining == 5 and "5 lagi" in html  # Indonesian, the default language

    # Without JavaScript: the board on the column's second page; the other columns stay on their first.
    second = client.get(reverse("incubation:board"), {"incubator": centre.code, f"page_{Stage.PRE}": 2})
    assert [t.pk for t in second.context["columns"][0].tenants] == newest_first[3:6]
    assert "Halaman 2 dari 3" in second.content.decode()

    # With htmx: only the next cards and the next "more", to append.
    more = client.get(reverse("incubation:board_column", args=[Stage.PRE]), {"page": 2, "incubator": centre.code})
    assert _card_ids(more.content.decode()) == newest_first[3:6]
    assert f'data-testid="more-{Stage.PRE}"' in more.content.decode() and "<html" not in more.content.decode()
    last = client.get(reverse("incubation:board_column", args=[Stage.PRE]), {"page": 3})
    assert _card_ids(last.content.decode()) == newest_first[6:]
    assert f'data-testid="more-{Stage.PRE}"' not in last.content.decode()
    assert client.get(reverse("incubation:board_column", args=[Stage.PRE]), {"page": 4}).status_code == 404
    assert client.get(reverse("incubation:board_column", args=["nonsense"]), {"page": 1}).status_code == 404
    # A page past the end on the board itself shows the column's last page rather than nothing.
    beyond = client.get(reverse("incubation:board"), {f"page_{Stage.PRE}": 99})
    assert [t.pk for t in beyond.context["columns"][0].tenants] == newest_first[6:]


def test_the_board_costs_the_same_queries_at_5_and_60_tenants() -> None:
    centre = make_incubator()
    client = client_for(make_user(Role.MINISTRY_ADMIN))
    _tenants(centre, 5)
    client.get(reverse("incubation:board"))  # warm the session and the per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("incubation:board")).status_code == 200
    _tenants(centre, 55, start=5)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("incubation:board"))
    assert len(many) == len(few)
    assert len(page.context["columns"][0].tenants) == selectors.BOARD_CARDS
    with CaptureQueriesContext(connection) as column:
        client.get(reverse("incubation:board_column", args=[Stage.PRE]), {"page": 2})
    with CaptureQueriesContext(connection) as column_last:
        client.get(reverse("incubation:board_column", args=[Stage.PRE]), {"page": 3})
    assert len(column) == len(column_last)


def test_the_next_page_of_another_centres_column_is_404() -> None:
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    kupang = make_incubator(regency=Regency.objects.get(code="53.71"))
    mine = _tenants(bekasi, 1)
    theirs = _tenants(kupang, 1)
    url = reverse("incubation:board_column", args=[Stage.PRE])
    for user in (
        make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
        make_user(Role.FACILITATOR, centres=[bekasi]),
        make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
    ):
        client = client_for(user)
        assert client.get(url, {"page": 1, "incubator": kupang.code}).status_code == 404, user.role
        assert _card_ids(client.get(url, {"page": 1}).content.decode()) == [mine[0].pk], user.role
    assert theirs[0].pk not in _card_ids(client.get(url, {"page": 1}).content.decode())
    for user in (make_user(Role.ENTREPRENEUR), None):
        client = client_for(user) if user else Client()
        assert client.get(url, {"page": 1}).status_code in (404, 302)


def test_stage_counts_are_the_grouped_counts_for_the_nation_and_for_a_scope() -> None:
    """A ministry's board counts each stage apart (index-only counts, no filter); a scope or an incubator
    groups its own rows: both give every stage, zero for an empty one, and only tenants in scope."""
    from inkubator.incubation.models import Tenant

    ours, theirs = make_incubator(), make_incubator()
    _tenants(ours, 3)
    _tenants(theirs, 2)
    Tenant.objects.filter(pk=Tenant.objects.filter(incubator=ours).order_by("pk").first().pk).update(
        stage=Stage.INCUBATION
    )
    admin = make_user(Role.MINISTRY_ADMIN)
    manager = make_user(Role.CENTRE_MANAGER, centres=[ours])

    with CaptureQueriesContext(connection) as nation_queries:
        nation = selectors.stage_counts(selectors.tenant_list(user=admin))
    scoped = selectors.stage_counts(selectors.tenant_list(user=manager))
    one_incubator = selectors.stage_counts(selectors.tenant_list(user=admin).filter(incubator=theirs))

    assert len(nation_queries) == 1
    assert nation == {Stage.PRE: 4, Stage.INCUBATION: 1, Stage.POST: 0, Stage.GRADUATED: 0, Stage.DROPPED: 0}
    assert scoped == {Stage.PRE: 2, Stage.INCUBATION: 1, Stage.POST: 0, Stage.GRADUATED: 0, Stage.DROPPED: 0}
    assert one_incubator == {Stage.PRE: 2, Stage.INCUBATION: 0, Stage.POST: 0, Stage.GRADUATED: 0, Stage.DROPPED: 0}
