"""Assigning facilitators to centres: an exact min-cost flow (OR-Tools), a greedy baseline, feasibility.

Pure: plain data in, plain data out, no database. The service layer reads the plan and writes the result.

The model
    Each centre needs one facilitator with the skill its focus calls for; a facilitator takes at most
    ``capacity`` centres (pairs fixed by hand count against it). We minimise total travel, measured as the
    road-distance estimate from each facilitator's home base to each centre they mentor, plus a
    workload-balance term.

Road distance
    Great-circle (haversine) distance × ``ROAD_FACTOR`` (1.3). Road networks run 20–40 % longer than the
    straight line on Java and Sumatra (detour indices in the transport literature cluster around 1.3);
    an estimate from coordinates is what the registry can give for every centre. Sea crossings are not
    modelled: a facilitator on another island is only ``1.3 ×`` the straight line away, so plans that
    span islands should have facilitators on each island (the K-nearest restriction below helps).

Balance
    A facilitator's k-th centre costs ``balance_km × (k − 1)`` extra (a convex cost, so a min-cost flow
    still solves it exactly: one unit arc per place, cheapest first). With ``balance_km = 10`` a centre
    goes to a facilitator who already has 4 only if that saves more than 40 km against one who has none.
    On the national demo plan (500 centres, 300 facilitators) 10 km brings the largest load from 6 to 5
    at no extra travel against greedy; 25 km did the same at 5 % more travel.

Scale
    Arcs run from each centre to the ``K_NEAREST`` (30) nearest facilitators who have the skill, so 4,300
    centres × 300 facilitators need ~130,000 arcs instead of 1.3 million. When that restriction leaves a
    centre unassigned although capacity exists, the flow is solved again with every skilled facilitator.

Feasibility
    Before solving, Hall's condition is checked on every set of foci (7 sets for 3 foci): the centres needing
    any focus in the set must not outnumber the places left with facilitators having a skill in the set.
    Since facilitators differ only by skills here (no distance limit when covering all), this is exactly
    the condition for a complete assignment to exist, and it names what is short.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

ROAD_FACTOR = 1.3
EARTH_RADIUS_KM = 6371.0088
K_NEAREST = 30
BALANCE_KM = 10.0
# Costs are integers in the flow: tenths of a kilometre keep the rounding below what a map shows.
COST_SCALE = 10


@dataclass(frozen=True)
class FacilitatorInput:
    """A facilitator as the solver sees them: home point (lat, lon), skills and places left."""

    id: int
    point: tuple[float, float]
    skills: frozenset[str]
    capacity: int


@dataclass(frozen=True)
class CentreInput:
    """A centre to be mentored: its point, the focus it needs and its priority (1 = first)."""

    id: int
    point: tuple[float, float]
    focus: str
    priority: int = 1


@dataclass(frozen=True)
class Shortage:
    """Centres needing one of ``foci`` outnumber the places facilitators with those skills have."""

    foci: tuple[str, ...]
    centres: int
    places: int


@dataclass
class Solution:
    """An assignment: centre id → facilitator id, with each pair's road km and the totals."""

    pairs: dict[int, int]
    km: dict[int, float]
    unassigned: list[int] = field(default_factory=list)

    @property
    def total_km(self) -> float:
        """Total road km of the assigned pairs (home base to centre)."""
        return sum(self.km[c] for c in self.pairs)

    def loads(self) -> dict[int, int]:
        """Centres per facilitator (only those with at least one)."""
        loads: dict[int, int] = {}
        for facilitator in self.pairs.values():
            loads[facilitator] = loads.get(facilitator, 0) + 1
        return loads


