"""Incubator selection: ranking and quota-constrained choice, pure functions over plain data.

Method (documented on the selection page):

1. **Eligible** centres have a verified assessment in the round and a cluster at or above the
   minimum cluster. The others are listed with their reason and never selected.
2. **Ranking**: by the *weighted score* (the weighted mean of the dimension scores with the
   selection's dimension weights) or by *TOPSIS* (closeness to the ideal centre: vector-normalised
   dimension scores times the normalised weights; distance to the best and worst value of each
   dimension; closeness = d⁻ / (d⁺ + d⁻)). Ties: higher governance score, then centre code.
3. **Choice** (greedy in rank order): first, for each host type with a minimum, its best-ranked
   eligible centres until the minimum is met; then everyone else in rank order. A centre whose
   province has reached the maximum is passed over. The count is never exceeded.
4. **Sensitivity**: each dimension's weight moved by −10% and +10% (the others unchanged), the
   choice repeated, and the centres that enter or leave are listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from math import sqrt

from .choices import SelectionMethod, SelectionReason
from .scoring import GOVERNANCE

SENSITIVITY_STEP = 0.10


@dataclass(frozen=True)
class Candidate:
    """A centre of the round as selection sees it."""

    centre_id: int
    code: str
    province: str
    host_kind: str
    verified: bool
    cluster_rank: int | None
    dimensions: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraints:
    """What the ministry sets: how many, the minimum cluster rank, the quotas."""

    count: int
    min_cluster_rank: int | None = None
    max_per_province: int | None = None
    min_per_host: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """A candidate's place in the selection."""

    centre_id: int
    code: str
    rank: int | None  # None: not eligible
    score: float | None
    topsis: float | None
    selected: bool
    reason: str


@dataclass(frozen=True)
class Result:
    """The outcomes in rank order (eligible first), and host-type minimums that could not be met."""

    outcomes: list[Outcome]
    shortfalls: dict[str, int]

    def selected_ids(self) -> set[int]:
        return {o.centre_id for o in self.outcomes if o.selected}


def weighted_score(dimensions: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The weighted mean of the dimension scores (0..100)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(weight * dimensions.get(code, 0.0) for code, weight in weights.items()) / total


def topsis(rows: Sequence[Mapping[str, float]], weights: Mapping[str, float]) -> list[float]:
    """TOPSIS closeness (0..1) of each row; every dimension is a benefit criterion."""
    if not rows:
        return []
    codes = sorted(weights)
    total = sum(weights.values()) or 1.0
    norms = {code: sqrt(sum(row.get(code, 0.0) ** 2 for row in rows)) for code in codes}
    weighted = [
        {code: (row.get(code, 0.0) / norms[code] if norms[code] else 0.0) * weights[code] / total for code in codes}
        for row in rows
    ]
    best = {code: max(row[code] for row in weighted) for code in codes}
    worst = {code: min(row[code] for row in weighted) for code in codes}
    closeness = []
    for row in weighted:
        to_best = sqrt(sum((row[code] - best[code]) ** 2 for code in codes))
        to_worst = sqrt(sum((row[code] - worst[code]) ** 2 for code in codes))
        closeness.append(to_worst / (to_best + to_worst) if to_best + to_worst else 1.0)
    return closeness


def select(
    candidates: Sequence[Candidate], constraints: Constraints, weights: Mapping[str, float], method: str
) -> Result:
    """Rank and choose; every candidate gets an outcome with its reason."""
    eligible: list[Candidate] = []
    outcomes: list[Outcome] = []
    for candidate in sorted(candidates, key=lambda c: c.code):
        if not candidate.verified:
            reason = SelectionReason.NOT_VERIFIED
        elif constraints.min_cluster_rank is not None and (candidate.cluster_rank or 0) < constraints.min_cluster_rank:
            reason = SelectionReason.BELOW_MIN_CLUSTER
        else:
            eligible.append(candidate)
            continue
        outcomes.append(Outcome(candidate.centre_id, candidate.code, None, None, None, False, reason))

    scores = {c.centre_id: weighted_score(c.dimensions, weights) for c in eligible}
    closeness = dict(
        zip((c.centre_id for c in eligible), topsis([c.dimensions for c in eligible], weights), strict=True)
    )
    primary = closeness if method == SelectionMethod.TOPSIS else scores
    ranked = sorted(
        eligible, key=lambda c: (-round(primary[c.centre_id], 9), -c.dimensions.get(GOVERNANCE, 0.0), c.code)
    )

    chosen: dict[int, str] = {}
    per_province: Counter[str] = Counter()
    passed_over: set[int] = set()

    def take(candidate: Candidate, reason: str) -> bool:
        if len(chosen) >= constraints.count:
            return False
        if (
            constraints.max_per_province is not None
            and per_province[candidate.province] >= constraints.max_per_province
        ):
            passed_over.add(candidate.centre_id)
            return False
        chosen[candidate.centre_id] = reason
        per_province[candidate.province] += 1
        return True

    shortfalls: dict[str, int] = {}
    for host_kind, minimum in sorted(constraints.min_per_host.items()):
        taken = sum(1 for c in ranked if c.centre_id in chosen and c.host_kind == host_kind)
        for candidate in ranked:
            if taken >= minimum:
                break
            if candidate.host_kind == host_kind and candidate.centre_id not in chosen:
                taken += take(candidate, SelectionReason.SELECTED_HOST_QUOTA)
        if taken < minimum:
            shortfalls[host_kind] = minimum - taken
    for candidate in ranked:
        if candidate.centre_id not in chosen:
            take(candidate, SelectionReason.SELECTED)

    ranked_outcomes = []
    for position, candidate in enumerate(ranked, start=1):
        selected = candidate.centre_id in chosen
        if selected:
            reason = chosen[candidate.centre_id]
        elif candidate.centre_id in passed_over:
            reason = SelectionReason.PROVINCE_FULL
        else:
            reason = SelectionReason.BELOW_CUT
        ranked_outcomes.append(
            Outcome(
                candidate.centre_id,
                candidate.code,
                position,
                scores[candidate.centre_id],
                closeness[candidate.centre_id],
                selected,
                reason,
            )
        )
    return Result(ranked_outcomes + outcomes, shortfalls)


@dataclass(frozen=True)
class SensitivityRow:
    """How the selection changes when one dimension's weight moves by ``change`` (−0.1 or +0.1)."""

    dimension: str
    change: float
    entering: list[str]
    leaving: list[str]


def sensitivity(
    candidates: Sequence[Candidate], constraints: Constraints, weights: Mapping[str, float], method: str
) -> list[SensitivityRow]:
    """For each dimension, weight −10% and +10%: which centres (codes) enter and leave the selection."""
    base = select(candidates, constraints, weights, method).selected_ids()
    codes = {c.centre_id: c.code for c in candidates}
    rows = []
    for dimension in sorted(weights):
        for change in (-SENSITIVITY_STEP, SENSITIVITY_STEP):
            moved = dict(weights)
            moved[dimension] = weights[dimension] * (1 + change)
            now = select(candidates, constraints, moved, method).selected_ids()
            rows.append(
                SensitivityRow(
                    dimension,
                    change,
                    sorted(codes[i] for i in now - base),
                    sorted(codes[i] for i in base - now),
                )
            )
    return rows
