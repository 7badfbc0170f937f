"""Each indicator equals a direct count over the same data, at every level of the drill-down."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from inkubator.centres.models import Agreement, Centre
from inkubator.core.roles import Role
from inkubator.incubation.models import Tenant
from inkubator.matching.models import Match
from inkubator.programmes.indicators import (
    INDICATORS,
    available_indicators,
    indicator_breakdown,
    indicator_by_centre,
    indicator_by_year,
    indicator_total,
)
from inkubator.training.models import Enrollment
from tests.factories import make_user
from tests.programmes.world import World
from tests.programmes.world_service import service_rows

# One worker builds this module's world once (tests/README.md, "Group what shares an expensive fixture").
pytestmark = pytest.mark.xdist_group("programmes_indicators")

YEAR = 2026
MATCH_KINDS = {"capital_accessed": "finance", "loans_disbursed": "finance", "licences_obtained": "licence",
               "market_deals": "market"}  # fmt: skip


def _enrolments() -> list[Enrollment]:
    return list(
        Enrollment.objects.select_related("batch", "batch__centre", "batch__regency").prefetch_related("outcomes")
    )


def direct_rows(code: str) -> list[tuple[str, str, str | None, int]]:
    """(province, regency, centre code, amount) of each row the indicator counts in YEAR, without the ORM's grouping."""
    rows: list[tuple[str, str, str | None, int]] = []
    if code == "incubators_designated":
        rows = [(c.province_id, c.regency_id, c.code, 1) for c in Centre.objects.all() if c.is_incubator]
    elif code.startswith("centres_"):
        cluster = code.removeprefix("centres_")
        rows = [(c.province_id, c.regency_id, c.code, 1) for c in Centre.objects.all() if c.cluster == cluster]
    elif code == "agreements_signed":
        rows = [
            (a.centre.province_id, a.centre.regency_id, a.centre.code, 1)
            for a in Agreement.objects.select_related("centre")
            if a.signed_on.year == YEAR
        ]
    elif code.startswith(("trainees_", "graduates_")):
        wanted: Callable[[Enrollment], bool] = {
            "trainees_enrolled": lambda e: True,
            "trainees_trained": lambda e: e.status == "completed",
            "graduates_employed": lambda e: (
                e.status == "completed" and any(o.status == "employed" for o in e.outcomes.all())
            ),
            "graduates_self_employed": lambda e: (
                e.status == "completed" and any(o.status == "self_employed" for o in e.outcomes.all())
            ),
        }[code]
        rows = [
            (e.batch.regency.province_id, e.batch.regency_id, e.batch.centre.code if e.batch.centre else None, 1)
            for e in _enrolments()
            if e.batch.end_date.year == YEAR and wanted(e)
        ]
    elif code.startswith("service_"):
        rows = service_rows(code)
    elif code in MATCH_KINDS:
        rows = [
            (m.tenant.regency.province_id, m.tenant.regency_id, m.tenant.incubator.code,
             m.loan_amount if code == "capital_accessed" else 1)
            for m in Match.objects.select_related("offer", "tenant__regency", "tenant__incubator")
            if m.status == "outcome" and m.offer.kind == MATCH_KINDS[code] and m.outcome_on.year == YEAR
        ]  # fmt: skip
    else:
        tenants = Tenant.objects.select_related("incubator", "regency", "business")
        if code == "tenants_incubated":
            rows = [
                (t.regency.province_id, t.regency_id, t.incubator.code if t.incubator else None, 1)
                for t in tenants
                if t.stage in ("pre_incubation", "incubation", "post_incubation")
            ]
        elif code == "tenants_graduated":
            rows = [
                (t.regency.province_id, t.regency_id, t.incubator.code if t.incubator else None, 1)
                for t in tenants
                if t.stage == "graduated"
            ]
        elif code == "jobs_created":
            rows = [
                (t.regency.province_id, t.regency_id, t.incubator.code if t.incubator else None, t.business.workers)
                for t in tenants
                if t.stage != "dropped"
            ]
    return rows


