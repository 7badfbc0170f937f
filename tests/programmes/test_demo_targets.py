"""The demo's targets are scaled to what the demo holds, so progress bars mean something after `make run`."""

from __future__ import annotations

import pytest
from django.utils import timezone

from inkubator.accounts.models import User
from inkubator.demo.generator import demo_generate
from inkubator.programmes.models import Target
from inkubator.programmes.selectors import progress_list

pytestmark = pytest.mark.django_db


def test_small_demo_targets_are_within_reach_of_its_data() -> None:
    demo_generate(size="small", seed=1)
    year = timezone.localdate().year
    national = Target.objects.get(indicator="trainees_trained", year=year, region_key="")
    provinces = Target.objects.filter(indicator="trainees_trained", year=year, province__isnull=False)
    assert provinces.count() > 10
    admin = User.objects.get(username="admin")
    progress = {p.indicator.code: p for p in progress_list(user=admin, year=year) if p.target.level == "national"}
    trained = progress["trainees_trained"]
    assert trained.target == national
    # Neither trivially reached nor hopeless: the demo's yearly volume is of the target's order.
    assert 0.3 < trained.actual / national.value < 1.5
    assert progress["incubators_designated"].actual >= 1
