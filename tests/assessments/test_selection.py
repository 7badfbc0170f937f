"""Selection: eligibility, binding quotas (province maximum, host-type minimum), TOPSIS, sensitivity, and the
recorded decision with every centre's reason and the designation on the centre."""

from __future__ import annotations

import pytest

from inkubator.assessments import services
from inkubator.assessments.choices import SelectionMethod, SelectionReason
from inkubator.assessments.models import Selection, SelectionEntry
from inkubator.assessments.selection import Candidate, Constraints, select, sensitivity, topsis
from inkubator.assessments.selectors import selection_candidates
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, bottom, middle, open_round, top, verified
from tests.factories import CentreFactory, HostInstitutionFactory, make_user

WEIGHTS = {"governance": 1.5, "finances": 1.0}


def candidate(pk: int, score: float, *, province: str = "32", host: str = "pesantren", rank: int = 2) -> Candidate:
    return Candidate(pk, f"C{pk:03d}", province, host, True, rank, {"governance": score, "finances": score})


def test_the_province_maximum_and_the_host_minimum_both_bind() -> None:
    candidates = [
        candidate(1, 95),
        candidate(2, 90),
        candidate(3, 85),  # third from province 32: over the maximum of 2
        candidate(4, 80, province="35"),
        candidate(5, 75, province="35"),
        candidate(6, 40, province="53", host="union"),  # far down the ranking, but unions need one seat
    ]
    result = select(
        candidates,
        Constraints(count=4, max_per_province=2, min_per_host={"union": 1}),
        WEIGHTS,
        SelectionMethod.WEIGHTED,
    )
    by_id = {o.centre_id: o for o in result.outcomes}
    assert result.selected_ids() == {1, 2, 4, 6}
    assert by_id[6].reason == SelectionReason.SELECTED_HOST_QUOTA
    assert by_id[3].reason == SelectionReason.PROVINCE_FULL
    assert by_id[5].reason == SelectionReason.BELOW_CUT
    assert [o.rank for o in result.outcomes] == [1, 2, 3, 4, 5, 6]
    assert result.shortfalls == {}


def test_an_unmet_host_minimum_is_reported_and_the_count_never_exceeded() -> None:
    candidates = [candidate(n, 100 - n) for n in range(1, 6)]
    result = select(candidates, Constraints(count=3, min_per_host={"union": 2}), WEIGHTS, SelectionMethod.WEIGHTED)
    assert result.shortfalls == {"union": 2}
    assert result.selected_ids() == {1, 2, 3}


def test_unverified_and_low_clusters_are_not_eligible_and_say_why() -> None:
    unverified = Candidate(1, "C001", "32", "pesantren", False, None, {})
    low = candidate(2, 99, rank=1)
    good = candidate(3, 50, rank=3)
    result = select([unverified, low, good], Constraints(count=3, min_cluster_rank=2), WEIGHTS, "weighted")
    reasons = {o.centre_id: o.reason for o in result.outcomes}
    assert reasons == {
        1: SelectionReason.NOT_VERIFIED,
        2: SelectionReason.BELOW_MIN_CLUSTER,
        3: SelectionReason.SELECTED,
    }


def test_ties_fall_to_governance_then_code() -> None:
    a = Candidate(2, "B", "32", "pesantren", True, 2, {"governance": 80, "finances": 60})
    b = Candidate(1, "A", "32", "pesantren", True, 2, {"governance": 60, "finances": 90})  # same weighted score
    c = Candidate(3, "C", "32", "pesantren", True, 2, {"governance": 80, "finances": 60})
    weights = {"governance": 1.5, "finances": 1.0}
    for order in ([a, b, c], [c, b, a], [b, c, a]):
        ranked = [o.code for o in select(order, Constraints(count=1), weights, "weighted").outcomes]
        assert ranked == ["B", "C", "A"]


def test_topsis_prefers_the_centre_closest_to_the_ideal() -> None:
    rows = [{"governance": 90, "finances": 90}, {"governance": 100, "finances": 10}, {"governance": 10, "finances": 10}]
    closeness = topsis(rows, {"governance": 1, "finances": 1})
    assert closeness[0] > closeness[1] > closeness[2]
    assert all(0 <= value <= 1 for value in closeness)


def test_sensitivity_lists_who_enters_and_leaves_when_a_weight_moves() -> None:
    # Two centres neck and neck: one strong in governance, the other in finances.
    candidates = [
        Candidate(1, "GOV", "32", "pesantren", True, 2, {"governance": 80, "finances": 50}),
        Candidate(2, "FIN", "32", "pesantren", True, 2, {"governance": 50, "finances": 81}),
    ]
    rows = sensitivity(candidates, Constraints(count=1), {"governance": 1.0, "finances": 1.0}, "weighted")
    moves = {(row.dimension, round(row.change, 1)): (row.entering, row.leaving) for row in rows}
    assert moves[("governance", 0.1)] == (["GOV"], ["FIN"])
    assert moves[("governance", -0.1)] == ([], [])
    assert moves[("finances", 0.1)] == ([], [])


@pytest.mark.django_db
def test_the_decision_is_stored_with_reasons_and_designates_the_selected() -> None:
    the_round = open_round()
    verifier = make_user(Role.MINISTRY_ADMIN)
    best = verified(the_round, CentreFactory(), top, verifier)
    union_host = HostInstitutionFactory(kind="union", religion="")
    union = verified(the_round, CentreFactory(host=union_host, regency=union_host.regency), middle, verifier)
    second = verified(the_round, CentreFactory(), top, verifier)
    weak = verified(the_round, CentreFactory(regency=Regency.objects.get(code="35.78")), bottom, verifier)
    pending = assigned(the_round, CentreFactory())
    constraints = Constraints(count=2, max_per_province=5, min_per_host={"union": 1}, min_cluster_rank=2)
    weights = dict.fromkeys(best.dimension_scores, 1.0)
    result = select(selection_candidates(the_round), constraints, weights, SelectionMethod.WEIGHTED)
    admin = make_user(Role.MINISTRY_ADMIN)
    selection = services.selection_record(
        round=the_round,
        constraints=constraints,
        min_cluster="berdaya",
        weights=weights,
        method=SelectionMethod.WEIGHTED,
        result=result,
        user=admin,
        note="Keputusan rapat 12 Mei",
    )
    stored = Selection.objects.get(pk=selection.pk)
    assert stored.decided_by == admin and stored.decided_at is not None
    assert (stored.count, stored.min_cluster, stored.min_per_host) == (2, "berdaya", {"union": 1})
    reasons = dict(SelectionEntry.objects.filter(selection=stored).values_list("centre_id", "reason"))
    assert reasons == {
        best.centre_id: SelectionReason.SELECTED,
        union.centre_id: SelectionReason.SELECTED_HOST_QUOTA,
        second.centre_id: SelectionReason.BELOW_CUT,
        weak.centre_id: SelectionReason.BELOW_MIN_CLUSTER,
        pending.centre_id: SelectionReason.NOT_VERIFIED,
    }
    best.centre.refresh_from_db()
    second.centre.refresh_from_db()
    assert best.centre.is_incubator and not second.centre.is_incubator