def test_every_indicator_is_covered_by_the_direct_counts(world: World) -> None:
    for indicator in available_indicators():
        assert direct_rows(indicator.code) or indicator.code in ("centres_binaan",), indicator.code


@pytest.mark.parametrize("code", list(INDICATORS))
def test_indicator_equals_direct_count_at_every_level(world: World, code: str) -> None:
    indicator = INDICATORS[code]
    admin = make_user(Role.MINISTRY_ADMIN)
    rows = direct_rows(code)
    assert indicator_total(indicator, user=admin, year=YEAR) == sum(r[3] for r in rows)
    for province in ("32", "35", "53", "11"):
        expected = sum(r[3] for r in rows if r[0] == province)
        assert indicator_total(indicator, user=admin, year=YEAR, level="province", code=province) == expected
        assert indicator_breakdown(indicator, user=admin, year=YEAR).get(province, 0) == expected
    for regency in ("32.16", "32.75", "35.78", "53.71"):
        expected = sum(r[3] for r in rows if r[1] == regency)
        assert indicator_total(indicator, user=admin, year=YEAR, level="regency", code=regency) == expected
        assert (
            indicator_breakdown(indicator, user=admin, year=YEAR, level="province", code=regency[:2]).get(regency, 0)
            == expected
        )
    by_centre = indicator_by_centre(indicator, user=admin, year=YEAR)
    for centre in world.centres.values():
        expected = sum(r[3] for r in rows if r[2] == centre.code)
        assert indicator_total(indicator, user=admin, year=YEAR, level="centre", code=centre.code) == expected
        assert (
            indicator_breakdown(indicator, user=admin, year=YEAR, level="regency", code=centre.regency_id).get(
                centre.pk, 0
            )
            == expected
        )
        assert by_centre.get(centre.pk, 0) == expected


def test_a_flow_counts_its_year_and_a_stock_ignores_it(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    trained = INDICATORS["trainees_trained"]
    assert indicator_total(trained, user=admin, year=2025) == 6  # the 2025 batch: 4 + 1 + 1 completed
    # 2026: 7 + 4 + 5 + 5, and 3 laid-off workers trained at the service's venues (world_service.py)
    assert indicator_by_year(trained, user=admin) == {2025: 6, 2026: 24}
    incubators = INDICATORS["incubators_designated"]
    assert indicator_total(incubators, user=admin, year=2019) == indicator_total(incubators, user=admin, year=2026) == 2


def test_a_government_venue_counts_for_its_regency_but_no_centre(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    trained = INDICATORS["trainees_trained"]
    regency_total = indicator_total(trained, user=admin, year=YEAR, level="regency", code="32.16")
    centres_total = sum(indicator_breakdown(trained, user=admin, year=YEAR, level="regency", code="32.16").values())
    assert regency_total - centres_total == 7  # the BPKK batch's completed trainees, and the service's 2 at BPKK


@pytest.mark.parametrize("code", list(INDICATORS))
def test_a_coordinator_adds_up_only_their_provinces(world: World, code: str) -> None:
    indicator = INDICATORS[code]
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    rows = direct_rows(code)
    assert indicator_total(indicator, user=coordinator, year=YEAR) == sum(r[3] for r in rows if r[0] == "32")
    assert set(indicator_breakdown(indicator, user=coordinator, year=YEAR)) <= {"32"}
    assert indicator_total(indicator, user=coordinator, year=YEAR, level="province", code="35") == 0


def test_a_manager_adds_up_only_their_centre(world: World) -> None:
    manager = make_user(Role.CENTRE_MANAGER, centres=[world.centres["bekasi_a"]])
    for indicator in available_indicators():
        mine: Any = sum(r[3] for r in direct_rows(indicator.code) if r[2] == world.centres["bekasi_a"].code)
        assert indicator_total(indicator, user=manager, year=YEAR) == mine, indicator.code
