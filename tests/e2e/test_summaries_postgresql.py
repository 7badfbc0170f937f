"""Indicator summaries refreshed by several workers at once (threads, real transactions, PostgreSQL):
each indicator ends with one row per place and year, equal to the live figures, never doubled.

Transactional, so it lives with the browser tests and runs last (their flush empties every table).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count

from inkubator.core import indicators as live
from inkubator.core.roles import Role
from inkubator.programmes.indicators import available_indicators
from inkubator.programmes.models import IndicatorSummary
from inkubator.programmes.summaries import IndicatorReader, summaries_refresh
from tests.e2e.test_races_postgresql import at_once
from tests.factories import make_user
from tests.programmes.world import World

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]


def test_refreshes_at_once_leave_each_summary_whole_and_equal_to_live(world: World) -> None:
    results = at_once([lambda: len(summaries_refresh())] * 3)
    assert results == [len(available_indicators())] * 3, results
    doubled = (
        IndicatorSummary.objects.values("indicator", "year", "regency_code", "centre_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()
    for user in (make_user(Role.MINISTRY_ADMIN), make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])):
        reader = IndicatorReader(user)
        for indicator in available_indicators():
            assert reader.summarised(indicator)
            for year in (None, 2025, 2026):
                assert reader.breakdown(indicator, year=year) == live.indicator_breakdown(
                    indicator, user=user, year=year
                ), (indicator.code, year)
