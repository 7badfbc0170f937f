"""``demo_data`` loads a realistic, deterministic dataset with one account per role."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from inkubator.accounts.models import User
from inkubator.assessments.models import Answer, Assessment
from inkubator.centres.choices import HostKind
from inkubator.centres.models import Asset, Centre, CentreField, HostInstitution, Staff
from inkubator.core.roles import Role
from inkubator.demo.accounts import DEMO_PASSWORD
from inkubator.demo.digest import demo_digest
from inkubator.demo.generator import SIZES, demo_generate
from inkubator.demo.writer import RowWriter
from inkubator.incubation.models import (
    Business,
    CoachingAction,
    CoachingSession,
    DiagnosedProblem,
    Diagnosis,
    Grant,
    Licence,
    Milestone,
    MonthlyReport,
    StageMove,
    Tenant,
)
from inkubator.people.models import Person
from inkubator.people.nik import district_code, district_codes, nik_check
from inkubator.training.models import CompetencyCertificate, Enrollment, Outcome, TrainingBatch

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Centre.objects.order_by("code").values_list(
            "code", "name", "village_id", "latitude", "longitude", "cohort_year", "status", "address"
        )
    )


def generated_then_undone(*, seed: int) -> list[tuple]:
    """The register a demo load with ``seed`` writes; the load is then rolled back, every app's rows with it."""
    with transaction.atomic():
        demo_generate(size="small", seed=seed)
        register = snapshot()
        transaction.set_rollback(True)
    return register


def test_small_demo_is_deterministic_and_consistent() -> None:
    first = generated_then_undone(seed=7)
    assert len(first) == SIZES["small"]["centres"]
    assert not Centre.objects.exists()
    demo_generate(size="small", seed=7)
    assert snapshot() == first
    for centre in Centre.objects.select_related("village", "district")[:50]:
        centre.full_clean()  # regions form one chain, coordinates inside Indonesia
        assert centre.district.regency_id == centre.regency_id


def test_a_different_seed_gives_different_data() -> None:
    assert generated_then_undone(seed=1) != generated_then_undone(seed=2)


def test_one_account_per_role_that_can_sign_in() -> None:
    demo_generate(size="small", seed=1)
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
    manager = User.objects.get(username="pengelola")
    assert manager.centres.count() == 1
    assert Centre.objects.visible_to(User.objects.get(username="korwil")).exists()


def test_command_loads_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_data", "--size", "small", "--seed", "3")
    count = Centre.objects.count()
    call_command("demo_data", "--size", "small", "--seed", "3")
    assert Centre.objects.count() == count
    assert "nothing loaded" in capsys.readouterr().out


def test_the_register_looks_like_the_programme() -> None:
    demo_generate(size="small", seed=1)
    centres = Centre.objects.count()
    hosts = HostInstitution.objects
    assert hosts.filter(kind=HostKind.PESANTREN).count() > 0.7 * centres  # most hosts are pesantren
    assert hosts.filter(kind=HostKind.UNION).exists()
    java = Centre.objects.filter(province_id__in=["31", "32", "33", "34", "35", "36"]).count()
    assert java > 0.5 * centres
    assert set(Centre.objects.values_list("cohort_year", flat=True)) <= set(range(2017, 2025))
    assert CentreField.objects.filter(field__code="tik").count() == max(
        CentreField.objects.filter(field__code=code).count() for code in ["tik", "menjahit", "otomotif", "las"]
    )
    assert Staff.objects.filter(role="instructor", field__isnull=True).count() == 0
    assert Asset.objects.filter(source="partner", partner__isnull=True).count() == 0
    assert (
        Centre.objects.filter(is_incubator=True, cluster="mandiri").count()
        == Centre.objects.filter(is_incubator=True).count()
        > 0
    )


PINNED = datetime.date(2026, 6, 15)
GOLDEN = Path(__file__).with_name("small_digest.txt")


def test_a_pinned_small_demo_writes_the_same_valid_rows_on_every_backend() -> None:
    """The digest of a pinned small load equals the one recorded (the suite runs on SQLite and on PostgreSQL).

    After a deliberate change of the demo's content, record the new digest:
    ``manage.py demo_data --size small --seed 1 --today 2026-06-15`` into an empty database, then
    ``manage.py demo_digest --today 2026-06-15 > tests/demo/small_digest.txt``.
    """
    demo_generate(size="small", seed=1, today=PINNED)
    expected = dict(line.split(" ", 1) for line in GOLDEN.read_text().splitlines())
    digest = demo_digest(today=PINNED)
    differing = {table: (digest.get(table), want) for table, want in expected.items() if digest.get(table) != want}
    assert not differing, f"{connection.vendor}: tables differ from {GOLDEN.name}: {differing}"
    unrecorded = {table for table, value in digest.items() if table not in expected and not value.startswith("0:")}
    assert not unrecorded, f"tables the demo writes that {GOLDEN.name} does not record: {unrecorded}"

    # Rows written through the fast path (no save(), no full_clean()) still pass their models' rules.
    models = [
        Person, Enrollment, Outcome, CompetencyCertificate, TrainingBatch, Tenant, Business, MonthlyReport,
        StageMove, Licence, Grant, Milestone, CoachingSession, CoachingAction, Diagnosis, DiagnosedProblem,
        Answer, Assessment,
    ]  # fmt: skip
    for model in models:
        rows = list(model.objects.order_by("pk")[:15]) + list(model.objects.order_by("-pk")[:15])
        assert rows, model
        for row in rows:
            row.full_clean()  # dates in order, choices, required links, …
    districts = district_codes()
    for person in Person.objects.order_by("pk")[::25]:
        problems = nik_check(person.nik, districts=districts, birth_date=person.birth_date, sex=person.sex)
        assert not problems, (person.nik, problems)
        assert district_code(person.nik).replace(".", "").startswith(person.regency_id.replace(".", ""))
    assert not Tenant.objects.exclude(regency_id=F("incubator__regency_id")).exists()

    # A writer counts ids on from the table's highest, and PostgreSQL's sequence follows.
    before = MonthlyReport.objects.order_by("-pk").first()
    fields = ("tenant_id", "month", "revenue", "costs", "workers", "customers", "reported_at")
    with RowWriter(MonthlyReport, fields) as rows:
        pk = rows.add(before.tenant_id, datetime.date(2020, 1, 1), 1000, 500, 1, 1, timezone.now())
    assert pk == before.pk + 1
    after = MonthlyReport.objects.create(tenant_id=before.tenant_id, month=datetime.date(2020, 2, 1), revenue=1,
                                         costs=1, workers=1, customers=1, reported_at=timezone.now())  # fmt: skip
    assert after.pk > pk
    assert MonthlyReport.objects.get(pk=pk).late is False  # the model's default filled in
    with pytest.raises(ValueError, match="has no field tenant"):
        RowWriter(MonthlyReport, ("tenant", "month"))
