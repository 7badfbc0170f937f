"""Two ministry admins allocating one wave with different quotas by field at the same moment, on
PostgreSQL (threads, real transactions): runs of a wave take turns (the wave's row is locked), so the
wave ends with one quota per field and an allocation that keeps exactly the quota of the run that
committed last — never a mix of the two. Transactional like the browser tests (see tests/e2e/conftest.py).
"""

from __future__ import annotations

import pytest
from django.db import connection

from inkubator.centres.models import VocationalField
from inkubator.service.models import AllocationRun, EligibilityRule, Registration, WaveFieldQuota
from inkubator.service.services import wave_allocate
from tests.e2e.test_races_postgresql import at_once
from tests.service.factories import NIK, open_wave, submit
from tests.venues.factories import make_venue

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]


def test_allocations_run_at_once_keep_the_last_runs_field_quota_whole() -> None:
    EligibilityRule.objects.update(active=False)
    wave = open_wave()
    tik = VocationalField.objects.get(code="tik")
    for n in range(8):
        submit(wave, nik=f"{NIK[:12]}{n + 1:04d}", field=tik)
    make_venue("32.16", capacity_per_wave=20)

    def run(places: int):  # noqa: ANN202
        return lambda: wave_allocate(wave=wave, field_quotas={tik.pk: places}).run.pk

    results = at_once([run(2), run(5), run(3), run(6)])
    assert all(isinstance(r, int) for r in results), results
    last = AllocationRun.objects.filter(preview=False).order_by("-run_at", "-pk").first()
    quota = WaveFieldQuota.objects.get(wave=wave, field=tik).places
    assert WaveFieldQuota.objects.filter(wave=wave).count() == 1
    assert last.field_quotas == {"tik": quota}
    assert Registration.objects.filter(wave=wave, status="allocated").count() == quota
    assert Registration.objects.filter(wave=wave, status="waiting").count() == 8 - quota
