"""Ranking: requirements rule a pair out with the reason; a fitting pair is scored; pure, no database."""

from __future__ import annotations

from inkubator.matching import ranking
from inkubator.matching.choices import OfferKind

TENANT = ranking.TenantFacts(
    tenant_id=1, province="32", stage="incubation", kbli_code="10792", readiness=frozenset({"pirt"}), months_reported=6
)


def test_a_tenant_without_a_required_licence_is_not_matched_and_the_reason_says_so() -> None:
    offer = ranking.OfferFacts(offer_id=7, kind=OfferKind.FINANCE, required=frozenset({"nib"}))
    fit = ranking.fit(TENANT, offer)
    assert not fit.eligible
    assert ranking.score(TENANT, offer) is None
    assert any("NIB" in problem for problem in fit.problems)
    assert ranking.best(TENANT, [offer], limit=5) == []


def test_region_stage_category_months_and_revenue_each_rule_out_with_a_reason() -> None:
    cases = [
        ranking.OfferFacts(offer_id=1, kind=OfferKind.MARKET, provinces=frozenset({"35"})),
        ranking.OfferFacts(offer_id=2, kind=OfferKind.MARKET, stages=frozenset({"post_incubation"})),
        ranking.OfferFacts(offer_id=3, kind=OfferKind.MARKET, kbli_prefixes=("47",)),
        ranking.OfferFacts(offer_id=4, kind=OfferKind.FINANCE, min_months=12),
        ranking.OfferFacts(offer_id=5, kind=OfferKind.FINANCE, min_revenue=50_000_000),
        ranking.OfferFacts(offer_id=6, kind=OfferKind.LICENCE, licence_kind="pirt"),
    ]
    for offer in cases:
        fit = ranking.fit(TENANT, offer)
        assert not fit.eligible, offer
        assert len(fit.problems) == 1, (offer, fit.problems)
        assert ranking.score(TENANT, offer) is None


def test_a_fitting_offer_in_the_tenants_category_and_province_ranks_first() -> None:
    aimed = ranking.OfferFacts(offer_id=1, kind=OfferKind.MARKET, provinces=frozenset({"32"}), kbli_prefixes=("10",))
    national = ranking.OfferFacts(offer_id=2, kind=OfferKind.MENTORING)
    ruled_out = ranking.OfferFacts(offer_id=3, kind=OfferKind.FINANCE, required=frozenset({"bank_account"}))
    fits = ranking.rank(TENANT, [national, ruled_out, aimed])
    assert [f.offer_id for f in fits] == [1, 2, 3]
    # 40 passing + 20 category + 10 province + 3 (PIRT) + 15 * 6/12
    assert fits[0].score == 40 + 20 + 10 + 3 + 7
    assert fits[0].reasons and not fits[0].problems
    assert ranking.best(TENANT, [national, ruled_out, aimed], limit=1) == [(1, fits[0].score)]
