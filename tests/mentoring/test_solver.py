"""The assignment solver: known optima, brute-force agreement, capacity and skills, fixed pairs, shortages."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inkubator.mentoring.solver import (
    ROAD_FACTOR,
    CentreInput,
    FacilitatorInput,
    Infeasible,
    greedy,
    haversine_km,
    road_km,
    solve,
)

ALL = frozenset({"people_assets", "management", "incubator"})
M = frozenset({"management"})


def f(id: int, lat: float, lon: float, skills: frozenset[str] = ALL, capacity: int = 1) -> FacilitatorInput:
    return FacilitatorInput(id, (lat, lon), skills, capacity)


def c(id: int, lat: float, lon: float, focus: str = "management", priority: int = 1) -> CentreInput:
    return CentreInput(id, (lat, lon), focus, priority)


def test_road_distance_is_haversine_times_the_road_factor() -> None:
    # Jakarta (Monas) to Bandung (Gedung Sate): about 119 km as the crow flies.
    straight = haversine_km((-6.1754, 106.8272), (-6.9025, 107.6188))
    assert 118 < straight < 120
    assert road_km((-6.1754, 106.8272), (-6.9025, 107.6188)) == pytest.approx(straight * ROAD_FACTOR)


def test_optimum_beats_greedy_on_the_classic_crossing_case() -> None:
    # Centre 10 is a little nearer A; greedy gives it to A and must send B far west to centre 11.
    # The optimum gives centre 10 to B (slightly farther) and centre 11 to A.
    facilitators = [f(1, 0.0, 110.0), f(2, 0.0, 111.0)]
    centres = [c(10, 0.0, 110.45), c(11, 0.0, 109.0)]
    best = solve(facilitators, centres, balance_km=0)
    assert best.pairs == {10: 2, 11: 1}
    base = greedy(facilitators, centres)
    assert base.pairs == {10: 1, 11: 2}
    assert best.total_km < base.total_km
    assert best.total_km == pytest.approx(road_km((0, 111), (0, 110.45)) + road_km((0, 110), (0, 109)))


def test_skills_decide_when_distance_would_not() -> None:
    facilitators = [f(1, 0.0, 110.0, M, 2), f(2, 0.0, 115.0, frozenset({"incubator"}), 2)]
    centres = [c(10, 0.0, 110.1, "incubator"), c(11, 0.0, 114.9, "management")]
    assert solve(facilitators, centres).pairs == {10: 2, 11: 1}


def test_capacity_is_never_exceeded_and_balance_spreads_the_load() -> None:
    facilitators = [f(1, 0.0, 110.0, capacity=3), f(2, 0.0, 110.5, capacity=3)]
    centres = [c(i, 0.0, 110.0 + i / 100) for i in range(4)]
    unbalanced = solve(facilitators, centres, balance_km=0)
    assert sorted(unbalanced.loads().values()) == [1, 3]  # capacity 3 stops the nearest one
    balanced = solve(facilitators, centres, balance_km=200)
    assert sorted(balanced.loads().values()) == [2, 2]


def test_fixed_pairs_are_kept_and_use_capacity() -> None:
    facilitators = [f(1, 0.0, 110.0, capacity=1), f(2, 0.0, 112.0, capacity=2)]
    centres = [c(10, 0.0, 110.0), c(11, 0.0, 110.1)]
    solution = solve(facilitators, centres, fixed={10: 2})
    assert solution.pairs == {10: 2, 11: 1}
    assert solution.km[10] == pytest.approx(road_km((0, 112), (0, 110)))
    # Facilitator 1 has one place: fixing both to them leaves none for a third centre.
    with pytest.raises(Infeasible, match=r"foci=\('management',\), centres=1, places=0"):
        solve([f(1, 0, 110, capacity=2)], [*centres, c(12, 0, 110.2)], fixed={10: 1, 11: 1})


def test_too_few_facilitators_names_what_is_short() -> None:
    facilitators = [f(1, 0, 110, M, capacity=4), f(2, 0, 111, M, capacity=4)]
    centres = [c(i, 0, 110, "management") for i in range(12)] + [c(100, 0, 110, "incubator")]
    with pytest.raises(Infeasible, match=r"foci=\('incubator',\), centres=1, places=0") as error:
        solve(facilitators, centres)
    short = error.value.shortages
    assert (short[0].foci, short[0].centres, short[0].places) == (("incubator",), 1, 0)
    assert any(s.foci == ("management",) and s.centres == 12 and s.places == 8 for s in short)


def test_a_shortage_across_foci_is_found_by_halls_condition() -> None:
    # Each focus alone has enough places, but both together do not: one facilitator has both skills.
    facilitators = [f(1, 0, 110, frozenset({"management", "incubator"}), capacity=2)]
    centres = [c(1, 0, 110, "management"), c(2, 0, 110, "management"), c(3, 0, 110, "incubator")]
    with pytest.raises(Infeasible, match=r"foci=\('incubator', 'management'\), centres=3, places=2") as error:
        solve(facilitators, centres)
    assert error.value.shortages[0].foci == ("incubator", "management")


def test_nearest_k_restriction_falls_back_to_every_arc() -> None:
    # Five near facilitators are full (capacity 0); the only place left is far away.
    facilitators = [f(i, 0, 110 + i / 100, capacity=0) for i in range(5)] + [f(99, 0, 120, capacity=1)]
    solution = solve(facilitators, [c(1, 0, 110)], k_nearest=2)
    assert solution.pairs == {1: 99}


def brute_force(facilitators: list[FacilitatorInput], centres: list[CentreInput]) -> float | None:
    best = None
    for choice in itertools.product(range(len(facilitators)), repeat=len(centres)):
        loads = [0] * len(facilitators)
        total = 0.0
        for centre, i in zip(centres, choice, strict=True):
            if centre.focus not in facilitators[i].skills:
                break
            loads[i] += 1
            total += road_km(facilitators[i].point, centre.point)
        else:
            if all(load <= fac.capacity for load, fac in zip(loads, facilitators, strict=True)):
                best = total if best is None else min(best, total)
    return best


point = st.tuples(st.floats(-8, -6, allow_nan=False), st.floats(106, 112, allow_nan=False))
skills = st.sampled_from([M, frozenset({"incubator"}), frozenset({"management", "incubator"})])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(point, skills, st.integers(0, 3)), min_size=1, max_size=3),
    st.lists(st.tuples(point, st.sampled_from(["management", "incubator"])), min_size=1, max_size=4),
)
def test_solver_matches_brute_force_and_respects_every_rule(raw_f: list, raw_c: list) -> None:
    facilitators = [FacilitatorInput(i, p, s, cap) for i, (p, s, cap) in enumerate(raw_f)]
    centres = [CentreInput(100 + j, p, focus) for j, (p, focus) in enumerate(raw_c)]
    expected = brute_force(facilitators, centres)
    if expected is None:
        with pytest.raises(Infeasible, match="Shortage"):
            solve(facilitators, centres, balance_km=0)
        return
    solution = solve(facilitators, centres, balance_km=0)
    # Tenths of a km are the flow's unit: the optimum agrees within the rounding of each pair.
    assert solution.total_km == pytest.approx(expected, abs=0.05 * len(centres) + 1e-6)
    by_id = {fac.id: fac for fac in facilitators}
    for centre in centres:
        assert centre.focus in by_id[solution.pairs[centre.id]].skills
    for fac_id, load in solution.loads().items():
        assert load <= by_id[fac_id].capacity
