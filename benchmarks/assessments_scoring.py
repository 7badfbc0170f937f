"""``make bench``: scoring, explanations and incubator selection at national scale — 4,300 centres.

No database: the default instrument (``inkubator/assessments/defaults.py``, 7 dimensions × 5
indicators, binaan/berdaya/mandiri with gates) is scored for 4,300 synthetic centres whose answers
follow a latent quality per centre. Prints, per phase, the time and the rate: scores and clusters
(exact fractions), explanations (the fewest indicator raises, OR-Tools CP-SAT per centre), and the
selection of 100 incubators with quotas by weighted score and by TOPSIS, with the ±10% sensitivity
(14 more selections). Run: ``.venv/bin/python benchmarks/assessments_scoring.py``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()  # only for imports (the choices' lazy labels); no query is made

from benchline import bench, slug  # noqa: E402

from inkubator.assessments import scoring  # noqa: E402
from inkubator.assessments.defaults import DIMENSIONS, LEVELS  # noqa: E402
from inkubator.assessments.selection import Candidate, Constraints, select, sensitivity  # noqa: E402

CENTRES = int(os.environ.get("BENCH_CENTRES", "4300"))
PROVINCES = ["35", "32", "33", "36", "11", "12", "73", "52", "18", "13", "16", "34", "53", "64"]
HOSTS = ["pesantren"] * 8 + ["religious", "union", "community"]


def spec() -> scoring.InstrumentSpec:
    dimensions = tuple(
        scoring.DimensionSpec(
            code,
            Fraction(str(weight)),
            tuple(
                scoring.IndicatorSpec(
                    i_code, 0 if kind == "yes_no" else 1, 1 if kind == "yes_no" else 5, Fraction(str(w))
                )
                for i_code, _q, kind, w, _e in indicators
            ),
        )
        for code, _name, weight, indicators in DIMENSIONS
    )
    levels = tuple(
        scoring.LevelSpec(code, rank, Fraction(str(m)), {d: Fraction(str(b)) for d, b in gates.items()})
        for code, _label, rank, m, _focus, gates in LEVELS
    )
    return scoring.InstrumentSpec(dimensions, levels)


def timed(label: str, count: int, function):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    print(f"{label:<48} {elapsed:8.2f} s   {count / elapsed:10,.0f} /s")
    bench(f"assessments_{slug(label)}", count / elapsed, "per_s")
    return result


def main() -> None:
    rng = random.Random(1)
    instrument = spec()
    indicators = instrument.indicators()
    answers = []
    for _ in range(CENTRES):
        quality = min(1.0, max(0.0, rng.betavariate(2.2, 3.0) + 0.1))
        answers.append(
            {
                i.code: i.low + round(min(1.0, max(0.0, quality + rng.gauss(0, 0.18))) * (i.high - i.low))
                for i in indicators
            }
        )
    print(f"Assessments: {CENTRES:,} centres × {len(indicators)} indicators")
    scores = timed("scores and clusters", CENTRES, lambda: [scoring.score(instrument, a) for a in answers])
    clusters = Counter(scoring.cluster(instrument, s).code for s in scores)
    print("  clusters:", ", ".join(f"{code} {n:,}" for code, n in sorted(clusters.items())))
    explanations = timed(
        "explanations (fewest raises, CP-SAT)", CENTRES, lambda: [scoring.explain(instrument, a) for a in answers]
    )
    sizes = Counter(len(e.raises) for e in explanations if e.target)
    print("  raises per explanation:", ", ".join(f"{k}: {v:,}" for k, v in sorted(sizes.items())))
    candidates = [
        Candidate(
            n,
            f"C{n:05d}",
            rng.choice(PROVINCES),
            rng.choice(HOSTS),
            rng.random() > 0.05,
            scoring.cluster(instrument, s).rank,
            {code: float(v) for code, v in s.dimensions.items()},
        )
        for n, s in enumerate(scores)
    ]
    weights = {d.code: float(d.weight) for d in instrument.dimensions}
    constraints = Constraints(count=100, min_cluster_rank=2, max_per_province=12, min_per_host={"union": 5})
    for method in ("weighted", "topsis"):
        result = timed(
            f"selection of 100 ({method})", CENTRES, lambda m=method: select(candidates, constraints, weights, m)
        )
        print(f"  selected {len(result.selected_ids())}, host shortfalls {result.shortfalls or 'none'}")
    rows = timed(
        "sensitivity (14 more selections, weighted)",
        CENTRES * 14,
        lambda: sensitivity(candidates, constraints, weights, "weighted"),
    )
    moved = sum(len(r.entering) for r in rows)
    print(f"  centres entering across the 14 variations: {moved}")


if __name__ == "__main__":
    main()
