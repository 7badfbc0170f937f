"""Reads of contributions, offers, matches and rankings, all from ``visible_to``.

``matches_waiting`` and ``partner_home`` are what a partner's home shows (issue 17 reads them).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from inkubator.incubation.models import Licence, Milestone, MonthlyReport, Tenant
from inkubator.incubation.stages import OPEN_STAGES, add_months, month_start
from inkubator.partners.models import Partner
from inkubator.partners.selectors import agreement_list, agreements_expiring

from . import ranking
from .choices import (
    HOLDS_SLOT,
    READINESS_LICENCES,
    READINESS_MILESTONES,
    WAITING,
    ContributionKind,
    MatchStatus,
    OfferStatus,
)
from .models import Contribution, Match, Offer, Suggestion

# Contributions -------------------------------------------------------------------------------------


def contribution_list(*, user: Any) -> QuerySet[Contribution]:
    """Contributions in scope: a partner its own, a centre's people those to their centre, a venue's staff
    those to its laid-off workers' cohorts."""
    return Contribution.objects.visible_to(user).select_related(
        "partner", "centre", "batch__venue", "tenant__person", "regency"
    )


def contribution_get(*, user: Any, pk: int) -> Contribution:
    return get_object_or_404(contribution_list(user=user), pk=pk)


# Offers -------------------------------------------------------------------------------------------


def offer_list(*, user: Any) -> QuerySet[Offer]:
    """Offers in scope: its partner's and the ministry's all, the published ones for coaches."""
    return Offer.objects.visible_to(user).select_related("partner").prefetch_related("provinces")


def offer_get(*, user: Any, pk: int) -> Offer:
    return get_object_or_404(offer_list(user=user), pk=pk)


def places_left(offer: Offer) -> int | None:
    """How many more matches the offer can agree to; None without a limit."""
    if offer.slots is None:
        return None
    return max(offer.slots - offer.matches.filter(status__in=HOLDS_SLOT).count(), 0)


def offer_facts(offers: QuerySet[Offer] | list[Offer]) -> list[ranking.OfferFacts]:
    """Ranking's view of offers (their provinces prefetched)."""
    return [
        ranking.OfferFacts(
            offer_id=offer.pk,
            kind=offer.kind,
            provinces=frozenset(p.pk for p in offer.provinces.all()),
            stages=frozenset(offer.stages or []),
            kbli_prefixes=tuple(offer.kbli_list),
            required=frozenset(offer.required or []),
            min_months=offer.min_months_figures,
            min_revenue=offer.min_monthly_revenue,
            licence_kind=offer.licence_kind,
        )
        for offer in offers
    ]


def open_offers(*, user: Any, today: datetime.date) -> QuerySet[Offer]:
    """Published offers the user sees that still take matches."""
    return (
        offer_list(user=user)
        .filter(status=OfferStatus.PUBLISHED)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    )


# Tenants' facts -------------------------------------------------------------------------------------


def _window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve complete months before ``today``'s month: [first, last+1)."""
    current = month_start(today)
    return add_months(current, -ranking.TRACK_RECORD_MONTHS), current


def tenant_facts(tenants: QuerySet[Tenant], *, today: datetime.date) -> dict[int, ranking.TenantFacts]:
    """Ranking's view of many tenants in four grouped queries (licences, milestones, figures, tenants)."""
    readiness: dict[int, set[str]] = {}
    ids = tenants.values("pk")
    for tenant_id, kind in Licence.objects.filter(business__tenant__in=ids, kind__in=READINESS_LICENCES).values_list(
        "business__tenant_id", "kind"
    ):
        readiness.setdefault(tenant_id, set()).add(kind)
    for tenant_id, kind in Milestone.objects.filter(
        tenant__in=ids, kind__in=READINESS_MILESTONES, achieved_on__isnull=False
    ).values_list("tenant_id", "kind"):
        readiness.setdefault(tenant_id, set()).add(kind)
    first, end = _window(today)
    figures = {
        row["tenant"]: row
        for row in MonthlyReport.objects.filter(tenant__in=ids, month__gte=first, month__lt=end)
        .values("tenant")
        .annotate(months=Count("pk"), revenue=Avg("revenue"))
    }
    facts = {}
    for pk, regency, stage, kbli in tenants.values_list("pk", "regency_id", "stage", "business__kbli_code"):
        row = figures.get(pk, {})
        facts[pk] = ranking.TenantFacts(
            tenant_id=pk,
            province=regency.split(".")[0],
            stage=stage,
            kbli_code=kbli or "",
            readiness=frozenset(readiness.get(pk, ())),
            months_reported=row.get("months", 0),
            average_revenue=int(row.get("revenue") or 0),
        )
    return facts


