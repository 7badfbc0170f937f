"""The demo data of the assessments app: a completed round over every centre with a spread of clusters, the
centres' clusters, a recorded selection of incubators, and an open round for the demo facilitator."""

from __future__ import annotations

import random

import pytest
from faker import Faker

from inkubator.accounts.models import User
from inkubator.assessments.models import Assessment, Round, Selection
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.demo import assessments as demo
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_writes_a_completed_round_clusters_a_selection_and_open_work() -> None:
    from inkubator.regions.models import Regency

    admin = make_user(Role.MINISTRY_ADMIN)
    fasilitator = make_user(Role.FACILITATOR, username="fasilitator")
    rng = random.Random(3)
    for _ in range(30):
        CentreFactory(
            regency=Regency.objects.get(code=rng.choice(["32.16", "35.78", "53.71", "33.74"])),
            cohort_year=rng.choice([2017, 2019, 2022]),
        )
    summary = demo.generate(size="small", rng=random.Random(1), fake=Faker("id_ID"))

    completed = Round.objects.get(name="Asesmen Pra-Identifikasi 2025")
    assert completed.status == Round.Status.CLOSED
    assert completed.assessments.filter(status=Assessment.Status.VERIFIED).count() == Centre.objects.count() == 30
    assert len(set(completed.assessments.values_list("cluster_code", flat=True))) >= 2  # a spread, not one cluster
    for centre in Centre.objects.all():
        assert centre.cluster == completed.assessments.get(centre=centre).cluster_code
    selection = Selection.objects.get(round=completed)
    assert selection.decided_by == admin
    selected = selection.entries.filter(selected=True)
    assert 0 < selected.count() <= 10
    assert set(Centre.objects.filter(is_incubator=True)) == {entry.centre for entry in selected}
    assert all(entry.reason for entry in selection.entries.all())
    work = Assessment.objects.filter(assessor=fasilitator, round__status=Round.Status.OPEN)
    assert set(work.values_list("status", flat=True)) <= {"assigned", "draft", "submitted"}
    assert summary["incubators selected"] == selected.count()
    # Written once: a second call leaves the data as it is.
    assert demo.generate(size="small", rng=random.Random(1), fake=Faker("id_ID")) == {}
    assert User.objects.filter(username__startswith="asesor.").count() == 4
