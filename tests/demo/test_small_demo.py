"""What the small demo holds: one account per role, a register shaped like the programme, the recorded
rows on every backend, targets within reach. One load for the module (``demo_small``, see conftest)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone

from inkubator.accounts.models import User
from inkubator.assessments.models import Answer, Assessment
from inkubator.centres.choices import HostKind
from inkubator.centres.models import Asset, Centre, CentreField, HostInstitution, Staff
from inkubator.core.roles import Role
from inkubator.demo.accounts import DEMO_PASSWORD
from inkubator.demo.digest import demo_digest
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
    TenantMember,
)
from inkubator.matching.models import Contribution, Match, Offer
from inkubator.partners.models import PartnerAgreement
from inkubator.people.models import Person
from inkubator.people.nik import district_code, district_codes, nik_check
from inkubator.programmes.models import Target
from inkubator.programmes.selectors import progress_list
from inkubator.training.models import CompetencyCertificate, Enrollment, Outcome, TrainingBatch
from tests.demo.conftest import PINNED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_small"), pytest.mark.xdist_group("demo_small")]

GOLDEN = Path(__file__).with_name("small_digest.txt")


def test_one_account_per_role_that_can_sign_in() -> None:
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
    manager = User.objects.get(username="pengelola")
    assert manager.centres.count() == 1
    assert Centre.objects.visible_to(User.objects.get(username="korwil")).exists()


def test_the_register_looks_like_the_programme() -> None:
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


def test_small_demo_targets_are_within_reach_of_its_data() -> None:
    """The demo's targets are scaled to what the demo holds, so progress bars mean something after `make run`."""
    year = PINNED.year  # the demo's own year: targets are set for the year it is loaded in
    national = Target.objects.get(indicator="trainees_trained", year=year, region_key="")
    provinces = Target.objects.filter(indicator="trainees_trained", year=year, province__isnull=False)
    assert provinces.count() > 10
    admin = User.objects.get(username="admin")
    progress = {p.indicator.code: p for p in progress_list(user=admin, year=year) if p.target.level == "national"}
    trained = progress["trainees_trained"]
    assert trained.target == national
    # Neither trivially reached nor hopeless: the demo's yearly volume is of the target's order.
    assert 0.3 < trained.actual / national.value < 1.5
    assert progress["incubators_designated"].actual >= 1


def test_some_tkm_tenants_are_groups_chaired_by_their_person() -> None:
    groups = Tenant.objects.exclude(group_name="")
    assert 10 <= groups.count() < Tenant.objects.count() // 4
    assert set(groups.values_list("source_programme", flat=True)) <= {"tkm_pemula", "tkm_lanjutan"}
    chairs = TenantMember.objects.filter(chair=True)
    assert chairs.count() == groups.count() and not chairs.exclude(person_id=F("tenant__person_id")).exists()
    sizes = [group.members.count() for group in groups]
    assert min(sizes) >= 5 and max(sizes) <= 10
    assert not TenantMember.objects.filter(tenant__group_name="").exists()


def test_a_pinned_small_demo_writes_the_same_valid_rows_on_every_backend() -> None:
    """The digest of a pinned small load equals the one recorded (the suite runs on SQLite and on PostgreSQL).

    After a deliberate change of the demo's content, record the new digest:
    ``manage.py demo_data --size small --seed 1 --today 2026-06-15`` into an empty database, then
    ``manage.py demo_digest --today 2026-06-15 > tests/demo/small_digest.txt``.
    """
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
        Answer, Assessment, Contribution, Offer, Match, PartnerAgreement, TenantMember,
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
