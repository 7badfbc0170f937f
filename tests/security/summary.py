"""The matrix's closing summary: how many patterns, cases and requests it checked (a pytest plugin).

Each matrix test records its counts with ``record_property("security_matrix", {...})``; they travel
with the test's report (also from pytest-xdist workers to the controller) and are added up here, then
printed at the end of the run. Registered by ``tests/conftest.py`` (``pytest_plugins``), because the
xdist controller loads only the conftest files of the top directories, not ``tests/security/``'s.
Imports nothing but pytest: it is loaded before Django is set up.
"""

from __future__ import annotations

from typing import Any

import pytest

TALLY: dict[str, int] = {"patterns": 0, "cases": 0, "requests": 0}
# Seconds spent in the matrix's tests (set-up included) by xdist group: a group runs on one worker,
# so the largest is the matrix's share of the suite's wall time.
SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.nodeid.startswith("tests/security/"):
        group = report.nodeid.rpartition("@")[2] if "@" in report.nodeid else "no group"
        SECONDS[group] = SECONDS.get(group, 0.0) + report.duration
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == "security_matrix":
            for key in TALLY:
                TALLY[key] += int(value.get(key, 0))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY["requests"]:
        terminalreporter.write_sep("-", "authorization matrix (tests/security)")
        terminalreporter.write_line(
            f"{TALLY['patterns']} URL patterns, {TALLY['cases']} cases (pattern × principal × zone), "
            f"{TALLY['requests']} requests"
        )
        groups = ", ".join(f"{group} {seconds:.0f} s" for group, seconds in sorted(SECONDS.items()))
        terminalreporter.write_line(f"time in its tests, by xdist group (one worker each): {groups}")
