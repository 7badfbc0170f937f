"""Scoring of an assessment: pure functions over plain data, no database.

* An indicator's answer is normalised to 0..1: ``(value - min) / (max - min)``; an unanswered
  indicator counts as its lowest value.
* A dimension's score (0..100) is the weighted mean of its indicators' normalised values × 100.
* The total (0..100) is the weighted mean of the dimension scores.
* The cluster is the highest level whose minimum total is reached *and* all of whose gates
  (minimum scores on named dimensions) hold; a level's gates override its threshold. The lowest
  level is the fallback, whatever the scores.
* The explanation names the smallest set of indicator raises that lifts a centre to the next
  level: the fewest indicators changed, then the fewest scale steps. It is found exactly with
  OR-Tools CP-SAT on the instrument's integer scale points; the constraints are the same linear
  sums as the scores, with rational weights turned into exact integers (no rounding).
* Ranking ties are broken by total, then governance score, then centre code (``rank_key``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm

GOVERNANCE = "governance"  # the dimension that breaks ties: the best-governed centres come first


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as scoring sees it: its integer scale and weight within its dimension."""

    code: str
    low: int
    high: int
    weight: Fraction = Fraction(1)


@dataclass(frozen=True)
class DimensionSpec:
    """A dimension: its weight in the total and its indicators."""

    code: str
    weight: Fraction
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class LevelSpec:
    """A cluster level: rank (1 lowest), minimum total and gates ``{dimension code: minimum score}``."""

    code: str
    rank: int
    min_total: Fraction
    gates: Mapping[str, Fraction] = field(default_factory=dict)


@dataclass(frozen=True)
class InstrumentSpec:
    """An instrument version as scoring sees it."""

    dimensions: tuple[DimensionSpec, ...]
    levels: tuple[LevelSpec, ...]  # any order; sorted by rank where it matters

    def indicators(self) -> list[IndicatorSpec]:
        return [indicator for dimension in self.dimensions for indicator in dimension.indicators]

    def ordered_levels(self) -> list[LevelSpec]:
        return sorted(self.levels, key=lambda level: level.rank)


@dataclass(frozen=True)
class Scores:
    """Dimension scores and total, exact fractions in 0..100."""

    dimensions: dict[str, Fraction]
    total: Fraction

    def rounded(self) -> tuple[dict[str, float], float]:
        """Scores rounded to two decimals, as stored and shown."""
        return {code: round(float(value), 2) for code, value in self.dimensions.items()}, round(float(self.total), 2)


@dataclass(frozen=True)
class Shortfall:
    """A condition of the next level that is not met: the total or a dimension, and by how much."""

    dimension: str | None  # None: the total score
    score: Fraction
    needed: Fraction


@dataclass(frozen=True)
class Raise:
    """One improvement: raise an indicator from its current value to ``to``."""

    indicator: str
    dimension: str
    current: int
    to: int


@dataclass(frozen=True)
class Explanation:
    """What holds a centre below the next level, and the smallest set of raises that reaches it."""

    target: str | None  # None: already in the top level
    shortfalls: tuple[Shortfall, ...] = ()
    raises: tuple[Raise, ...] = ()

    def as_dict(self) -> dict:
        """A JSON-friendly copy for the assessment's snapshot."""
        return {
            "target": self.target,
            "shortfalls": [
                {"dimension": s.dimension, "score": round(float(s.score), 2), "needed": round(float(s.needed), 2)}
                for s in self.shortfalls
            ],
            "raises": [
                {"indicator": r.indicator, "dimension": r.dimension, "current": r.current, "to": r.to}
                for r in self.raises
            ],
        }


def _value(indicator: IndicatorSpec, answers: Mapping[str, int]) -> int:
    value = answers.get(indicator.code)
    if value is None:
        return indicator.low
    return max(indicator.low, min(indicator.high, int(value)))


def normalise(indicator: IndicatorSpec, value: int | None) -> Fraction:
    """The answer as a fraction of the scale, 0..1 (unanswered: 0; out of range: clamped)."""
    if value is None:
        return Fraction(0)
    clamped = max(indicator.low, min(indicator.high, int(value)))
    return Fraction(clamped - indicator.low, indicator.high - indicator.low)


def score(spec: InstrumentSpec, answers: Mapping[str, int]) -> Scores:
    """Dimension scores and total of ``answers`` (``{indicator code: value}``)."""
    dimensions: dict[str, Fraction] = {}
    for dimension in spec.dimensions:
        weight = sum((i.weight for i in dimension.indicators), Fraction(0))
        if not weight:
            dimensions[dimension.code] = Fraction(0)
            continue
        part = sum((i.weight * normalise(i, answers.get(i.code)) for i in dimension.indicators), Fraction(0))
        dimensions[dimension.code] = 100 * part / weight
    total_weight = sum((d.weight for d in spec.dimensions), Fraction(0))
    total = (
        sum((d.weight * dimensions[d.code] for d in spec.dimensions), Fraction(0)) / total_weight
        if total_weight
        else Fraction(0)
    )
    return Scores(dimensions, total)


def level_holds(level: LevelSpec, scores: Scores) -> bool:
    """Whether ``scores`` reach the level's minimum total and every one of its gates."""
    if scores.total < level.min_total:
        return False
    return all(scores.dimensions.get(code, Fraction(0)) >= bar for code, bar in level.gates.items())


