"""A correction racing the incubator's lock on PostgreSQL (threads, real transactions): the month ends
locked, and a correction either landed before the lock or was refused — never written after it.

Transactional like the browser tests, so it lives with them (see tests/e2e/conftest.py).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from inkubator.incubation import services
from inkubator.incubation.models import MonthlyReport, ReportLock
from tests.e2e.test_races_postgresql import at_once
from tests.incubation.factories import make_tenant, report

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]


def test_corrections_racing_the_lock_never_change_a_locked_month() -> None:
    saved = report(make_tenant(), datetime.date(2026, 5, 1), revenue=1_000_000)

    def lock() -> str:
        services.report_lock(report=saved, user=None)
        return "locked"

    def correct(revenue: int):  # noqa: ANN202
        def work() -> str:
            services.report_correct(report=saved, revenue=revenue, costs=1, workers=1, customers=1, user=None)
            return f"corrected {revenue}"

        return work

    results = at_once([lock, correct(2_000_000), correct(3_000_000), correct(4_000_000)])
    assert "locked" in results and ReportLock.objects.filter(report=saved).count() == 1
    corrected = [r for r in results if str(r).startswith("corrected")]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(corrected) + len(refused) == 3, results
    final = MonthlyReport.objects.get(pk=saved.pk).revenue
    # The last correction to commit is what stays; a refused one left nothing.
    assert final == 1_000_000 if not corrected else final in {int(r.split()[1]) for r in corrected}
