"""Allocation of eligible registrants to venues: capacities respected, better than nearest-venue greedy,
preferences and fields weighed, manual moves kept, a waiting list, what-ifs that change nothing, and
batches and enrolments made from the result."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.service.allocation import Candidate, Place, allocate, greedy
from inkubator.service.choices import RegistrationStatus
from inkubator.service.models import AllocationRun, EligibilityRule, Registration
from inkubator.service.services import registration_move, wave_allocate, wave_enrol
from inkubator.training.models import Enrollment, TrainingBatch
from tests.factories import make_user
from tests.venues.factories import make_venue

from .factories import NIK, open_wave, submit


def test_greedy_is_beaten_where_first_come_takes_the_place_another_needs() -> None:
    # A and B are 111 km apart on the equator. X lives between them, a little nearer A; Y lives 55 km
    # west of A. Greedy gives A to X (who came first) and sends Y 167 km to B; the flow sends X to B
    # (2 km further for X) and keeps Y near A: half the total distance.
    places = [Place(1, 0.0, 100.0, 1), Place(2, 0.0, 101.0, 1)]
    x = Candidate(1, 0.0, 100.49)
    y = Candidate(2, 0.0, 99.5)
    assert greedy([x, y], places).assigned == {1: 1, 2: 2}
    assert allocate([x, y], places).assigned == {1: 2, 2: 1}
    assert allocate([x, y], places).total_km < 0.6 * greedy([x, y], places).total_km


def test_on_random_instances_capacities_hold_and_the_flow_never_loses_to_greedy() -> None:
    rng = random.Random(12)
    for _ in range(5):
        places = [Place(j, rng.uniform(-8, 2), rng.uniform(100, 125), rng.randint(0, 30)) for j in range(12)]
        candidates = [Candidate(i, rng.uniform(-8, 2), rng.uniform(100, 125)) for i in range(300)]
        flow, base = allocate(candidates, places), greedy(candidates, places)
        for place in places:
            assert list(flow.assigned.values()).count(place.id) <= place.capacity
        assert len(flow.assigned) == min(len(candidates), sum(p.capacity for p in places)) == len(base.assigned)
        assert set(flow.assigned) | set(flow.waiting) == {c.id for c in candidates}
        assert flow.total_km < base.total_km


def test_a_first_choice_and_a_field_weigh_against_a_little_distance() -> None:
    near, chosen = Place(1, 0.0, 100.0, 5, frozenset({7})), Place(2, 0.0, 100.5, 5, frozenset({7}))
    assert allocate([Candidate(1, 0.0, 100.0, preferences=(2,))], [near, chosen]).assigned == {1: 2}  # 55 km < 150
    other_field = Place(3, 0.0, 100.0, 5, frozenset({8}))
    assert allocate([Candidate(1, 0.0, 100.0, field_id=7)], [other_field, chosen]).assigned == {1: 2}


@pytest.mark.django_db
class TestWaveAllocation:
    @pytest.fixture(autouse=True)
    def _no_rules(self) -> None:
        EligibilityRule.objects.update(active=False)  # everyone eligible: allocation is what is tested

    def _wave(self, count: int):  # noqa: ANN202
        wave = open_wave()
        for n in range(count):
            submit(wave, nik=f"{NIK[:12]}{n + 1:04d}")
        return wave

    def test_a_run_places_up_to_the_places_and_lists_the_rest_waiting(self) -> None:
        wave = self._wave(5)
        bekasi = make_venue("32.16", capacity_per_wave=2)
        kupang = make_venue("53.71", capacity_per_wave=1)
        result = wave_allocate(wave=wave, user=make_user(Role.MINISTRY_ADMIN))
        assert result.by_venue == {bekasi.pk: 2, kupang.pk: 1}
        statuses = sorted(Registration.objects.values_list("status", flat=True))
        assert statuses == ["allocated"] * 3 + ["waiting"] * 2
        waiting = Registration.objects.filter(status="waiting").order_by("waiting_rank")
        assert [r.waiting_rank for r in waiting] == [1, 2]
        assert waiting[0].submitted_at <= waiting[1].submitted_at
        run = AllocationRun.objects.get()
        assert (run.allocated, run.waiting, run.preview) == (3, 2, False)
        wave.refresh_from_db()
        assert wave.status == "allocated"

    def test_a_what_if_changes_nothing_and_quotas_replace_capacities(self) -> None:
        wave = self._wave(4)
        venue = make_venue("32.16", capacity_per_wave=1)
        preview = wave_allocate(wave=wave, quotas={venue.pk: 3}, preview=True)
        assert preview.by_venue == {venue.pk: 3}
        assert not Registration.objects.filter(status="allocated").exists()
        assert not wave.quotas.exists()
        wave_allocate(wave=wave, quotas={venue.pk: 3})
        assert Registration.objects.filter(status="allocated").count() == 3
        assert wave.quotas.get().places == 3

    def test_a_move_by_hand_is_kept_on_the_next_run(self) -> None:
        wave = self._wave(3)
        bekasi = make_venue("32.16", capacity_per_wave=3)
        kupang = make_venue("53.71", capacity_per_wave=1)
        admin = make_user(Role.MINISTRY_ADMIN)
        wave_allocate(wave=wave)
        moved = Registration.objects.order_by("pk").first()
        registration_move(registration=moved, venue=kupang, user=admin)
        wave_allocate(wave=wave)
        moved.refresh_from_db()
        assert moved.venue == kupang and moved.allocation_locked
        assert Registration.objects.filter(venue=bekasi).count() == 2
        not_eligible = submit(open_wave("Gelombang 2"), nik=f"{NIK[:12]}0099").registration
        Registration.objects.filter(pk=not_eligible.pk).update(eligible=False, status="ineligible")
        not_eligible.refresh_from_db()
        with pytest.raises(Exception, match="Only an eligible registrant"):
            registration_move(registration=not_eligible, venue=kupang, user=admin)

    def test_enrolment_makes_one_batch_per_venue_and_is_idempotent(self) -> None:
        wave = self._wave(3)
        venue = make_venue("32.16", capacity_per_wave=5, code="BPKK-BEKASI", kind="bpkk")
        wave_allocate(wave=wave)
        assert wave_enrol(wave=wave) == {"batches": 1, "enrolments": 3}
        batch = TrainingBatch.objects.get()
        assert batch.venue == venue and batch.venue_kind == "bpkk" and batch.venue_name == venue.name
        assert batch.start_date == wave.training_starts_on
        assert Enrollment.objects.filter(batch=batch).count() == 3
        assert wave_enrol(wave=wave) == {"batches": 0, "enrolments": 0}
        staff = make_user(Role.VENUE_STAFF, venues=[venue])
        assert TrainingBatch.objects.visible_to(staff).get() == batch  # a venue's staff see their cohort
        other = make_user(Role.VENUE_STAFF, venues=[make_venue("53.71")])
        assert not TrainingBatch.objects.visible_to(other).exists()

    def test_the_command_and_the_page(self) -> None:
        wave = self._wave(2)
        venue = make_venue("32.16", capacity_per_wave=1)
        call_command("service_allocate", str(wave.pk), "--preview")
        assert not Registration.objects.filter(status=RegistrationStatus.ALLOCATED).exists()
        call_command("service_allocate", str(wave.pk), "--enrol")
        assert Enrollment.objects.count() == 1
        client = Client()
        client.force_login(make_user(Role.MINISTRY_ADMIN))
        url = reverse("service:wave_allocation", args=[wave.pk])
        page = client.post(url, {"action": "preview", f"places_{venue.pk}": "2"})
        assert page.status_code == 200 and b"allocation-result" in page.content
        assert client.post(url, {"action": "run", f"places_{venue.pk}": "2"}).status_code == 302
        assert Registration.objects.filter(status="allocated").count() == 2
        korwil = Client()
        korwil.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
        assert korwil.get(url).status_code == 404
        assert korwil.post(url, {"action": "run"}).status_code == 404
