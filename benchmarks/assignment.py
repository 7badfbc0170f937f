"""``make bench``: the facilitator assignment at national scale — 300 facilitators, 4,300 centres.

Synthetic but placed like the programme: centres and facilitators stand on real district centroids
(``inkubator/regions/data/centroids/districts.csv``), drawn with the demo generator's province weights
(most in Java, Aceh, Sumatra, NTB, Sulawesi). Centres need a focus in the 2022 cluster proportions
(9 binaan : 16 berdaya : 25 mandiri); each facilitator has one main skill in turn and half a second one,
and takes up to ``CAPACITY`` centres. No database: the solver is pure.

Prints the solve time (distance matrix, arcs and the OR-Tools min-cost flow), the total road km, the
greedy baseline's km and the ratio, and the same solve without the K-nearest restriction to show what
that restriction costs. Run: ``.venv/bin/python benchmarks/assignment.py``.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()  # only to import the demo's province weights; no query is made

from benchline import bench  # noqa: E402

from inkubator.demo.generator import DEFAULT_WEIGHT, PROVINCE_WEIGHTS  # noqa: E402
from inkubator.mentoring.solver import K_NEAREST, CentreInput, FacilitatorInput, greedy, solve  # noqa: E402

FACILITATORS = int(os.environ.get("BENCH_FACILITATORS", "300"))
CENTRES = int(os.environ.get("BENCH_CENTRES", "4300"))
CAPACITY = int(os.environ.get("BENCH_CAPACITY", "18"))  # 300 × 18 = 5,400 places for 4,300 centres
SEED = 1
FOCI = ("people_assets", "management", "incubator")
FOCUS_WEIGHTS = (9, 16, 25)
DISTRICTS = ROOT / "inkubator" / "regions" / "data" / "centroids" / "districts.csv"


def points(rng: random.Random, count: int) -> list[tuple[float, float]]:
    """``count`` district centroids drawn by province weight (a little jitter: two centres never coincide)."""
    with DISTRICTS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["latitude"] and r["longitude"]]
    weights = [PROVINCE_WEIGHTS.get(r["code"][:2], DEFAULT_WEIGHT) for r in rows]
    chosen = rng.choices(rows, weights=weights, k=count)
    return [
        (float(r["latitude"]) + rng.uniform(-0.02, 0.02), float(r["longitude"]) + rng.uniform(-0.02, 0.02))
        for r in chosen
    ]


def main() -> None:
    rng = random.Random(SEED)
    facilitators = []
    for i, point in enumerate(points(rng, FACILITATORS)):
        skills = {FOCI[i % 3]}
        if rng.random() < 0.5:
            skills.add(rng.choice(FOCI))
        facilitators.append(FacilitatorInput(i, point, frozenset(skills), CAPACITY))
    centres = [
        CentreInput(10_000 + j, point, rng.choices(FOCI, weights=FOCUS_WEIGHTS)[0])
        for j, point in enumerate(points(rng, CENTRES))
    ]
    print(f"Assignment benchmark: {len(facilitators)} facilitators (capacity {CAPACITY}), {len(centres)} centres")

    started = time.perf_counter()
    optimum = solve(facilitators, centres)
    solve_s = time.perf_counter() - started
    started = time.perf_counter()
    baseline = greedy(facilitators, centres)
    greedy_s = time.perf_counter() - started
    loads = list(optimum.loads().values())
    greedy_loads = list(baseline.loads().values())

    ratio = optimum.total_km / baseline.total_km
    mean = optimum.total_km / len(centres)
    print(f"  OR-Tools min-cost flow, K={K_NEAREST} nearest skilled facilitators per centre")
    print(f"    solve time            {solve_s:8.2f} s")
    print(f"    centres assigned      {len(optimum.pairs):8d} / {len(centres)}")
    print(f"    total travel          {optimum.total_km:11,.0f} km   (mean {mean:,.1f} km per centre)")
    print(f"    load per facilitator  {spread(loads)}  (used {len(loads)})")
    print("  Greedy baseline (centres in register order, nearest skilled facilitator with a place left)")
    print(f"    time                  {greedy_s:8.2f} s")
    print(f"    centres assigned      {len(baseline.pairs):8d} / {len(centres)}  ({len(baseline.unassigned)} left out)")
    print(f"    total travel          {baseline.total_km:11,.0f} km")
    print(f"    load per facilitator  {spread(greedy_loads)}")
    if baseline.unassigned:
        print("    (greedy left centres out, so its km covers fewer centres than the optimum's)")
    print(f"  Ratio optimum / greedy  {ratio:8.3f}   (saving {100 * (1 - ratio):.1f} %)")
    bench("assignment_solve", solve_s, "s")
    bench("assignment_greedy", greedy_s, "s")
    bench("assignment_travel_optimum_over_greedy", ratio, "x", "<=1")

    if os.environ.get("BENCH_FULL_ARCS", "1") == "1":
        started = time.perf_counter()
        full = solve(facilitators, centres, k_nearest=None)
        full_s = time.perf_counter() - started
        arcs = sum(1 for c in centres for f in facilitators if c.focus in f.skills)
        # The objective is travel + the balance term, so travel alone may move either way by a hair.
        print(f"  Without the K-nearest restriction (every skilled pair: {arcs:,} arcs)")
        print(f"    solve time            {full_s:8.2f} s")
        print(f"    total travel          {full.total_km:11,.0f} km")
        print(f"    K={K_NEAREST} vs every arc       {100 * (optimum.total_km / full.total_km - 1):+8.3f} % travel")
        bench("assignment_solve_every_arc", full_s, "s")
        bench("assignment_travel_k_nearest_over_every_arc", optimum.total_km / full.total_km, "x", "<1.01")


def spread(loads: list[int]) -> str:
    """Min, median and max centres per facilitator."""
    return f"min {min(loads)}  median {statistics.median(loads):g}  max {max(loads)}"


if __name__ == "__main__":
    main()
