"""The incubation demo data: consistent stage flows, a year of figures, the demo accounts served."""

from __future__ import annotations

import random

import pytest
from django.db.models import Count, Max
from faker import Faker

from inkubator.core.roles import Role
from inkubator.demo import incubation as demo
from inkubator.incubation.models import MonthlyReport, StageMove, Tenant
from tests.factories import CentreFactory, make_user

from .factories import make_incubator

pytestmark = pytest.mark.django_db


def test_small_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(demo.SIZES, "small", {"tenants": 60, "fallback_centres": 2})
    incubators = [make_incubator(), make_incubator()]
    plain = CentreFactory()  # the demo manager's centre, not an incubator
    make_user(Role.CENTRE_MANAGER, centres=[plain], username="pengelola")
    owner = make_user(Role.ENTREPRENEUR, username="wirausaha", first_name="Rina", last_name="Marlina")
    make_user(Role.MINISTRY_ADMIN, username="admin")
    fake = Faker("id_ID")
    fake.seed_instance(1)
    counts = demo.generate(size="small", rng=random.Random(1), fake=fake)
    assert counts["tenants"] == Tenant.objects.count() == 60
    assert set(Tenant.objects.values_list("incubator", flat=True)) == {*(c.pk for c in incubators), plain.pk}
    # Every tenant's last move leads to its stage, and starts from the intake.
    last = {m.tenant_id: m for m in StageMove.objects.order_by("moved_at", "pk")}
    assert all(last[t.pk].to_stage == t.stage for t in Tenant.objects.all())
    assert StageMove.objects.filter(from_stage="").count() == 60
    # At most one report a month, at most one per month of the window; the owner's history is complete.
    per_tenant = MonthlyReport.objects.values("tenant").annotate(n=Count("pk")).aggregate(most=Max("n"))
    assert per_tenant["most"] <= demo.MONTHS
    mine = Tenant.objects.get(entrepreneur=owner)
    assert mine.incubator == plain and mine.reports.count() == demo.MONTHS and mine.person.name == "Rina Marlina"
    assert counts["monthly figures"] == MonthlyReport.objects.count()
