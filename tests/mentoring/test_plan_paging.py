"""A plan's page pages its table of centres; its totals count every centre the user sees."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inkubator.mentoring import views
from inkubator.mentoring.services import assignment_set_manual

from .conftest import centre_in
from .factories import FacilitatorFactory, make_plan

pytestmark = pytest.mark.django_db


def test_the_plan_pages_its_centres_and_counts_them_all(
    client: Client, admin, korwil_jabar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PLAN_PER_PAGE", 2)
    jabar = [centre_in("32.16", "binaan") for _ in range(4)]
    jatim = centre_in("35.78", "binaan")
    plan = make_plan([*jabar, jatim])
    assignment_set_manual(entry=plan.entries.get(centre=jabar[0]), facilitator=FacilitatorFactory())
    client.force_login(admin)
    first = client.get(reverse("mentoring:plan_detail", args=[plan.pk]))
    assert (first.context["total"], first.context["assigned"]) == (5, 1)
    assert len(first.context["entries"]) == 2 and 'data-testid="entry-pages"' in first.content.decode()
    seen = [e.centre.code for n in (1, 2, 3) for e in client.get(
        reverse("mentoring:plan_detail", args=[plan.pk]), {"page": n}).context["entries"]]  # fmt: skip
    assert sorted(seen) == sorted(c.code for c in [*jabar, jatim])
    # A coordinator counts and pages only the centres of their region.
    client.force_login(korwil_jabar)
    page = client.get(reverse("mentoring:plan_detail", args=[plan.pk]), {"page": 3})
    assert page.context["total"] == 4 and jatim.code not in page.content.decode()


def test_the_plan_page_costs_the_same_queries_at_5_and_60_centres(client: Client, admin) -> None:
    small = make_plan([centre_in("32.16", "binaan") for _ in range(5)], name="Kecil")
    large = make_plan([centre_in("32.16", "binaan") for _ in range(60)], name="Besar")
    client.force_login(admin)
    client.get(reverse("mentoring:plan_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("mentoring:plan_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("mentoring:plan_detail", args=[large.pk]))
    assert len(page.context["entries"]) == views.PLAN_PER_PAGE
    assert len(many) == len(few)