class Infeasible(Exception):
    """The plan cannot be covered: ``shortages`` say which foci lack how many places."""

    def __init__(self, shortages: list[Shortage]) -> None:
        super().__init__(shortages)
        self.shortages = shortages


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def road_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The road-distance estimate between two points: haversine × ``ROAD_FACTOR``."""
    return haversine_km(a, b) * ROAD_FACTOR


def road_matrix(rows: Sequence[tuple[float, float]], cols: Sequence[tuple[float, float]]) -> np.ndarray:
    """Road km between every row point and every column point (vectorised haversine × factor)."""
    if not rows or not cols:
        return np.zeros((len(rows), len(cols)))
    r = np.radians(np.asarray(rows, dtype=float))
    c = np.radians(np.asarray(cols, dtype=float))
    dlat = c[None, :, 0] - r[:, None, 0]
    dlon = c[None, :, 1] - r[:, None, 1]
    h = np.sin(dlat / 2) ** 2 + np.cos(r[:, None, 0]) * np.cos(c[None, :, 0]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h))) * ROAD_FACTOR


def shortages(facilitators: Sequence[FacilitatorInput], centres: Sequence[CentreInput]) -> list[Shortage]:
    """Every set of foci whose centres outnumber the places of facilitators skilled in any of them.

    Smallest sets first, so the message names the narrowest gap; an empty list means a complete
    assignment exists (Hall's theorem: facilitators differ only by skill set when distance is free).
    """
    foci = sorted({c.focus for c in centres})
    found: list[Shortage] = []
    for size in range(1, len(foci) + 1):
        for subset in itertools.combinations(foci, size):
            wanted = set(subset)
            need = sum(1 for c in centres if c.focus in wanted)
            places = sum(max(f.capacity, 0) for f in facilitators if f.skills & wanted)
            if need > places:
                found.append(Shortage(tuple(subset), need, places))
    return found


def _unit_arc_costs(capacity: int, already: int, balance_km: float) -> list[int]:
    """The cost of each further place of a facilitator who already has ``already`` centres."""
    return [round(balance_km * (already + k) * COST_SCALE) for k in range(capacity)]


def solve(
    facilitators: Sequence[FacilitatorInput],
    centres: Sequence[CentreInput],
    *,
    fixed: dict[int, int] | None = None,
    cover_all: bool = True,
    max_km: float | None = None,
    balance_km: float = BALANCE_KM,
    k_nearest: int | None = K_NEAREST,
) -> Solution:
    """The optimal assignment of ``centres`` to ``facilitators`` (min-cost flow, exact).

    ``fixed`` maps centre id → facilitator id for pairs set by hand: they are kept as they are, use up
    their facilitator's capacity and count in the balance and the totals. ``facilitators[i].capacity``
    is the facilitator's whole capacity in the plan.

    ``cover_all=True`` (plans): every centre must be assigned, else :class:`Infeasible` names the shortage.
    ``cover_all=False`` (what-if): as many centres as possible are covered, higher priority first among
    equal counts, then the least travel; ``max_km`` limits how far a facilitator travels to a centre.
    """
    fixed = dict(fixed or {})
    by_id = {f.id: f for f in facilitators}
    fixed = {c: f for c, f in fixed.items() if f in by_id}
    fixed_load: dict[int, int] = {}
    for f in fixed.values():
        fixed_load[f] = fixed_load.get(f, 0) + 1
    free = [c for c in centres if c.id not in fixed]
    remaining = [
        FacilitatorInput(f.id, f.point, f.skills, max(f.capacity - fixed_load.get(f.id, 0), 0)) for f in facilitators
    ]
    if cover_all:
        problems = shortages(remaining, free)
        if problems:
            raise Infeasible(problems)

    all_points = {c.id: c.point for c in centres}
    km: dict[int, float] = {c: road_km(by_id[f].point, all_points[c]) for c, f in fixed.items()}
    solution = _flow(remaining, free, fixed_load, cover_all, max_km, balance_km, k_nearest)
    if cover_all and solution.unassigned and k_nearest is not None:
        # The nearest-K restriction cut off the only facilitators with places left: solve on every arc.
        solution = _flow(remaining, free, fixed_load, cover_all, max_km, balance_km, None)
    if cover_all and solution.unassigned:
        raise Infeasible(shortages(remaining, free) or [Shortage((), len(solution.unassigned), 0)])
    solution.pairs.update(fixed)
    solution.km.update(km)
    return solution


def _flow(
    facilitators: Sequence[FacilitatorInput],
    centres: Sequence[CentreInput],
    fixed_load: dict[int, int],
    cover_all: bool,
    max_km: float | None,
    balance_km: float,
    k_nearest: int | None,
) -> Solution:
    n_f, n_c = len(facilitators), len(centres)
    if n_c == 0:
        return Solution({}, {})
    source, sink = 0, 1 + n_f + n_c
    f_node = lambda i: 1 + i  # noqa: E731
    c_node = lambda j: 1 + n_f + j  # noqa: E731
    distances = road_matrix([c.point for c in centres], [f.point for f in facilitators])
    # Skill mask, and the distance limit of a what-if.
    skill = np.array([[c.focus in f.skills for f in facilitators] for c in centres], dtype=bool).reshape(n_c, n_f)
    allowed = skill & (distances <= max_km) if max_km is not None else skill

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, cap: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)

    for i, f in enumerate(facilitators):
        for cost in _unit_arc_costs(f.capacity, fixed_load.get(f.id, 0), balance_km):
            arc(source, f_node(i), 1, cost)
    centre_arcs: list[tuple[int, int, int]] = []  # (arc index, centre j, facilitator i)
    max_cost = 1
    for j in range(n_c):
        candidates = np.flatnonzero(allowed[j])
        if k_nearest is not None and len(candidates) > k_nearest:
            nearest = np.argpartition(distances[j, candidates], k_nearest - 1)[:k_nearest]
            candidates = candidates[nearest]
        for i in sorted(candidates.tolist()):
            cost = round(float(distances[j, i]) * COST_SCALE)
            max_cost = max(max_cost, cost)
            centre_arcs.append((len(tails), j, i))
            arc(f_node(i), c_node(j), 1, cost)
        arc(c_node(j), sink, 1, 0)
    if not cover_all:
        # Leaving a centre out costs more than any travel and balance it could need, so coverage comes
        # first; a higher-priority centre costs a little more to leave out than a lower one.
        max_balance = round(balance_km * max((f.capacity + fixed_load.get(f.id, 0) for f in facilitators), default=0))
        unit = (max_cost + max_balance * COST_SCALE + 1) * (n_c + 1)
        worst = max(c.priority for c in centres)
        for j, c in enumerate(centres):
            arc(source, c_node(j), 1, unit * (n_c + 1) + unit * (worst - c.priority + 1))

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(tails, dtype=np.int32),
        np.asarray(heads, dtype=np.int32),
        np.asarray(caps, dtype=np.int64),
        np.asarray(costs, dtype=np.int64),
    )
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n_c, -n_c]))
    # Covering all: the most centres possible at least cost (short of a full cover, some stay out);
    # what-if: every centre has its "left out" arc, so the exact supply/demand solve always succeeds.
    status = flow.solve_max_flow_with_min_cost() if cover_all else flow.solve()
    if status != flow.OPTIMAL:
        return Solution({}, {}, unassigned=[c.id for c in centres])
    pairs: dict[int, int] = {}
    km: dict[int, float] = {}
    for index, j, i in centre_arcs:
        if flow.flow(index) > 0:
            pairs[centres[j].id] = facilitators[i].id
            km[centres[j].id] = float(distances[j, i])
    return Solution(pairs, km, unassigned=[c.id for c in centres if c.id not in pairs])


def greedy(
    facilitators: Sequence[FacilitatorInput],
    centres: Iterable[CentreInput],
    *,
    fixed: dict[int, int] | None = None,
) -> Solution:
    """The simple baseline: each centre in turn (as given) to the nearest skilled facilitator with a place left.

    Pairs in ``fixed`` are kept and use capacity, as in :func:`solve`. Centres left without anyone are
    listed in ``unassigned``.
    """
    fixed = dict(fixed or {})
    by_id = {f.id: f for f in facilitators}
    left = {f.id: f.capacity for f in facilitators}
    pairs: dict[int, int] = {}
    km: dict[int, float] = {}
    centres = list(centres)
    for c in centres:
        f_id = fixed.get(c.id)
        if f_id in by_id:
            left[f_id] -= 1
            pairs[c.id] = f_id
            km[c.id] = road_km(by_id[f_id].point, c.point)
    unassigned: list[int] = []
    free = [c for c in centres if c.id not in pairs]
    distances = road_matrix([c.point for c in free], [f.point for f in facilitators])
    for j, c in enumerate(free):
        best: int | None = None
        for i in np.argsort(distances[j], kind="stable").tolist() if len(facilitators) else []:
            f = facilitators[i]
            if c.focus in f.skills and left[f.id] > 0:
                best = i
                break
        if best is None:
            unassigned.append(c.id)
            continue
        f = facilitators[best]
        left[f.id] -= 1
        pairs[c.id] = f.id
        km[c.id] = float(distances[j, best])
    return Solution(pairs, km, unassigned=unassigned)
