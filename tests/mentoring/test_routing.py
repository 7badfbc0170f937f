"""A trip's visiting order: the shortest round tour from home (checked against every permutation)."""

from __future__ import annotations

import itertools

import pytest

from inkubator.mentoring.routing import plan_trip
from inkubator.mentoring.solver import road_km

HOME = (-7.2575, 112.7521)  # Surabaya
STOPS = [(-7.9797, 112.6304), (-7.4478, 112.7183), (-7.1568, 112.6555), (-7.6453, 112.9075), (-8.1, 112.15)]


def tour_km(order: tuple[int, ...]) -> float:
    points = [HOME, *(STOPS[i] for i in order), HOME]
    return sum(road_km(a, b) for a, b in zip(points, points[1:], strict=False))


def test_order_is_the_shortest_round_tour() -> None:
    trip = plan_trip(HOME, STOPS)
    assert sorted(trip.order) == list(range(len(STOPS)))
    best = min(tour_km(p) for p in itertools.permutations(range(len(STOPS))))
    assert trip.total_km == pytest.approx(best, rel=1e-3)
    assert len(trip.legs_km) == len(STOPS) + 1


def test_one_stop_and_no_stop() -> None:
    one = plan_trip(HOME, STOPS[:1])
    assert one.order == [0]
    assert one.total_km == pytest.approx(2 * road_km(HOME, STOPS[0]))
    assert plan_trip(HOME, []).order == []