def ranked_offers(*, user: Any, tenant: Tenant, today: datetime.date) -> list[tuple[Offer, ranking.Fit]]:
    """Every open offer the user sees for ``tenant``: matched ones best first, with reasons; then the
    ones ruled out, with what is missing."""
    facts = tenant_facts(Tenant.objects.filter(pk=tenant.pk), today=today)[tenant.pk]
    # Offers aimed at other provinces are not listed at all (a Bekasi tenant is not told about each
    # of Papua's): of 500 national offers some 30 remain, and the page ranks only those.
    where = Q(provinces__isnull=True) | Q(provinces=facts.province)
    offers = {offer.pk: offer for offer in open_offers(user=user, today=today).filter(where).distinct()}
    fits = ranking.rank(facts, offer_facts(list(offers.values())))
    return [(offers[f.offer_id], f) for f in fits]


def tenant_fit(*, tenant: Tenant, offer: Offer, today: datetime.date) -> ranking.Fit:
    """How ``tenant`` fits ``offer`` and why."""
    facts = tenant_facts(Tenant.objects.filter(pk=tenant.pk), today=today)[tenant.pk]
    return ranking.fit(facts, offer_facts([offer])[0])


# Service participants (laid-off workers) -------------------------------------------------------------


def participant_get(*, user: Any, pk: int) -> Any:
    """A laid-off workers' service participant in the user's scope, with what ranking reads; 404 otherwise."""
    from inkubator.service.models import Participant

    rows = Participant.objects.visible_to(user).select_related("registration__person", "registration__venue")
    return get_object_or_404(rows, pk=pk)


def participant_facts(participant: Any, *, today: datetime.date) -> ranking.TenantFacts:
    """Ranking's view of a service participant: its tenant's once the business runs, else what the
    registration says.

    Before the business starts a participant has no business, licences or figures: it is ranked
    as a tenant in pre-incubation in the province it registered from, so offers that ask nothing
    more (open to any stage or to pre-incubation, with no readiness, KBLI or figures required) fit,
    and the others say what is missing, as they would for a new tenant.
    """
    from inkubator.incubation.choices import Stage

    if participant.tenant_id:
        return tenant_facts(Tenant.objects.filter(pk=participant.tenant_id), today=today)[participant.tenant_id]
    return ranking.TenantFacts(tenant_id=0, province=participant.registration.regency_id.split(".")[0], stage=Stage.PRE)


def participant_ranked_offers(*, user: Any, participant: Any, today: datetime.date) -> list[tuple[Offer, ranking.Fit]]:
    """Every open offer the user sees for a service participant, ranked with reasons like a tenant's."""
    facts = participant_facts(participant, today=today)
    where = Q(provinces__isnull=True) | Q(provinces=facts.province)
    offers = {offer.pk: offer for offer in open_offers(user=user, today=today).filter(where).distinct()}
    fits = ranking.rank(facts, offer_facts(list(offers.values())))
    return [(offers[f.offer_id], f) for f in fits]


def participant_fit(*, participant: Any, offer: Offer, today: datetime.date) -> ranking.Fit:
    """How a service participant fits ``offer`` and why."""
    return ranking.fit(participant_facts(participant, today=today), offer_facts([offer])[0])


def fitting_tenants(*, user: Any, offer: Offer, limit: int = 50) -> QuerySet[Suggestion]:
    """The tenants in the user's scope the last nightly ranking found fit for ``offer``, best first."""
    return (
        Suggestion.objects.visible_to(user)
        .filter(offer=offer, tenant__stage__in=OPEN_STAGES)
        .exclude(tenant__matches__offer=offer)
        .select_related("tenant__person", "tenant__business", "tenant__incubator")
        .order_by("-score", "tenant_id")[:limit]
    )


# Matches -------------------------------------------------------------------------------------------


def match_list(*, user: Any) -> QuerySet[Match]:
    """Matches in scope: the offer's partner, the tenant's incubator and region, the entrepreneur."""
    return Match.objects.visible_to(user).select_related(
        "tenant__person", "tenant__business", "tenant__incubator", "offer__partner"
    )


