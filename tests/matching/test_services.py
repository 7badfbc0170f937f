"""The match pipeline, places of an offer, outcomes written to the tenant, contributions' places."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from inkubator.core.roles import Role
from inkubator.incubation.choices import LoanStatus
from inkubator.matching import selectors, services
from inkubator.matching.choices import ContributionKind, MatchStatus, OfferKind, OfferStatus
from inkubator.partners import services as partner_services
from inkubator.partners.models import PartnerAgreement
from tests.factories import AssetFactory, PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant

from .factories import give_bank_account, give_nib, make_bank, make_offer

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _in_english() -> None:
    # The messages matched below are the English source strings.
    translation.activate("en")


@pytest.fixture
def coach():
    return make_user(Role.MINISTRY_ADMIN)


def test_the_pipeline_moves_forward_and_refuses_moves_it_has_not(coach) -> None:  # noqa: ANN001
    tenant = make_tenant()
    offer = make_offer(partner=make_bank())
    match = services.match_propose(tenant=tenant, offer=offer, user=coach)
    assert match.status == MatchStatus.PROPOSED
    with pytest.raises(ValidationError, match="cannot become"):
        services.match_record_outcome(match=match, user=coach, outcome_on=TODAY, loan_amount=5_000_000)
    services.match_contact(match=match, user=coach)
    match = services.match_accept(match=match, user=coach)
    assert match.status == MatchStatus.AGREED and match.answered_by == coach
    with pytest.raises(ValidationError, match="cannot become"):
        services.match_decline(match=match, user=coach, reason="late")
    with pytest.raises(ValidationError, match="amount of the loan"):
        services.match_record_outcome(match=match, user=coach, outcome_on=TODAY)
    match = services.match_record_outcome(match=match, user=coach, outcome_on=TODAY, loan_amount=25_000_000)
    assert match.status == MatchStatus.OUTCOME
    loan = tenant.loans.get()
    assert (loan.amount, loan.status, loan.bank, loan.bank_name) == (
        25_000_000,
        LoanStatus.DISBURSED,
        offer.partner,
        "",
    )


def test_a_licence_outcome_adds_the_licence_to_the_business(coach) -> None:  # noqa: ANN001
    tenant = make_tenant()
    offer = make_offer(partner=PartnerFactory(), kind=OfferKind.LICENCE)
    match = services.match_accept(match=services.match_propose(tenant=tenant, offer=offer, user=coach), user=coach)
    services.match_record_outcome(match=match, user=coach, outcome_on=TODAY, licence_number="ID35110001234")
    assert list(tenant.business.licences.values_list("kind", "number")) == [("halal", "ID35110001234")]


def test_a_decline_needs_a_reason_and_a_draft_offer_takes_no_proposal(coach) -> None:  # noqa: ANN001
    tenant = make_tenant()
    draft = make_offer(status=OfferStatus.DRAFT)
    with pytest.raises(ValidationError, match="published offer"):
        services.match_propose(tenant=tenant, offer=draft, user=coach)
    match = services.match_propose(tenant=tenant, offer=make_offer(), user=coach)
    with pytest.raises(ValidationError, match="Say why"):
        services.match_decline(match=match, user=coach, reason="  ")
    assert services.match_decline(match=match, user=coach, reason="Plafon habis").status == MatchStatus.DECLINED


def test_the_last_place_of_an_offer_is_taken_once(coach) -> None:  # noqa: ANN001
    offer = make_offer(slots=1)
    first = services.match_propose(tenant=make_tenant(), offer=offer, user=coach)
    second = services.match_propose(tenant=make_tenant(), offer=offer, user=coach)
    services.match_accept(match=first, user=coach)
    with pytest.raises(ValidationError, match="no place left"):
        services.match_accept(match=second, user=coach)
    assert selectors.places_left(offer) == 0
    services.match_withdraw(match=first, user=coach)
    assert services.match_accept(match=second, user=coach).status == MatchStatus.AGREED


def test_a_tenant_is_proposed_to_an_offer_once(coach) -> None:  # noqa: ANN001
    tenant, offer = make_tenant(), make_offer()
    services.match_propose(tenant=tenant, offer=offer, user=coach)
    with pytest.raises(ValidationError, match="already matched"):
        services.match_propose(tenant=tenant, offer=offer, user=coach)


def test_ranking_from_the_database_reads_licences_milestones_and_figures() -> None:
    tenant = make_tenant()
    wants_nib = make_offer(required=["nib", "bank_account"])
    facts = selectors.tenant_facts(type(tenant).objects.filter(pk=tenant.pk), today=TODAY)[tenant.pk]
    assert facts.readiness == frozenset() and facts.province == "32"
    fit = selectors.tenant_fit(tenant=tenant, offer=wants_nib, today=TODAY)
    assert not fit.eligible and len(fit.problems) == 2
    give_nib(tenant)
    give_bank_account(tenant)
    assert selectors.tenant_fit(tenant=tenant, offer=wants_nib, today=TODAY).eligible


def test_a_contribution_takes_its_centre_and_place_from_what_received_it() -> None:
    incubator = make_incubator()
    tenant = make_tenant(incubator=incubator)
    partner = PartnerFactory()
    given = services.contribution_create(
        partner=partner, kind=ContributionKind.MENTORS, title="Mentor pemasaran", given_on=TODAY, tenant=tenant
    )
    assert (given.centre, given.regency_id) == (incubator, "32.16")
    other_asset = AssetFactory()
    with pytest.raises(ValidationError, match="another centre"):
        services.contribution_create(
            partner=partner, kind=ContributionKind.EQUIPMENT, title="Oven", given_on=TODAY, centre=incubator,
            asset=other_asset,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Choose the centre"):
        services.contribution_create(partner=partner, kind=ContributionKind.FUNDING, title="Dana", given_on=TODAY)


def test_an_agreement_names_its_counterpart_and_runs_forward() -> None:
    partner = PartnerFactory()
    with pytest.raises(ValidationError, match="province that signed"):
        partner_services.partner_agreement_create(
            partner=partner, kind="mou", number="MOU-1", title="Kerja sama", party="province",
            signed_on=TODAY, starts_on=TODAY, ends_on=TODAY,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="end after it starts"):
        partner_services.partner_agreement_create(
            partner=partner, kind="mou", number="MOU-1", title="Kerja sama", signed_on=TODAY, starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
        )  # fmt: skip
    agreement = partner_services.partner_agreement_create(
        partner=partner, kind="pks", number="PKS-1", title="Pelatihan instruktur", signed_on=TODAY, starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=30),
    )  # fmt: skip
    admin = make_user(Role.MINISTRY_ADMIN)
    from inkubator.partners.selectors import agreements_expiring

    assert list(agreements_expiring(user=admin, today=TODAY)) == [agreement]
    assert agreement.status == PartnerAgreement.Status.ACTIVE


def test_erasure_blanks_the_notes_of_a_match_and_keeps_the_row(coach) -> None:  # noqa: ANN001
    from inkubator.matching.models import Match
    from inkubator.privacy.services import subject_erase

    tenant = make_tenant()
    match = services.match_propose(tenant=tenant, offer=make_offer(), user=coach, note="Ibu Sri, janda, 3 anak")
    services.match_decline(match=match, user=coach, reason="Alamat rumah Jl. Melati 5 tidak cocok")
    subject_erase(person=tenant.person, user=coach, basis="subject_request", basis_detail="", requester="Sri")
    match = Match.objects.get(pk=match.pk)
    assert (match.note, match.decline_reason, match.status) == ("", "", MatchStatus.DECLINED)
