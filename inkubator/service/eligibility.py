"""Eligibility of a registration under the ministry's rules: one result per active rule, explained.

A result is kept as data — the rule's kind, its parameters, the fact it was judged on and whether it
passed — and worded when shown (:func:`explain`), so that the ministry reads it in English and a
regional office in Indonesian. No rules, no conditions: a registration is then eligible.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from .choices import RuleKind
from .models import EligibilityRule, Registration


def _months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from ``earlier`` to ``later`` (a job lost on 31 January is 1 month ago on 1 March)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def in_running_cohort(registration: Registration, today: datetime.date) -> bool:
    """Whether the person is enrolled, not yet finished, in a batch that has not ended."""
    from inkubator.training.choices import EnrollmentStatus

    if getattr(registration.person, "is_new", False):  # made by this very registration
        return False
    return registration.person.enrollments.filter(
        status__in=(EnrollmentStatus.REGISTERED, EnrollmentStatus.ACTIVE), batch__end_date__gte=today
    ).exists()


def check(registration: Registration, rule: EligibilityRule, today: datetime.date) -> dict[str, Any]:
    """One rule applied to one registration: ``{"kind", "params", "value", "passed"}``."""
    if rule.kind == RuleKind.JOB_LOSS_RECENT:
        months = _months_between(registration.job_lost_on, today)
        return {"kind": rule.kind, "params": {"months": rule.months}, "value": months, "passed": months < rule.months}
    if rule.kind == RuleKind.AGE_RANGE:
        age = _age(registration.person.birth_date, today)
        params = {"min_age": rule.min_age, "max_age": rule.max_age}
        return {"kind": rule.kind, "params": params, "value": age, "passed": rule.min_age <= age <= rule.max_age}
    if rule.kind == RuleKind.NOT_IN_RUNNING_COHORT:
        running = in_running_cohort(registration, today)
        return {"kind": rule.kind, "params": {}, "value": running, "passed": not running}
    if rule.kind == RuleKind.PROOF_PRESENT:
        present = bool(registration.proof)
        return {"kind": rule.kind, "params": {}, "value": present, "passed": present}
    raise ValueError(f"unknown rule kind {rule.kind!r}")


def evaluate(registration: Registration, rules: Iterable[EligibilityRule], today: datetime.date) -> list[dict]:
    """The results of every active rule, in the rules' order."""
    return [check(registration, rule, today) for rule in rules if rule.active]


def explain(result: dict[str, Any]) -> str:
    """A kept result in words, in the current language."""
    kind, params, value, passed = result["kind"], result.get("params", {}), result.get("value"), result["passed"]
    if kind == RuleKind.JOB_LOSS_RECENT:
        text = _("Job lost %(value)s months ago; the rule asks for less than %(months)s.")
        return text % {"value": value, "months": params.get("months")}
    if kind == RuleKind.AGE_RANGE:
        text = _("Aged %(value)s; the rule asks for %(min)s to %(max)s.")
        return text % {"value": value, "min": params.get("min_age"), "max": params.get("max_age")}
    if kind == RuleKind.NOT_IN_RUNNING_COHORT:
        return _("Already in a training cohort that has not ended.") if value else _("Not in a running cohort.")
    if kind == RuleKind.PROOF_PRESENT:
        return _("Proof of job loss uploaded.") if passed else _("No proof of job loss uploaded.")
    return str(kind)
