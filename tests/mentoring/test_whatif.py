"""Coverage what-if: more facilitators cover more centres, priority first, the reach limits trips."""

from __future__ import annotations

from inkubator.mentoring.solver import CentreInput, FacilitatorInput
from inkubator.mentoring.whatif import coverage, team_order, team_sizes

ALL = frozenset({"people_assets", "management", "incubator"})


def test_team_sizes_run_from_ten_to_everyone() -> None:
    assert team_sizes(5) == [5]
    assert team_sizes(30, step=10) == [10, 20, 30]
    assert team_sizes(35, step=10) == [10, 20, 30, 35]
    assert len(team_sizes(300)) <= 12
    assert team_sizes(0) == []


def test_coverage_grows_with_the_team_and_serves_priority_first() -> None:
    # 12 facilitators along the equator; 30 centres next to them; priority 1 for the first ten.
    team = [FacilitatorInput(i, (0.0, 100.0 + i), ALL, 5) for i in range(12)]
    centres = [CentreInput(100 + j, (0.01, 100.0 + (j % 12)), "management", 1 if j < 10 else 3) for j in range(30)]
    rows = coverage(team, centres, capacity=1, step=1)
    assert [r.facilitators for r in rows] == [10, 11, 12]
    assert [r.covered for r in rows] == [10, 11, 12]
    # Ten places, ten priority-1 centres: exactly those are covered.
    assert rows[0].covered_ids == frozenset(range(100, 110))
    wide = coverage(team, centres, capacity=5, step=2)
    assert wide[-1].covered == 30 and wide[-1].percent == 100.0


def test_the_reach_leaves_far_centres_out() -> None:
    team = [FacilitatorInput(1, (0.0, 100.0), ALL, 10)]
    centres = [CentreInput(1, (0.0, 100.1), "management"), CentreInput(2, (0.0, 103.0), "management")]
    (row,) = coverage(team, centres, capacity=10, max_km=100)
    assert row.covered_ids == frozenset({1})
    (row,) = coverage(team, centres, capacity=10)
    assert row.covered == 2


def test_team_order_keeps_those_near_the_centres() -> None:
    near = FacilitatorInput(2, (0.0, 100.0), ALL, 1)
    far = FacilitatorInput(1, (5.0, 130.0), ALL, 1)
    centres = [CentreInput(j, (0.0, 100.0 + j / 10), "incubator") for j in range(3)]
    assert [f.id for f in team_order([far, near], centres)] == [2, 1]
