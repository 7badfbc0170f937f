"""Every dashboard and home figure is read from the indicator summaries once they are built: no request
counts enrolments, tracer outcomes, tenants or agreements (the tables with millions of rows)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.dashboards.selectors_national import headline_figures, home_place
from inkubator.programmes.summaries import summaries_refresh
from tests.factories import make_user
from tests.programmes.world import World

pytestmark = pytest.mark.django_db

BIG_TABLES = (
    "training_enrollment",
    "training_outcome",
    "incubation_tenant",
    "incubation_business",
    "centres_agreement",
)


def _counted_rows(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if any(f'"{table}"' in q["sql"] for table in BIG_TABLES)]


def _users(world: World) -> dict[str, Any]:
    c = world.centres
    return {
        "admin": make_user(Role.MINISTRY_ADMIN),
        "korwil": make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        "manager": make_user(Role.CENTRE_MANAGER, centres=[c["bekasi_a"]]),
        "facilitator": make_user(Role.FACILITATOR, centres=[c["bekasi_b"], c["surabaya"]]),
    }


def test_every_dashboard_reads_the_summaries(world: World, client: Client) -> None:
    summaries_refresh()
    cache.clear()
    users = _users(world)
    bekasi_a = world.centres["bekasi_a"].code
    pages = [
        ("admin", reverse("dashboards:national")),
        ("admin", reverse("dashboards:place", args=["province", "32"])),
        ("admin", reverse("dashboards:place", args=["regency", "32.16"])),
        ("admin", reverse("dashboards:place", args=["centre", bekasi_a])),
        ("korwil", reverse("dashboards:national")),
        ("korwil", reverse("dashboards:place", args=["province", "32"])),
        ("manager", reverse("dashboards:place", args=["centre", bekasi_a])),
        ("facilitator", reverse("dashboards:national")),
        ("", reverse("dashboards:public")),
    ]
    for name, url in pages:
        browser = Client()
        if name:
            browser.force_login(users[name])
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url, {"year": 2026})
        assert response.status_code == 200, (name, url)
        assert _counted_rows(queries) == [], (name, url)
        assert 'data-testid="figures-as-of"' in response.content.decode(), (name, url)


def test_every_staff_home_reads_its_figures_from_the_summaries(world: World) -> None:
    summaries_refresh()
    for user in _users(world).values():
        place = home_place(user=user)
        with CaptureQueriesContext(connection) as queries:
            figures = headline_figures(user=user, place=place, year=2026)
        assert figures and _counted_rows(queries) == [], user.role