def match_get(*, user: Any, pk: int) -> Match:
    return get_object_or_404(match_list(user=user), pk=pk)


def matches_of_tenant(*, user: Any, tenant: Tenant) -> QuerySet[Match]:
    return match_list(user=user).filter(tenant=tenant)


def matches_waiting(*, user: Any) -> QuerySet[Match]:
    """Matches waiting for the user's organisation's answer (proposed or contacted), oldest first.

    For a partner user: those of its offers; for a ministry admin: those of the ministry's own offers.
    """
    rows = match_list(user=user).filter(status__in=WAITING)
    if getattr(user, "partner_id", None):
        rows = rows.filter(offer__partner_id=user.partner_id)
    else:
        rows = rows.filter(offer__partner__isnull=True)
    return rows.order_by("proposed_at", "pk")


def proposed_to_bank(*, user: Any, offer: Offer) -> QuerySet[Match]:
    """A finance offer's matches still open (proposed, contacted, agreed): what a bank downloads."""
    return match_list(user=user).filter(offer=offer, status__in=[*WAITING, MatchStatus.AGREED]).order_by("pk")


def outcome_totals(matches: QuerySet[Match]) -> dict[str, int]:
    """Deals, loans and licences among ``matches``: counts and rupiah."""
    return matches.filter(status=MatchStatus.OUTCOME).aggregate(
        deals=Count("pk", filter=Q(deal_value__isnull=False)),
        deal_value=Sum("deal_value", default=0),
        loans=Count("pk", filter=Q(loan_amount__isnull=False)),
        loan_amount=Sum("loan_amount", default=0),
        licences=Count("pk", filter=~Q(licence_number="")),
    )


# Partners ------------------------------------------------------------------------------------------


def partner_summary(*, user: Any, partner: Partner) -> dict[str, Any]:
    """What a partner gave and what came of it, within the user's scope."""
    contributions = contribution_list(user=user).filter(partner=partner)
    matches = match_list(user=user).filter(offer__partner=partner)
    given = contributions.aggregate(
        count=Count("pk"),
        value=Sum("value", default=0),
        people=Sum("people", default=0),
        centres=Count("centre", distinct=True),
        tenants=Count("tenant", distinct=True),
    )
    # Trainees of the batches it supported: what came of the equipment and training it gave. The batches
    # are found from the partner's few contributions (a union of the two ways a batch is supported) and
    # their trainees by the batch index: an OR of the two joins read every enrolment of the country
    # (~80 ms on the national demo, 0.5 ms this way).
    from inkubator.training.models import Enrollment, TrainingBatch

    given_to_batch = Contribution.objects.filter(partner=partner, batch__isnull=False).order_by().values("batch")
    equipped_before = (
        TrainingBatch.objects.filter(
            centre__contributions__partner=partner,
            centre__contributions__kind__in=[ContributionKind.EQUIPMENT, ContributionKind.INSTRUCTOR_TRAINING],
            start_date__gte=F("centre__contributions__given_on"),
        )
        .order_by()
        .values("pk")
    )
    given["trainees"] = Enrollment.objects.filter(batch__in=given_to_batch.union(equipped_before)).count()
    return {
        "given": given,
        "matches": matches.aggregate(
            total=Count("pk"),
            waiting=Count("pk", filter=Q(status__in=WAITING)),
            agreed=Count("pk", filter=Q(status__in=HOLDS_SLOT)),
            tenants=Count("tenant", distinct=True),
        ),
        "outcomes": outcome_totals(matches),
    }


def partner_home(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """Everything a partner user's home shows, scoped to its organisation (empty without one)."""
    partner = Partner.objects.visible_to(user).filter(pk=getattr(user, "partner_id", None)).first()
    if partner is None:
        return {"partner": None}
    return {
        "partner": partner,
        "agreements": agreement_list(user=user).filter(partner=partner)[:10],
        "expiring": agreements_expiring(user=user, today=today).filter(partner=partner),
        "contributions": contribution_list(user=user).filter(partner=partner)[:10],
        "offers": offer_list(user=user)
        .filter(partner=partner)
        .annotate(waiting=Count("matches", filter=Q(matches__status__in=WAITING)))[:10],
        "waiting": matches_waiting(user=user)[:20],
        "outcomes": match_list(user=user).filter(offer__partner=partner, status=MatchStatus.OUTCOME)[:10],
        "summary": partner_summary(user=user, partner=partner),
    }
