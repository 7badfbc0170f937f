"""Demo data: a solved, active plan in the 2022 proportions, and the demo facilitator linked with work logged."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from faker import Faker

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.demo import mentoring as demo
from inkubator.mentoring.models import Assignment, Facilitator, Plan, Visit
from tests.factories import make_user

from .conftest import centre_in

pytestmark = pytest.mark.django_db


def test_small_demo_plan_is_solved_active_and_reaches_the_demo_facilitator() -> None:
    for i in range(30):
        centre_in("35.78" if i % 2 else "32.16", "mandiri" if i < 4 else "")  # clusters mostly unset
    make_user(Role.MINISTRY_ADMIN, username="admin")  # the demo plans as the ministry
    user = make_user(Role.FACILITATOR, username=demo.DEMO_FACILITATOR)
    fake = Faker("id_ID")
    fake.seed_instance(1)
    written = demo.generate(size="small", rng=random.Random(1), fake=fake)
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.ACTIVE
    assert written["facilitators"] == Facilitator.objects.count() == 20
    # 30 centres for a 50-centre plan: the four mandiri, then the others as the missing clusters.
    assert plan.entries.count() == 30
    clusters = Counter(plan.entries.values_list("cluster", flat=True))
    assert clusters["binaan"] == 9 and clusters["berdaya"] == 16 and clusters["mandiri"] == 5
    assert not Centre.objects.exclude(cluster="").exclude(cluster="mandiri").exists()  # register untouched
    assert Assignment.objects.filter(plan=plan).count() == 30
    linked = Facilitator.objects.get(user=user)
    assert Assignment.objects.filter(facilitator=linked).exists()
    assert Visit.objects.filter(facilitator=linked).count() == written["visits"] > 0
    assert set(Centre.objects.visible_to(user)) >= {a.plan_centre.centre for a in linked.assignments.all()}
