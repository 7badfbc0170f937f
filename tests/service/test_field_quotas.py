"""Quotas by business field in a wave's allocation (issue 12.4: "quotas per venue and per field"):
a capped field is placed up to its quota across all venues, the rest of it waits; uncapped fields and
venue places work as before; what-ifs keep nothing, runs keep the quotas; moved-by-hand registrants
take their field's places; the page reads and writes them (ministry only, 404 for others)."""

from __future__ import annotations

import io
import random

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import VocationalField
from inkubator.core.roles import Role
from inkubator.service.allocation import Candidate, Place, allocate, greedy
from inkubator.service.models import AllocationRun, EligibilityRule, Registration, WaveFieldQuota
from inkubator.service.services import registration_move, wave_allocate
from tests.factories import make_user
from tests.venues.factories import make_venue

from .factories import NIK, open_wave, submit

A, B = 7, 8


def test_a_field_cap_holds_across_venues_and_the_rest_of_the_field_waits_in_order() -> None:
    places = [Place(1, 0.0, 100.0, 4), Place(2, 0.0, 101.0, 4)]
    candidates = [Candidate(i, 0.0, 100.2, field_id=A) for i in range(1, 7)]
    candidates += [Candidate(i, 0.0, 100.8, field_id=B) for i in range(7, 10)]
    for method in (allocate, greedy):
        result = method(candidates, places, {A: 3})
        assert sum(1 for i in result.assigned if i <= 6) == 3, method
        assert sum(1 for i in result.assigned if i > 6) == 3, method  # field B uncapped: all placed
        if method is greedy:
            assert result.waiting == [4, 5, 6]  # first come among field A
        else:
            assert len(result.waiting) == 3


def test_with_caps_the_flow_still_places_the_most_and_never_loses_to_greedy() -> None:
    rng = random.Random(4)
    for _ in range(5):
        places = [Place(j, rng.uniform(-8, 2), rng.uniform(100, 125), rng.randint(0, 25)) for j in range(10)]
        candidates = [
            Candidate(i, rng.uniform(-8, 2), rng.uniform(100, 125), field_id=rng.choice((A, B, 9))) for i in range(200)
        ]
        caps = {A: rng.randint(0, 40), B: rng.randint(20, 80)}
        flow, base = allocate(candidates, places, caps), greedy(candidates, places, caps)
        field_of = {c.id: c.field_id for c in candidates}
        for field, cap in caps.items():
            assert sum(1 for i in flow.assigned if field_of[i] == field) <= cap
        for place in places:
            assert list(flow.assigned.values()).count(place.id) <= place.capacity
        assert set(flow.assigned) | set(flow.waiting) == {c.id for c in candidates}
        assert len(flow.assigned) >= len(base.assigned)
        if len(flow.assigned) == len(base.assigned):
            assert flow.total_km <= base.total_km + 1e-6


def test_without_caps_nothing_changes() -> None:
    rng = random.Random(9)
    places = [Place(j, rng.uniform(-8, 2), rng.uniform(100, 125), rng.randint(0, 20)) for j in range(6)]
    candidates = [Candidate(i, rng.uniform(-8, 2), rng.uniform(100, 125), field_id=A) for i in range(80)]
    assert allocate(candidates, places).assigned == allocate(candidates, places, {}).assigned
    assert allocate(candidates, places, {B: 1}).assigned == allocate(candidates, places).assigned


