"""Property tests of the pure scoring module: bounds, monotonicity, gates over thresholds, deterministic ties,
and explanations that really lift a centre to the next cluster."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from inkubator.assessments import scoring

weights = st.fractions(min_value=Fraction(1, 4), max_value=Fraction(3), max_denominator=4)


@st.composite
def instruments(draw: st.DrawFn) -> scoring.InstrumentSpec:
    """Small random instruments: 1–4 dimensions of 1–4 indicators (yes/no or scales), a 3-level scheme."""
    dimensions = []
    serial = 0
    for d in range(draw(st.integers(1, 4))):
        indicators = []
        for _ in range(draw(st.integers(1, 4))):
            serial += 1
            low = draw(st.integers(0, 1))
            high = low + draw(st.integers(1, 4))
            indicators.append(scoring.IndicatorSpec(f"i{serial}", low, high, draw(weights)))
        dimensions.append(scoring.DimensionSpec(f"d{d}" if d else scoring.GOVERNANCE, draw(weights), tuple(indicators)))
    middle = Fraction(draw(st.integers(10, 60)))
    upper = middle + draw(st.integers(0, 35))
    gated = draw(st.sampled_from([d.code for d in dimensions]))
    gates = {gated: Fraction(draw(st.integers(0, 100)))}
    levels = (
        scoring.LevelSpec("low", 1, Fraction(0)),
        scoring.LevelSpec("mid", 2, middle),
        scoring.LevelSpec("top", 3, upper, gates),
    )
    return scoring.InstrumentSpec(tuple(dimensions), levels)


@st.composite
def instrument_and_answers(draw: st.DrawFn) -> tuple[scoring.InstrumentSpec, dict[str, int]]:
    spec = draw(instruments())
    answers = {i.code: draw(st.integers(i.low, i.high)) for i in spec.indicators()}
    return spec, answers


@given(instrument_and_answers())
def test_scores_stay_within_0_and_100(case: tuple[scoring.InstrumentSpec, dict[str, int]]) -> None:
    spec, answers = case
    scores = scoring.score(spec, answers)
    assert 0 <= scores.total <= 100
    assert all(0 <= value <= 100 for value in scores.dimensions.values())


@given(instrument_and_answers(), st.data())
def test_raising_an_indicator_never_lowers_the_total_or_the_cluster(
    case: tuple[scoring.InstrumentSpec, dict[str, int]], data: st.DataObject
) -> None:
    spec, answers = case
    indicator = data.draw(st.sampled_from(spec.indicators()))
    raised = dict(answers, **{indicator.code: data.draw(st.integers(answers[indicator.code], indicator.high))})
    before, after = scoring.score(spec, answers), scoring.score(spec, raised)
    assert after.total >= before.total
    assert all(after.dimensions[code] >= before.dimensions[code] for code in before.dimensions)
    assert scoring.cluster(spec, after).rank >= scoring.cluster(spec, before).rank


@given(instrument_and_answers())
def test_a_failed_gate_keeps_a_centre_out_of_the_level_whatever_its_total(
    case: tuple[scoring.InstrumentSpec, dict[str, int]],
) -> None:
    spec, answers = case
    scores = scoring.score(spec, answers)
    top = spec.ordered_levels()[-1]
    reached = scoring.cluster(spec, scores)
    gate_fails = any(scores.dimensions[code] < bar for code, bar in top.gates.items())
    if gate_fails:
        assert reached.rank < top.rank
    if scores.total >= top.min_total and not gate_fails:
        assert reached.code == top.code


def test_a_gate_overrides_the_threshold_in_a_concrete_case() -> None:
    spec = scoring.InstrumentSpec(
        (
            scoring.DimensionSpec(scoring.GOVERNANCE, Fraction(1), (scoring.IndicatorSpec("g", 1, 5),)),
            scoring.DimensionSpec("money", Fraction(3), (scoring.IndicatorSpec("m", 1, 5),)),
        ),
        (
            scoring.LevelSpec("binaan", 1, Fraction(0)),
            scoring.LevelSpec("mandiri", 2, Fraction(70), {scoring.GOVERNANCE: Fraction(70)}),
        ),
    )
    scores = scoring.score(spec, {"g": 3, "m": 5})  # governance 50, money 100: total 87.5
    assert scores.total == Fraction(175, 2)
    assert scoring.cluster(spec, scores).code == "binaan"
    assert scoring.cluster(spec, scoring.score(spec, {"g": 4, "m": 5})).code == "mandiri"


@settings(max_examples=60, deadline=None)
@given(instrument_and_answers())
def test_the_explanation_applied_reaches_the_next_level_and_is_minimal(
    case: tuple[scoring.InstrumentSpec, dict[str, int]],
) -> None:
    spec, answers = case
    scores = scoring.score(spec, answers)
    current = scoring.cluster(spec, scores)
    explanation = scoring.explain(spec, answers)
    above = [level for level in spec.ordered_levels() if level.rank > current.rank]
    if not above:
        assert explanation.target is None
        return
    target = above[0]
    assert explanation.target == target.code
    best = {i.code: i.high for i in spec.indicators()}
    if not scoring.level_holds(target, scoring.score(spec, best)):
        assert explanation.raises == ()
        return
    improved = scoring.apply_raises(answers, explanation.raises)
    assert scoring.level_holds(target, scoring.score(spec, improved))
    # Minimal: no smaller set of indicators reaches the level, even raised to their top.
    count = len(explanation.raises)
    if count and len(spec.indicators()) <= 10:
        from itertools import combinations

        for subset in combinations(spec.indicators(), count - 1):
            trial = dict(answers, **{i.code: i.high for i in subset})
            assert not scoring.level_holds(target, scoring.score(spec, trial))


@given(instrument_and_answers(), st.randoms())
def test_ties_are_broken_deterministically(
    case: tuple[scoring.InstrumentSpec, dict[str, int]], rnd: random.Random
) -> None:
    spec, answers = case
    # Several centres with the same answers (a tie on everything) plus some with other answers.
    centres = [(f"C-{n:03d}", scoring.score(spec, answers)) for n in range(5)]
    centres += [(f"B-{n:03d}", scoring.score(spec, {i.code: i.high for i in spec.indicators()})) for n in range(2)]
    orders = set()
    for _ in range(4):
        shuffled = centres[:]
        rnd.shuffle(shuffled)
        orders.add(tuple(code for code, scores in sorted(shuffled, key=lambda c: scoring.rank_key(*c))))
    assert len(orders) == 1
    order = orders.pop()
    assert [code for code in order if code.startswith("C-")] == sorted(c for c, _ in centres if c.startswith("C-"))
