"""Coverage what-if: with F facilitators of capacity c (and a reach), how many and which centres are covered.

Pure, like the solver it calls. For each team size F the team is the first F facilitators of
:func:`team_order`, each given the same capacity ``c`` (their own skills and home bases are kept, so
the answer is about the real team, grown or shrunk). Each row is an exact optimum of
:func:`inkubator.mentoring.solver.solve` with ``cover_all=False``: as many centres as possible,
higher plan priority first among equal counts (priority 1 = fostered centres in proposed plans), then
the least travel. ``max_km`` is the reach: the farthest a facilitator is sent from home for one centre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .solver import CentreInput, FacilitatorInput, road_matrix, solve

MIN_TEAM = 10
MAX_ROWS = 12  # points on the chart: enough for a curve, few enough to solve in a page request


@dataclass(frozen=True)
class CoverageRow:
    """One team size: how many centres it covers (by focus), which, and the travel it takes."""

    facilitators: int
    capacity: int
    covered: int
    total: int
    covered_by_focus: dict[str, int]
    covered_ids: frozenset[int]
    total_km: float

    @property
    def percent(self) -> float:
        """Covered centres as a share of all, in percent."""
        return round(100 * self.covered / self.total, 1) if self.total else 0.0


def team_order(facilitators: Sequence[FacilitatorInput], centres: Sequence[CentreInput]) -> list[FacilitatorInput]:
    """Facilitators by how many of the centres they are the nearest skilled one to (most first, then id).

    So the smaller teams of the what-if keep the facilitators who stand where the centres are.
    """
    if not facilitators:
        return []
    distances = road_matrix([c.point for c in centres], [f.point for f in facilitators])
    nearest_to = np.zeros(len(facilitators), dtype=int)
    for j, c in enumerate(centres):
        skilled = np.array([c.focus in f.skills for f in facilitators])
        if skilled.any():
            row = np.where(skilled, distances[j], np.inf)
            nearest_to[int(np.argmin(row))] += 1
    ranked = sorted(range(len(facilitators)), key=lambda i: (-nearest_to[i], facilitators[i].id))
    return [facilitators[i] for i in ranked]


def team_sizes(available: int, step: int | None = None) -> list[int]:
    """F = 10, 10 + step, … up to every facilitator available (always included)."""
    if available <= 0:
        return []
    start = min(MIN_TEAM, available)
    if step is None:
        step = max(1, math.ceil((available - start) / (MAX_ROWS - 1)))
    sizes = list(range(start, available + 1, step))
    if sizes[-1] != available:
        sizes.append(available)
    return sizes


def coverage(
    facilitators: Sequence[FacilitatorInput],
    centres: Sequence[CentreInput],
    *,
    capacity: int,
    max_km: float | None = None,
    step: int | None = None,
) -> list[CoverageRow]:
    """The what-if table: one :class:`CoverageRow` per team size."""
    ordered = team_order(facilitators, centres)
    rows: list[CoverageRow] = []
    for size in team_sizes(len(ordered), step):
        team = [FacilitatorInput(f.id, f.point, f.skills, capacity) for f in ordered[:size]]
        solution = solve(team, centres, cover_all=False, max_km=max_km)
        by_focus: dict[str, int] = {}
        focus_of = {c.id: c.focus for c in centres}
        for centre_id in solution.pairs:
            by_focus[focus_of[centre_id]] = by_focus.get(focus_of[centre_id], 0) + 1
        rows.append(
            CoverageRow(
                facilitators=size,
                capacity=capacity,
                covered=len(solution.pairs),
                total=len(centres),
                covered_by_focus=by_focus,
                covered_ids=frozenset(solution.pairs),
                total_km=round(solution.total_km, 1),
            )
        )
    return rows
