"""Allocation of eligible registrants to venue places: a min-cost flow (OR-Tools), pure and testable.

Each registrant is one unit of flow from the source, through one arc per venue, to the sink; a venue
passes at most its places on. The cost of a registrant at a venue is the distance from their home
regency to the venue in km, plus a penalty when the venue is not among their preferred venues (less
for a second or third choice than for none), plus a penalty when the venue does not train their
business field. A registrant may also go to the waiting list, at a cost higher than any place: the
solver therefore places as many registrants as the places allow, and among those placements finds
the one with the least total cost. Nearest-venue greedy (``greedy``) is the baseline it is measured
against: first come, nearest free venue.

Quotas by business field (``field_caps``: field id → places, issue 12.4) cap how many registrants of
a field are placed across all venues. A cap and a venue's places cross each other, so the cap sits
on the supply side: the source feeds a capped field's registrants through one node of that field,
which passes at most its cap on; whatever supply is not placed goes straight from source to sink at
the waiting cost. With no caps the network is the one above, arc for arc.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

EARTH_KM = 6371.0
# Penalties in km-equivalents: a first choice costs its distance; a venue the worker did not name
# costs 150 km more (a second choice 50, a third 100), one that does not train their field 100 more.
RANK_PENALTY = {1: 0, 2: 50, 3: 100}
NOT_PREFERRED_PENALTY = 150
FIELD_PENALTY = 100
UNKNOWN_KM = 2000.0  # a registrant or venue without coordinates: far from everything, never chosen first


@dataclass(frozen=True)
class Candidate:
    """A registrant to place: id, home point, business field, preferred venue ids in order."""

    id: int
    latitude: float | None
    longitude: float | None
    field_id: int | None = None
    preferences: tuple[int, ...] = ()


@dataclass(frozen=True)
class Place:
    """A venue with places left: id, point, the fields it trains, how many it takes."""

    id: int
    latitude: float | None
    longitude: float | None
    capacity: int
    field_ids: frozenset[int] = frozenset()


@dataclass
class Allocation:
    """Who goes where (registrant id → venue id), who waits (in the order given), and at what distance."""

    assigned: dict[int, int] = field(default_factory=dict)
    waiting: list[int] = field(default_factory=list)
    km: dict[int, float] = field(default_factory=dict)

    @property
    def total_km(self) -> float:
        return sum(self.km.values())


def distances_km(candidates: Sequence[Candidate], places: Sequence[Place]) -> np.ndarray:
    """Great-circle distances, candidates × places, in km (``UNKNOWN_KM`` where a point is missing)."""

    def radians(points: Sequence[Candidate | Place]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lat = np.array([math.nan if p.latitude is None else float(p.latitude) for p in points], dtype=float)
        lon = np.array([math.nan if p.longitude is None else float(p.longitude) for p in points], dtype=float)
        return np.radians(lat), np.radians(lon), np.isnan(lat) | np.isnan(lon)

    lat1, lon1, missing1 = radians(candidates)
    lat2, lon2, missing2 = radians(places)
    dlat = lat2[None, :] - lat1[:, None]
    dlon = lon2[None, :] - lon1[:, None]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1)[:, None] * np.cos(lat2)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    km[missing1, :] = UNKNOWN_KM
    km[:, missing2] = UNKNOWN_KM
    return km


def costs(candidates: Sequence[Candidate], places: Sequence[Place], km: np.ndarray) -> np.ndarray:
    """Whole-km costs, candidates × places: distance plus the preference and field penalties."""
    cost = km.copy()
    index = {place.id: j for j, place in enumerate(places)}
    for i, candidate in enumerate(candidates):
        if candidate.preferences:
            row = np.full(len(places), float(NOT_PREFERRED_PENALTY))
            for rank, venue_id in enumerate(candidate.preferences, start=1):
                if venue_id in index:
                    row[index[venue_id]] = RANK_PENALTY.get(rank, NOT_PREFERRED_PENALTY)
            cost[i] += row
        if candidate.field_id is not None:
            cost[i] += [0 if candidate.field_id in p.field_ids or not p.field_ids else FIELD_PENALTY for p in places]
    return np.rint(cost).astype(np.int64)


def _capped(candidate: Candidate, field_caps: Mapping[int, int] | None) -> bool:
    return bool(field_caps) and candidate.field_id is not None and candidate.field_id in field_caps


def allocate(
    candidates: Sequence[Candidate], places: Sequence[Place], field_caps: Mapping[int, int] | None = None
) -> Allocation:
    """The placement of most registrants at least total cost, each capped field within its cap; the rest
    wait, in the order given."""
    n, m = len(candidates), len(places)
    result = Allocation()
    if n == 0:
        return result
    if m == 0 or sum(p.capacity for p in places) == 0:
        result.waiting = [c.id for c in candidates]
        return result
    km = distances_km(candidates, places)
    cost = costs(candidates, places, km)
    source, sink = n + m, n + m + 1
    wait_cost = int(cost.max()) * 2 + 1  # dearer than any place: placing comes first
    cand = np.arange(n, dtype=np.int32)
    venue = np.arange(n, n + m, dtype=np.int32)
    fields = sorted({c.field_id for c in candidates if _capped(c, field_caps)})
    if not fields:
        # Each registrant's unit of supply reaches a venue or waits on its own arc.
        tails = np.concatenate([np.full(n, source), np.repeat(cand, m), venue, cand]).astype(np.int32)
        heads = np.concatenate([cand, np.tile(venue, n), np.full(m, sink), np.full(n, sink)]).astype(np.int32)
        caps = np.concatenate(
            [np.ones(n), np.ones(n * m), np.array([p.capacity for p in places], dtype=float), np.ones(n)]
        ).astype(np.int64)
        unit = np.concatenate([np.zeros(n), cost.reshape(-1), np.zeros(m), np.full(n, wait_cost)]).astype(np.int64)
    else:
        # A capped field's registrants are fed through their field's node (at most its cap); supply not
        # placed goes from source to sink at the waiting cost.
        node = {field: n + m + 2 + k for k, field in enumerate(fields)}
        feed = [node[c.field_id] if _capped(c, field_caps) else source for c in candidates]
        tails = np.concatenate([feed, np.repeat(cand, m), venue, np.full(len(fields), source), [source]])
        heads = np.concatenate([cand, np.tile(venue, n), np.full(m, sink), [node[f] for f in fields], [sink]])
        caps = np.concatenate(
            [np.ones(n), np.ones(n * m), np.array([p.capacity for p in places], dtype=float),
             np.array([max(0, field_caps[f]) for f in fields], dtype=float), [n]]
        )  # fmt: skip
        unit = np.concatenate([np.zeros(n), cost.reshape(-1), np.zeros(m), np.zeros(len(fields)), [wait_cost]])
        tails, heads, caps, unit = (a.astype(t) for a, t in ((tails, np.int32), (heads, np.int32),
                                                             (caps, np.int64), (unit, np.int64)))  # fmt: skip
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, unit)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n, -n]))
    status = flow.solve()
    if status != flow.OPTIMAL:  # pragma: no cover - the waiting arcs make every instance feasible
        raise RuntimeError(f"allocation failed: status {status}")
    flows = flow.flows(np.arange(n, n + n * m)).reshape(n, m)
    rows, cols = np.nonzero(flows)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        result.assigned[candidates[i].id] = places[j].id
        result.km[candidates[i].id] = float(km[i, j])
    result.waiting = [c.id for c in candidates if c.id not in result.assigned]
    return result


def greedy(
    candidates: Sequence[Candidate], places: Sequence[Place], field_caps: Mapping[int, int] | None = None
) -> Allocation:
    """The baseline: each registrant in turn (as given) to the nearest venue with a place left (while
    their field's cap, if any, has room)."""
    result = Allocation()
    if not candidates:
        return result
    km = distances_km(candidates, places) if places else np.zeros((len(candidates), 0))
    left = [p.capacity for p in places]
    field_left = dict(field_caps or {})
    for i, candidate in enumerate(candidates):
        if _capped(candidate, field_caps):
            if field_left[candidate.field_id] <= 0:
                result.waiting.append(candidate.id)
                continue
            field_left[candidate.field_id] -= 1  # given back below when no venue has a place
        for j in np.argsort(km[i], kind="stable").tolist():
            if left[j] > 0:
                left[j] -= 1
                result.assigned[candidate.id] = places[j].id
                result.km[candidate.id] = float(km[i, j])
                break
        else:
            result.waiting.append(candidate.id)
            if _capped(candidate, field_caps):
                field_left[candidate.field_id] += 1
    return result