def cluster(spec: InstrumentSpec, scores: Scores) -> LevelSpec:
    """The highest level whose threshold and gates hold; the lowest level otherwise."""
    levels = spec.ordered_levels()
    reached = levels[0]
    for level in levels[1:]:
        if level_holds(level, scores):
            reached = level
    return reached


def shortfalls(level: LevelSpec, scores: Scores) -> tuple[Shortfall, ...]:
    """The conditions of ``level`` that ``scores`` miss."""
    missing: list[Shortfall] = []
    if scores.total < level.min_total:
        missing.append(Shortfall(None, scores.total, level.min_total))
    for code, bar in sorted(level.gates.items()):
        current = scores.dimensions.get(code, Fraction(0))
        if current < bar:
            missing.append(Shortfall(code, current, bar))
    return tuple(missing)


def explain(spec: InstrumentSpec, answers: Mapping[str, int]) -> Explanation:
    """The next level above the centre's cluster, what it misses, and the fewest raises that reach it.

    "Next" is the lowest level above the current one; when it cannot be reached even with every
    indicator at its top (a badly set scheme), no raises are given.
    """
    scores = score(spec, answers)
    current = cluster(spec, scores)
    above = [level for level in spec.ordered_levels() if level.rank > current.rank]
    if not above:
        return Explanation(target=None)
    target = above[0]
    missing = shortfalls(target, scores)
    return Explanation(target=target.code, shortfalls=missing, raises=tuple(minimal_raises(spec, answers, target)))


def _dimension_terms(dimension: DimensionSpec) -> tuple[dict[str, Fraction], Fraction]:
    """Coefficients of a dimension score: ``score = Σ coef[i] * (value_i - low_i)``."""
    weight = sum((i.weight for i in dimension.indicators), Fraction(0))
    if not weight:
        return {}, Fraction(0)
    return {i.code: 100 * i.weight / (weight * (i.high - i.low)) for i in dimension.indicators}, weight


def minimal_raises(spec: InstrumentSpec, answers: Mapping[str, int], target: LevelSpec) -> list[Raise]:
    """The fewest indicators (then fewest steps) to raise so that ``target`` holds; [] if impossible.

    Every condition of a level is linear in the indicator values, so the problem is a small integer
    programme: one variable per indicator between its current value and its top, "changed" flags,
    minimise changed × (all steps + 1) + steps. Fractions are scaled by the least common
    multiple of their denominators so that CP-SAT sees exact integers.
    """
    from ortools.sat.python import cp_model

    indicators = spec.indicators()
    dimension_of = {i.code: d for d in spec.dimensions for i in d.indicators}
    current = {i.code: _value(i, answers) for i in indicators}
    if level_holds(target, score(spec, current)):
        return []
    best = {i.code: i.high for i in indicators}
    if not level_holds(target, score(spec, best)):
        return []

    model = cp_model.CpModel()
    by_code = {i.code: i for i in indicators}
    values = {
        code: model.NewIntVar(current[code], by_code[code].high, f"v_{position}")
        for position, code in enumerate(by_code)
    }
    changed = {code: model.NewBoolVar(f"c_{position}") for position, code in enumerate(by_code)}
    for code, variable in values.items():
        # Not changed means staying at the current value.
        model.Add(variable == current[code]).OnlyEnforceIf(changed[code].Not())

    def add_at_least(coefficients: Mapping[str, Fraction], bound: Fraction) -> None:
        """Σ coef * (value - low) >= bound, scaled to integers exactly."""
        terms = {code: c for code, c in coefficients.items() if c}
        offset = sum((c * by_code[code].low for code, c in terms.items()), Fraction(0))
        right = bound + offset
        scale = lcm(*(c.denominator for c in terms.values()), right.denominator) if terms else 1
        model.Add(sum(int(c * scale) * values[code] for code, c in terms.items()) >= int(right * scale))

    dimension_terms = {d.code: _dimension_terms(d)[0] for d in spec.dimensions}
    for code, bar in target.gates.items():
        if code in dimension_terms:
            add_at_least(dimension_terms[code], bar)
    total_weight = sum((d.weight for d in spec.dimensions), Fraction(0))
    total_terms: dict[str, Fraction] = {}
    for dimension in spec.dimensions:
        for code, coefficient in dimension_terms[dimension.code].items():
            total_terms[code] = coefficient * dimension.weight / total_weight
    add_at_least(total_terms, target.min_total)

    steps = sum(values[code] - current[code] for code in by_code)
    room = sum(by_code[code].high - current[code] for code in by_code) + 1
    model.Minimize(room * sum(changed.values()) + steps)
    solver = cp_model.CpSolver()
    # One worker and a fixed seed: the same centre always gets the same explanation.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = 10.0
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return []
    raises = []
    for code in by_code:
        to = solver.Value(values[code])
        if to != current[code]:
            raises.append(Raise(code, dimension_of[code].code, current[code], to))
    return raises


def apply_raises(answers: Mapping[str, int], raises: Sequence[Raise]) -> dict[str, int]:
    """``answers`` with the raises applied: what the centre would score after improving."""
    improved = dict(answers)
    for item in raises:
        improved[item.indicator] = item.to
    return improved


def rank_key(code: str, scores: Scores) -> tuple:
    """Sort key for a ranking: higher total first, then higher governance, then centre code."""
    return (-scores.total, -scores.dimensions.get(GOVERNANCE, Fraction(0)), code)
