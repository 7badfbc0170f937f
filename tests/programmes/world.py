"""Fixture ``world``: a small world over three provinces with every kind of record an indicator counts.

``world`` builds it for the test (transactional tests use it: they commit). Read-only users build it
once per module instead (``tests/once.py``): ``world_once`` below, which test directories install as
their ``world`` (tests/programmes/conftest.py); each test gets the centres re-read by primary key.
The laid-off workers' service (``world_service.py``) is in the world of the directories that ask for
it with ``world_with_service`` (tests/programmes, whose indicator tests need every indicator's rows);
the others' totals are pinned to the world without it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pytest_django import DjangoDbBlocker

from inkubator.centres.models import Agreement, Centre
from inkubator.incubation.models import Tenant
from inkubator.regions.models import Regency
from tests.factories import CentreFactory
from tests.incubation.factories import make_tenant
from tests.once import built_once
from tests.programmes.world_service import build_service
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory


@dataclass
class World:
    """The centres by name, and everything made."""

    centres: dict[str, Centre] = field(default_factory=dict)


def _centre(regency: str, **marks: object) -> Centre:
    centre = CentreFactory(regency=Regency.objects.get(code=regency))
    if marks:
        Centre.objects.filter(pk=centre.pk).update(**marks)  # cluster and designation are set by assessments
        centre.refresh_from_db()
    return centre


@pytest.fixture
def world(db: None) -> World:
    """The world, built for this test."""
    return build_world()


@pytest.fixture(scope="module")
def world_with_service() -> bool:
    """Whether the world built once holds the laid-off workers' service; tests/programmes says yes."""
    return False


@pytest.fixture(scope="module")
def _world_keys(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, world_with_service: bool
) -> Iterator[dict[str, int]]:
    # Built in one transaction rolled back after the module's last test; tests run in savepoints in it.
    with built_once(django_db_blocker):
        yield {name: centre.pk for name, centre in build_world(service=world_with_service).centres.items()}


@pytest.fixture
def world_once(db: None, _world_keys: dict[str, int]) -> World:
    """The world built once for the module, its centres read afresh for this test (nothing shared)."""
    centres = Centre.objects.in_bulk(_world_keys.values())
    return World(centres={name: centres[pk] for name, pk in _world_keys.items()})


def build_world(*, service: bool = False) -> World:
    """Write the world's rows (through factories and services) and return its centres; ``service``: the
    laid-off workers' service too."""
    w = World()
    w.centres = {
        "bekasi_a": _centre("32.16", is_incubator=True, cluster="mandiri"),
        "bekasi_b": _centre("32.16", cluster="berdaya"),
        "kota_bekasi": _centre("32.75", cluster="binaan"),
        "surabaya": _centre("35.78", is_incubator=True, cluster="mandiri"),
        "kupang": _centre("53.71", cluster="binaan"),
    }
    c = w.centres
    for centre, signed in ((c["bekasi_a"], 2026), (c["bekasi_a"], 2025), (c["surabaya"], 2026), (c["kupang"], 2026)):
        Agreement.objects.create(
            centre=centre,
            number=f"PKS/{centre.pk}/{signed}",
            signed_on=datetime.date(signed, 3, 1),
            subject="Pelatihan",
        )
    batches = {
        "bekasi_a_2026": BatchFactory(
            centre=c["bekasi_a"], start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 2, 27)
        ),
        "bekasi_a_2025": BatchFactory(centre=c["bekasi_a"]),
        "kota_bekasi_2026": BatchFactory(
            centre=c["kota_bekasi"], start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 2, 27)
        ),
        "surabaya_2026": BatchFactory(
            centre=c["surabaya"], start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 2, 27)
        ),
        # A government venue in Kabupaten Bekasi: counts for the regency, belongs to no centre.
        "bpkk_2026": BatchFactory(
            centre=None,
            venue_kind="bpkk",
            venue_name="BPKK Bekasi",
            regency=Regency.objects.get(code="32.16"),
            start_date=datetime.date(2026, 1, 5),
            end_date=datetime.date(2026, 2, 27),
        ),
    }
    plan = {  # batch: (completed employed, completed self-employed, completed other, dropped)
        "bekasi_a_2026": (3, 2, 2, 1),
        "bekasi_a_2025": (4, 1, 1, 0),
        "kota_bekasi_2026": (1, 0, 3, 2),
        "surabaya_2026": (2, 3, 0, 1),
        "bpkk_2026": (2, 2, 1, 0),
    }
    for key, (employed, self_employed, other, dropped) in plan.items():
        batch = batches[key]
        for status, count in (("employed", employed), ("self_employed", self_employed), ("not_working", other)):
            for _ in range(count):
                enrollment = EnrollmentFactory(batch=batch)
                OutcomeFactory(enrollment=enrollment, status=status, wave=3)
                if status == "employed":
                    OutcomeFactory(enrollment=enrollment, status=status, wave=6)  # two waves: still one graduate
        for _ in range(dropped):
            EnrollmentFactory(batch=batch, status="dropped")
    bekasi_tenant = make_tenant(incubator=c["bekasi_a"], business={"workers": 3})
    graduated = make_tenant(incubator=c["bekasi_a"], business={"workers": 1})
    dropped = make_tenant(incubator=c["bekasi_a"], business={"workers": 7})
    surabaya_tenant = make_tenant(incubator=c["surabaya"], business={"workers": 4})
    _matches(bekasi_tenant, surabaya_tenant, graduated)
    # Stage moves have their own tests; here only where tenants stand matters.
    Tenant.objects.filter(pk=graduated.pk).update(stage="graduated")
    Tenant.objects.filter(pk=dropped.pk).update(stage="dropped")
    if service:
        build_service(w.centres)
    return w


def _matches(bekasi: Tenant, surabaya: Tenant, graduated: Tenant) -> None:
    """Business matching outcomes (a loan, a deal, a licence) in 2026, and a loan of 2025."""
    from inkubator.matching import services

    offers = {
        kind: services.offer_create(kind=kind, title=f"Offer {kind}", status="published", licence_kind="halal")
        for kind in ("finance", "market", "licence")
    }
    outcomes = (
        (bekasi, "finance", datetime.date(2026, 3, 1), {"loan_amount": 25_000_000}),
        (surabaya, "finance", datetime.date(2026, 4, 1), {"loan_amount": 10_000_000}),
        (graduated, "finance", datetime.date(2025, 11, 1), {"loan_amount": 50_000_000}),
        (bekasi, "market", datetime.date(2026, 5, 1), {"deal_value": 3_000_000}),
        (surabaya, "licence", datetime.date(2026, 2, 1), {"licence_number": "ID35110001"}),
    )
    for tenant, kind, day, figures in outcomes:
        match = services.match_propose(tenant=tenant, offer=offers[kind], user=None)
        services.match_accept(match=match, user=None)
        services.match_record_outcome(match=match, user=None, outcome_on=day, **figures)
