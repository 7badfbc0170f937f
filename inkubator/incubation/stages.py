"""The stage machine of incubation, pure: which moves exist and which gates a tenant fails.

pre-incubation → incubation → post-incubation → graduated, and from any open stage → dropped.
Graduated and dropped are final. Gates are data (``StageGate`` rows the ministry edits); this
module only evaluates them against a tenant's :class:`TenantFacts`, so it needs no database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .choices import GateKind, LicenceKind, MilestoneKind, Stage

# The forward step from each open stage; dropped is reachable from each of them.
FORWARD: dict[str, str] = {
    Stage.PRE: Stage.INCUBATION,
    Stage.INCUBATION: Stage.POST,
    Stage.POST: Stage.GRADUATED,
}
OPEN_STAGES: tuple[str, ...] = (Stage.PRE, Stage.INCUBATION, Stage.POST)
FINAL_STAGES: frozenset[str] = frozenset({Stage.GRADUATED, Stage.DROPPED})
PIPELINE: tuple[str, ...] = (Stage.PRE, Stage.INCUBATION, Stage.POST, Stage.GRADUATED, Stage.DROPPED)


def allowed_moves(stage: str) -> list[str]:
    """The stages a tenant in ``stage`` may move to (before gates)."""
    if stage in FINAL_STAGES:
        return []
    return [FORWARD[stage], Stage.DROPPED]


def is_allowed(from_stage: str, to_stage: str) -> bool:
    """Whether the machine has the move at all."""
    return to_stage in allowed_moves(from_stage)


@dataclass(frozen=True)
class Gate:
    """A gate as the machine sees it (a ``StageGate`` row without the database)."""

    to_stage: str
    kind: str
    licence_kind: str = ""
    milestone_kind: str = ""
    months: int = 0


@dataclass(frozen=True)
class TenantFacts:
    """What the gates look at: licences held, milestones achieved, months with figures, today."""

    licences: frozenset[str] = frozenset()
    milestones: frozenset[str] = frozenset()
    reported_months: frozenset[datetime.date] = field(default_factory=frozenset)
    today: datetime.date = field(default_factory=datetime.date.today)


def month_start(day: datetime.date) -> datetime.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month ``count`` months after (negative: before) ``month``."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` complete months before ``today``'s month, oldest first."""
    current = month_start(today)
    return [add_months(current, -offset) for offset in range(count, 0, -1)]


def gate_failure(gate: Gate, facts: TenantFacts) -> str | None:
    """Why ``facts`` fail ``gate`` (a message for the user), or None when the gate is passed."""
    if gate.kind == GateKind.LICENCE:
        if gate.licence_kind not in facts.licences:
            return _("the %(licence)s is missing") % {"licence": LicenceKind(gate.licence_kind).label}
        return None
    if gate.kind == GateKind.MILESTONE:
        if gate.milestone_kind not in facts.milestones:
            return _('the milestone "%(milestone)s" is not achieved') % {
                "milestone": MilestoneKind(gate.milestone_kind).label
            }
        return None
    if gate.kind == GateKind.REPORTS:
        missing = [m for m in last_months(facts.today, gate.months) if m not in facts.reported_months]
        if missing:
            return _("figures of the last %(count)s months are not all reported (missing: %(months)s)") % {
                "count": gate.months,
                "months": ", ".join(f"{m:%m/%Y}" for m in missing),
            }
        return None
    raise ValueError(f"unknown gate kind {gate.kind!r}")


def move_problems(from_stage: str, to_stage: str, gates: Iterable[Gate], facts: TenantFacts) -> list[str]:
    """Every reason the move is refused: not a move of the machine, or each gate of ``to_stage`` failed."""
    if not is_allowed(from_stage, to_stage):
        return [
            _("a tenant in %(from)s cannot move to %(to)s")
            % {"from": Stage(from_stage).label if from_stage else "-", "to": Stage(to_stage).label}
        ]
    # Dropping out is always possible: no gate holds a tenant in.
    if to_stage == Stage.DROPPED:
        return []
    return [problem for gate in gates if gate.to_stage == to_stage and (problem := gate_failure(gate, facts))]