@pytest.mark.django_db
class TestWaveFieldQuotas:
    @pytest.fixture(autouse=True)
    def _no_rules(self) -> None:
        EligibilityRule.objects.update(active=False)  # everyone eligible: allocation is what is tested

    def _wave(self) -> tuple:
        wave = open_wave()
        tik, las = VocationalField.objects.get(code="tik"), VocationalField.objects.get(code="las")
        for n in range(4):
            submit(wave, nik=f"{NIK[:12]}{n + 1:04d}", field=tik)
        for n in range(2):
            submit(wave, nik=f"{NIK[:12]}{n + 51:04d}", field=las)
        return wave, tik, las

    def test_a_run_keeps_the_field_quota_and_a_what_if_does_not(self) -> None:
        wave, tik, las = self._wave()
        make_venue("32.16", capacity_per_wave=10)
        preview = wave_allocate(wave=wave, field_quotas={tik.pk: 1}, preview=True)
        assert preview.by_field == {tik.pk: 1, las.pk: 2}
        assert not WaveFieldQuota.objects.exists() and not Registration.objects.filter(status="allocated").exists()
        wave_allocate(wave=wave, field_quotas={tik.pk: 2})
        assert Registration.objects.filter(status="allocated", field=tik).count() == 2
        assert Registration.objects.filter(status="waiting", field=tik).count() == 2
        assert Registration.objects.filter(status="allocated", field=las).count() == 2
        assert WaveFieldQuota.objects.get(wave=wave, field=tik).places == 2
        assert AllocationRun.objects.filter(preview=False).get().field_quotas == {"tik": 2}
        # The next run without a new quota applies the kept one.
        assert wave_allocate(wave=wave).by_field[tik.pk] == 2

    def test_a_registrant_moved_by_hand_takes_a_place_of_their_field(self) -> None:
        wave, tik, _las = self._wave()
        near = make_venue("32.16", capacity_per_wave=10)
        far = make_venue("53.71", capacity_per_wave=10)
        wave_allocate(wave=wave, field_quotas={tik.pk: 2})
        moved = Registration.objects.filter(field=tik, status="waiting").first()
        registration_move(registration=moved, venue=far, user=make_user(Role.MINISTRY_ADMIN))
        wave_allocate(wave=wave)
        assert Registration.objects.filter(field=tik, status="allocated").count() == 2
        assert Registration.objects.get(pk=moved.pk).venue == far
        assert Registration.objects.filter(field=tik, venue=near).count() == 1

    def test_the_allocation_page_reads_and_writes_field_quotas(self) -> None:
        wave, tik, las = self._wave()
        make_venue("32.16", capacity_per_wave=10)
        admin = Client()
        admin.force_login(make_user(Role.MINISTRY_ADMIN))
        url = reverse("service:wave_allocation", args=[wave.pk])
        page = admin.get(url).content.decode()
        assert f'name="field_places_{tik.pk}"' in page and f'name="field_places_{las.pk}"' in page
        preview = admin.post(url, {"action": "preview", f"field_places_{tik.pk}": "1", f"field_places_{las.pk}": ""})
        assert 'data-testid="allocated-field-tik">1<' in preview.content.decode()
        assert not WaveFieldQuota.objects.exists()
        assert admin.post(url, {"action": "run", f"field_places_{tik.pk}": "3"}).status_code == 302
        assert WaveFieldQuota.objects.get(field=tik).places == 3
        assert Registration.objects.filter(status="allocated", field=tik).count() == 3
        shown = admin.get(url).content.decode()
        assert f'name="field_places_{tik.pk}" value="3"' in shown

    def test_the_page_is_the_ministrys_only(self) -> None:
        wave, tik, _las = self._wave()
        url = reverse("service:wave_allocation", args=[wave.pk])
        for user in (make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]), make_user(Role.ENTREPRENEUR)):
            client = Client()
            client.force_login(user)
            assert client.get(url).status_code == 404
            assert client.post(url, {"action": "run", f"field_places_{tik.pk}": "0"}).status_code == 404
        assert not WaveFieldQuota.objects.exists() and not AllocationRun.objects.exists()

    def test_the_command_sets_field_quotas(self) -> None:
        from django.core.management import CommandError, call_command

        wave, tik, las = self._wave()
        make_venue("32.16", capacity_per_wave=10)
        call_command("service_allocate", str(wave.pk), "--field-quota", "tik=1", "--preview", stdout=io.StringIO())
        assert not WaveFieldQuota.objects.exists()
        call_command("service_allocate", str(wave.pk), "--field-quota", "tik=3", "--field-quota", "las=1",
                     stdout=io.StringIO())  # fmt: skip
        assert dict(WaveFieldQuota.objects.values_list("field__code", "places")) == {"tik": 3, "las": 1}
        assert Registration.objects.filter(status="allocated", field=tik).count() == 3
        assert Registration.objects.filter(status="allocated", field=las).count() == 1
        with pytest.raises(CommandError, match="No business field with the code 'xyz'"):
            call_command("service_allocate", str(wave.pk), "--field-quota", "xyz=3")
        with pytest.raises(CommandError, match="whole number"):
            call_command("service_allocate", str(wave.pk), "--field-quota", "tik=many")
