"""The stage machine: every allowed and forbidden move, each default gate, and the record of each move."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from inkubator.core.roles import Role
from inkubator.incubation import services, stages
from inkubator.incubation.choices import GateKind, LicenceKind, MilestoneKind, Stage
from inkubator.incubation.models import StageGate, StageMove, Tenant
from tests.factories import make_user

from .factories import TODAY, make_tenant, report, satisfy_graduation

ALLOWED = {
    (Stage.PRE, Stage.INCUBATION),
    (Stage.PRE, Stage.DROPPED),
    (Stage.INCUBATION, Stage.POST),
    (Stage.INCUBATION, Stage.DROPPED),
    (Stage.POST, Stage.GRADUATED),
    (Stage.POST, Stage.DROPPED),
}
ALL_PAIRS = [(a, b) for a, b in itertools.product(Stage.values, Stage.values)]


@pytest.mark.parametrize(("from_stage", "to_stage"), ALL_PAIRS)
def test_machine_has_exactly_the_pipeline_moves(from_stage: str, to_stage: str) -> None:
    assert stages.is_allowed(from_stage, to_stage) == ((from_stage, to_stage) in ALLOWED)
    problems = stages.move_problems(from_stage, to_stage, [], stages.TenantFacts(today=TODAY))
    assert (problems == []) == ((from_stage, to_stage) in ALLOWED)


def test_final_stages_have_no_moves() -> None:
    assert stages.allowed_moves(Stage.GRADUATED) == []
    assert stages.allowed_moves(Stage.DROPPED) == []


def test_licence_gate() -> None:
    gate = stages.Gate(Stage.GRADUATED, GateKind.LICENCE, licence_kind=LicenceKind.NIB)
    assert "NIB" in stages.gate_failure(gate, stages.TenantFacts(licences=frozenset({"pirt"})))
    assert stages.gate_failure(gate, stages.TenantFacts(licences=frozenset({"nib"}))) is None


def test_milestone_gate() -> None:
    gate = stages.Gate(Stage.GRADUATED, GateKind.MILESTONE, milestone_kind=MilestoneKind.BUSINESS_PLAN)
    assert stages.gate_failure(gate, stages.TenantFacts()) is not None
    assert stages.gate_failure(gate, stages.TenantFacts(milestones=frozenset({"business_plan"}))) is None


def test_reports_gate_needs_each_of_the_last_complete_months() -> None:
    gate = stages.Gate(Stage.GRADUATED, GateKind.REPORTS, months=3)
    months = {datetime.date(2026, m, 1) for m in (3, 4, 5)}
    assert stages.gate_failure(gate, stages.TenantFacts(reported_months=frozenset(months), today=TODAY)) is None
    # The current month (June) does not count: it has not ended.
    failure = stages.gate_failure(
        gate, stages.TenantFacts(reported_months=frozenset(months - {datetime.date(2026, 4, 1)}), today=TODAY)
    )
    assert "04/2026" in failure


def test_dropping_out_ignores_gates() -> None:
    gates = [stages.Gate(Stage.DROPPED, GateKind.LICENCE, licence_kind="nib")]
    assert stages.move_problems(Stage.INCUBATION, Stage.DROPPED, gates, stages.TenantFacts()) == []


@pytest.mark.django_db
def test_default_gates_are_seeded() -> None:
    graduated = set(StageGate.objects.filter(to_stage=Stage.GRADUATED).values_list("kind", flat=True))
    assert graduated == {GateKind.LICENCE, GateKind.MILESTONE, GateKind.REPORTS}


@pytest.mark.django_db
def test_a_tenant_walks_the_pipeline_and_every_move_is_recorded() -> None:
    coach = make_user(Role.MINISTRY_ADMIN)
    tenant = make_tenant(user=coach)
    services.tenant_move(tenant=tenant, to_stage=Stage.INCUBATION, user=coach, reason="Lolos seleksi", today=TODAY)
    services.milestone_create(
        tenant=tenant, kind=MilestoneKind.BUSINESS_PLAN, title="Rencana", achieved_on=datetime.date(2025, 2, 1)
    )
    services.tenant_move(tenant=tenant, to_stage=Stage.POST, user=coach, reason="Rencana usaha selesai", today=TODAY)
    satisfy_graduation_rest(tenant)
    services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=coach, reason="Mandiri", today=TODAY)
    tenant.refresh_from_db()
    assert tenant.stage == Stage.GRADUATED
    moves = list(StageMove.objects.filter(tenant=tenant).order_by("moved_at", "pk"))
    assert [(m.from_stage, m.to_stage) for m in moves] == [
        ("", Stage.PRE),
        (Stage.PRE, Stage.INCUBATION),
        (Stage.INCUBATION, Stage.POST),
        (Stage.POST, Stage.GRADUATED),
    ]
    assert moves[-1].moved_by == coach and moves[-1].reason == "Mandiri" and moves[-1].moved_at is not None


def satisfy_graduation_rest(tenant: Tenant) -> None:
    services.licence_create(business=tenant.business, kind="nib", number="9120000000001", issued_on=TODAY)
    for month in (3, 4, 5):
        report(tenant, datetime.date(2026, month, 1))


@pytest.mark.django_db
def test_blocked_graduation_names_every_failed_gate() -> None:
    tenant = make_tenant()
    Tenant.objects.filter(pk=tenant.pk).update(stage=Stage.POST)
    tenant.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="The move to Graduated is blocked") as error:
        services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=None, reason="x", today=TODAY)
    message = " ".join(error.value.message_dict["to_stage"])
    assert "NIB" in message
    assert "Business plan written" in message
    assert "03/2026" in message and "05/2026" in message
    tenant.refresh_from_db()
    assert tenant.stage == Stage.POST
    assert not StageMove.objects.filter(tenant=tenant, to_stage=Stage.GRADUATED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["nib", "plan", "reports"])
def test_each_graduation_gate_alone_blocks(missing: str) -> None:
    tenant = make_tenant()
    Tenant.objects.filter(pk=tenant.pk).update(stage=Stage.POST)
    if missing != "nib":
        services.licence_create(business=tenant.business, kind="nib", number="9120000000002", issued_on=TODAY)
    if missing != "plan":
        services.milestone_create(tenant=tenant, kind="business_plan", title="Rencana", achieved_on=TODAY)
    if missing != "reports":
        for month in (3, 4, 5):
            report(tenant, datetime.date(2026, month, 1))
    with pytest.raises(ValidationError, match="Perpindahan ke tahap Lulus tertahan") as error:
        services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=None, reason="x", today=TODAY)
    assert len(error.value.message_dict["to_stage"]) == 1
    assert error.value.message_dict["to_stage"][0].count(";") == 0  # one gate named


@pytest.mark.django_db
def test_forbidden_move_is_refused_by_the_service() -> None:
    tenant = make_tenant()
    with pytest.raises(ValidationError, match="Pra-inkubasi tidak dapat dipindahkan ke Lulus"):
        services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=None, reason="loncat", today=TODAY)
    services.tenant_move(tenant=tenant, to_stage=Stage.DROPPED, user=None, reason="Pindah kota", today=TODAY)
    with pytest.raises(ValidationError, match="Dibatalkan tidak dapat dipindahkan ke Pra-inkubasi"):
        services.tenant_move(tenant=tenant, to_stage=Stage.PRE, user=None, reason="kembali", today=TODAY)


@pytest.mark.django_db
def test_a_move_needs_a_reason() -> None:
    tenant = make_tenant()
    with pytest.raises(ValidationError, match="Tuliskan alasan perpindahan tahap") as error:
        services.tenant_move(tenant=tenant, to_stage=Stage.INCUBATION, user=None, reason="  ", today=TODAY)
    assert "reason" in error.value.message_dict


@pytest.mark.django_db
def test_gates_are_data_an_inactive_gate_does_not_block() -> None:
    tenant = make_tenant()
    Tenant.objects.filter(pk=tenant.pk).update(stage=Stage.POST)
    StageGate.objects.filter(to_stage=Stage.GRADUATED).update(active=False)
    services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=None, reason="Mandiri", today=TODAY)
    services.stage_gate_create(to_stage=Stage.INCUBATION, kind=GateKind.LICENCE, licence_kind="pirt")
    other = make_tenant()
    with pytest.raises(ValidationError, match=r"PIRT \(izin pangan industri rumah tangga\) belum ada") as error:
        services.tenant_move(tenant=other, to_stage=Stage.INCUBATION, user=None, reason="x", today=TODAY)
    assert "PIRT" in " ".join(error.value.message_dict["to_stage"])


@pytest.mark.django_db
def test_graduation_passes_with_every_gate_met() -> None:
    tenant = make_tenant()
    Tenant.objects.filter(pk=tenant.pk).update(stage=Stage.POST)
    satisfy_graduation(tenant)
    services.tenant_move(tenant=tenant, to_stage=Stage.GRADUATED, user=None, reason="Mandiri", today=TODAY)
    assert Tenant.objects.get(pk=tenant.pk).stage == Stage.GRADUATED
