"""Eligibility rules as data: each rule, explained results, re-checking a wave, the ministry's override."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.service.choices import RegistrationStatus, RuleKind
from inkubator.service.eligibility import explain
from inkubator.service.models import EligibilityRule
from inkubator.service.services import registration_override, rule_update, wave_evaluate
from tests.factories import make_user

from .factories import open_wave, png, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def rule(kind: str) -> EligibilityRule:
    return EligibilityRule.objects.get(kind=kind)


def results(registration) -> dict[str, bool]:  # noqa: ANN001
    return {result["kind"]: result["passed"] for result in registration.eligibility}


def test_the_default_rules_are_seeded_and_every_registration_is_checked_as_it_arrives() -> None:
    assert set(EligibilityRule.objects.values_list("kind", flat=True)) == set(RuleKind.values)
    registration = submit(open_wave(), proof=png()).registration
    assert results(registration) == dict.fromkeys(RuleKind.values, True)
    assert registration.eligible is True and registration.status == RegistrationStatus.ELIGIBLE


def test_job_lost_too_long_ago() -> None:
    registration = submit(open_wave(), proof=png(), job_lost_on=TODAY - datetime.timedelta(days=400)).registration
    assert results(registration)[RuleKind.JOB_LOSS_RECENT] is False
    assert registration.status == RegistrationStatus.INELIGIBLE
    check = next(r for r in registration.eligibility if r["kind"] == RuleKind.JOB_LOSS_RECENT)
    assert explain(check) == "Job lost 13 months ago; the rule asks for less than 12."


def test_age_outside_the_range() -> None:
    # A man born 1 January 1960 (NIK 32.16.01, 010160): past 60.
    registration = submit(
        open_wave(), nik="3216010101600001", birth=datetime.date(1960, 1, 1), proof=png()
    ).registration
    assert results(registration)[RuleKind.AGE_RANGE] is False
    check = next(r for r in registration.eligibility if r["kind"] == RuleKind.AGE_RANGE)
    assert "the rule asks for 18 to 60" in explain(check)


def test_already_in_a_running_cohort() -> None:
    from inkubator.training.models import Enrollment
    from tests.training.factories import BatchFactory

    registration = submit(open_wave(), proof=png()).registration
    batch = BatchFactory(start_date=TODAY - datetime.timedelta(days=5), end_date=TODAY + datetime.timedelta(days=20))
    Enrollment.objects.create(person=registration.person, batch=batch)
    second = submit(open_wave("Gelombang 2"), proof=png()).registration
    assert results(second)[RuleKind.NOT_IN_RUNNING_COHORT] is False
    assert explain(next(r for r in second.eligibility if r["kind"] == RuleKind.NOT_IN_RUNNING_COHORT)) == (
        "Already in a training cohort that has not ended."
    )


def test_no_proof_no_eligibility_and_inactive_rules_do_not_count() -> None:
    wave = open_wave()
    registration = submit(wave).registration
    assert results(registration)[RuleKind.PROOF_PRESENT] is False and registration.eligible is False
    rule_update(rule=rule(RuleKind.PROOF_PRESENT), active=False)
    assert wave_evaluate(wave=wave) == 1
    registration.refresh_from_db()
    assert RuleKind.PROOF_PRESENT not in results(registration) and registration.status == RegistrationStatus.ELIGIBLE


def test_a_rule_needs_its_parameters() -> None:
    with pytest.raises(ValidationError, match="minimum and the maximum"):
        rule_update(rule=rule(RuleKind.AGE_RANGE), max_age=None)
    with pytest.raises(ValidationError, match="below the minimum"):
        rule_update(rule=rule(RuleKind.AGE_RANGE), min_age=40, max_age=30)
    with pytest.raises(ValidationError, match="number of months"):
        rule_update(rule=rule(RuleKind.JOB_LOSS_RECENT), months=None)


def test_the_ministry_overrides_with_a_reason_and_it_is_audited() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    registration = submit(open_wave()).registration  # no proof: not eligible by the rules
    with pytest.raises(ValidationError, match="reason"):
        registration_override(registration=registration, user=admin, eligible=True, reason=" ")
    registration_override(registration=registration, user=admin, eligible=True, reason="Surat PHK dibawa ke kantor")
    registration.refresh_from_db()
    assert registration.eligible is False and registration.is_eligible is True
    assert registration.status == RegistrationStatus.ELIGIBLE and registration.overridden_by == admin
    entry = LogEntry.objects.get_for_object(registration).filter(actor=admin).latest("timestamp")
    assert "override" in entry.changes
    # A re-check keeps the ministry's decision.
    wave_evaluate(wave=registration.wave)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ELIGIBLE
    registration_override(registration=registration, user=admin, eligible=None, reason="Keputusan ditarik")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.INELIGIBLE
