"""The one line format of every benchmark here: ``BENCH <name> <value> <unit> goal <goal> ok|MISS``.

``goal`` is ``<N`` (lower is better), ``>=N`` (higher is better) or ``-`` (a reference figure, such
as a measured ceiling: always ``ok``). Scripts in ``benchmarks/`` import it as ``from benchline import
bench`` (they run as ``python benchmarks/<script>.py``, so this folder is on the path).
"""

from __future__ import annotations

import operator
import re

_TESTS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


def verdict(value: float, goal: str | None) -> str:
    """``ok`` when ``value`` meets ``goal`` (or there is none), else ``MISS``."""
    if not goal or goal == "-":
        return "ok"
    for sign in ("<=", ">=", "<", ">"):
        if goal.startswith(sign):
            return "ok" if _TESTS[sign](value, float(goal[len(sign) :])) else "MISS"
    raise ValueError(f"goal {goal!r} is not <N, <=N, >N, >=N or -")


def slug(label: str) -> str:
    """A figure's name from a label: ``"selection of 100 (weighted)"`` -> ``selection_of_100_weighted``."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def bench(name: str, value: float, unit: str, goal: str | None = None) -> str:
    """Print and return one figure's line."""
    shown = f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    line = f"BENCH {name} {shown} {unit} goal {goal or '-'} {verdict(value, goal)}"
    print(line, flush=True)
    return line
