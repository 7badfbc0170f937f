"""Pages: the ministry registers partners, agreements, gifts and offers; a coach proposes; the partner
answers and records the outcome; the tenant's page and the partner's home show it; indicators add up."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inkubator.core.indicators import available_indicators
from inkubator.core.indicators import indicator_total as _total
from inkubator.matching.choices import MatchStatus
from inkubator.matching.models import Contribution, Match, Offer
from inkubator.matching.selectors import matches_waiting
from inkubator.partners.models import Partner, PartnerAgreement

from .conftest import client_for

pytestmark = pytest.mark.django_db


def indicator_total(code: str, **kwargs: object) -> int:
    return _total(next(i for i in available_indicators() if i.code == code), **kwargs)


def test_the_ministry_registers_a_partner_an_agreement_a_gift_and_an_offer(world: dict) -> None:
    client = client_for(world["admin"])
    response = client.post(
        reverse("partners:create"),
        {"name": "PT Pertamina (Persero)", "short_name": "Pertamina", "kind": "bumn", "provinces": ["32", "35"],
         "active": "on"},
    )  # fmt: skip
    partner = Partner.objects.get(short_name="Pertamina")
    assert response.status_code == 302 and set(partner.provinces.values_list("pk", flat=True)) == {"32", "35"}
    response = client.post(
        reverse("partners:agreement_create"),
        {"partner": partner.pk, "kind": "mou", "party": "ministry", "number": "MOU/01/2026", "title": "Peralatan",
         "signed_on": "2026-01-05", "starts_on": "2026-01-05", "ends_on": "2027-01-04", "value": "0",
         "status": "active"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PartnerAgreement.objects.filter(partner=partner).count() == 1
    response = client.post(
        reverse("matching:contribution_create"),
        {"partner": partner.pk, "kind": "equipment", "title": "Mesin las", "centre": world["bekasi"].code,
         "value": "45000000", "people": "0", "given_on": "2026-02-01"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Contribution.objects.get(title="Mesin las").regency_id == "32.16"
    response = client.post(
        reverse("matching:offer_create"),
        {"partner": partner.pk, "kind": "market", "title": "Pasar UMKM Pertamina", "status": "published",
         "kbli_prefixes": "10 11", "required": ["nib"], "min_months_figures": "0", "min_monthly_revenue": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Offer.objects.get(title="Pasar UMKM Pertamina").required == ["nib"]
    for name in (
        "partners:list",
        "partners:agreements",
        "matching:contributions",
        "matching:offers",
        "matching:matches",
    ):
        page = client.get(reverse(name), {"q": "a"})
        assert page.status_code == 200, name
    assert client.get(reverse("partners:detail", args=[partner.pk])).status_code == 200
    xlsx = client.get(reverse("matching:offer_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_an_invalid_form_comes_back_with_errors(world: dict) -> None:
    client = client_for(world["admin"])
    response = client.post(reverse("matching:offer_create"), {"kind": "licence", "title": "Halal"})
    assert response.status_code == 400
    assert "licence_kind" in response.context["form"].errors


def test_a_coach_proposes_the_partner_accepts_and_records_the_outcome(world: dict) -> None:
    coach = client_for(world["facilitator_b"])
    tenant, offer = world["tenant_b"], world["offer_a"]
    Match.objects.filter(pk=world["match_a"].pk).delete()  # start from no match
    page = coach.get(reverse("matching:tenant_offers", args=[tenant.pk]))
    assert page.status_code == 200 and "KUR Mikro BRI" in page.content.decode()
    response = coach.post(reverse("matching:propose", args=[tenant.pk, offer.pk]), {"note": "Usaha stabil"})
    match = Match.objects.get(tenant=tenant, offer=offer)
    assert response.status_code == 302 and match.note == "Usaha stabil"
    assert list(matches_waiting(user=world["bank_user"])) == [match]
    bank = client_for(world["bank_user"])
    assert world["tenant_b"].person.name in bank.get(reverse("matching:partner_home")).content.decode()
    assert bank.post(reverse("matching:match_accept", args=[match.pk])).status_code == 302
    today = timezone.localdate().isoformat()
    response = bank.post(reverse("matching:match_outcome", args=[match.pk]), {"outcome_on": today, "loan_amount": ""})
    assert response.status_code == 400
    bank.post(reverse("matching:match_outcome", args=[match.pk]), {"outcome_on": today, "loan_amount": "30000000"})
    match.refresh_from_db()
    assert (match.status, match.loan_amount) == (MatchStatus.OUTCOME, 30_000_000)
    tenant_page = client_for(world["manager_b"]).get(reverse("incubation:tenant_detail", args=[tenant.pk]))
    assert 'data-testid="tenant-matches"' in tenant_page.content.decode()
    assert "KUR Mikro BRI" in tenant_page.content.decode()
    proposals = client_for(world["bank_user"]).get(reverse("matching:offer_proposals", args=[offer.pk, "csv"]))
    assert proposals.status_code == 200


def test_a_tenant_lacking_a_required_licence_cannot_be_proposed_and_is_told_why(world: dict) -> None:
    from .factories import make_offer

    wants_nib = make_offer(partner=world["bank"], title="KUR butuh NIB", required=["nib"])
    coach = client_for(world["manager_b"])
    page = coach.get(reverse("matching:tenant_offers", args=[world["tenant_b"].pk])).content.decode()
    assert "NIB" in page
    response = coach.post(reverse("matching:propose", args=[world["tenant_b"].pk, wants_nib.pk]), follow=True)
    assert not Match.objects.filter(offer=wants_nib).exists()
    assert "NIB" in response.content.decode()


def test_indicator_totals_equal_direct_counts(world: dict) -> None:
    admin = world["admin"]
    day = datetime.date.today()
    from inkubator.matching import services

    match = services.match_accept(match=world["match_a"], user=admin)
    services.match_record_outcome(match=match, user=admin, outcome_on=day, loan_amount=12_000_000)
    deal = services.match_accept(match=world["match_b"], user=admin)
    services.match_record_outcome(match=deal, user=admin, outcome_on=day, deal_value=3_000_000)
    done = Match.objects.filter(status=MatchStatus.OUTCOME)
    assert indicator_total("capital_accessed", user=admin, year=day.year) == 12_000_000
    assert indicator_total("loans_disbursed", user=admin, year=day.year) == done.filter(offer__kind="finance").count()
    assert indicator_total("market_deals", user=admin, year=day.year) == done.filter(offer__kind="market").count()
    assert indicator_total("licences_obtained", user=admin, year=day.year) == 0
    # A coordinator of West Java counts the Bekasi loan only.
    assert indicator_total("market_deals", user=world["coordinator_32"], year=day.year) == 0


def test_a_tenants_offers_leave_out_offers_aimed_at_other_provinces(world: dict) -> None:
    from .factories import make_offer

    make_offer(partner=world["bank"], title="KUR Kanwil NTT", provinces=["53"])
    make_offer(partner=world["bank"], title="KUR Kanwil Jawa Barat", provinces=["32"])
    page = client_for(world["manager_b"]).get(reverse("matching:tenant_offers", args=[world["tenant_b"].pk]))
    body = page.content.decode()
    assert "KUR Kanwil Jawa Barat" in body and "KUR Kanwil NTT" not in body
