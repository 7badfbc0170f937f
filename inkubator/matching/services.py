"""Writes of contributions, offers and matches: one transaction each, ``full_clean()``, audited.

The match pipeline (proposed → contacted → agreed → outcome; declined, withdrawn) is enforced here.
An offer's places are taken under a lock on the offer's row, so two partners' users (or a partner
and the ministry) accepting the last place at once cannot both get it. An outcome writes what it
is to the tenant's record too: a disbursed loan to its capital, an issued licence to its business.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.incubation import services as incubation_services
from inkubator.incubation.choices import LoanStatus
from inkubator.incubation.models import Tenant
from inkubator.incubation.stages import FINAL_STAGES

from .choices import HOLDS_SLOT, WAITING, MatchStatus, OfferKind, OfferStatus
from .models import Contribution, Match, Offer

M = TypeVar("M", bound=models.Model)

# Which statuses each move leaves from.
_MOVES: dict[str, tuple[str, ...]] = {
    MatchStatus.CONTACTED: (MatchStatus.PROPOSED,),
    MatchStatus.AGREED: WAITING,
    MatchStatus.DECLINED: WAITING,
    MatchStatus.WITHDRAWN: (*WAITING, MatchStatus.AGREED),
    MatchStatus.OUTCOME: (MatchStatus.AGREED,),
}


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    """Apply ``changes``, validate the whole object (constraints included) and save it."""
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


# Contributions -------------------------------------------------------------------------------------


@transaction.atomic
def contribution_create(
    *, partner: Any, kind: str, title: str, given_on: datetime.date, user: Any = None, **fields: Any
) -> Contribution:
    """Record what a partner gave; the centre and regency/city follow from a batch or a tenant."""
    contribution = Contribution(partner=partner, kind=kind, title=title.strip(), given_on=given_on, recorded_by=user)
    for name, value in fields.items():
        setattr(contribution, name, value)
    batch, tenant = contribution.batch, contribution.tenant
    if contribution.centre_id is None:
        contribution.centre = (batch.centre if batch else None) or (tenant.incubator if tenant else None)
    if contribution.centre_id:
        contribution.regency_id = contribution.centre.regency_id
    elif batch is not None:
        contribution.regency_id = batch.regency_id
    elif tenant is not None:
        contribution.regency_id = tenant.regency_id
    return _save(contribution)


# Offers ---------------------------------------------------------------------------------------------


@transaction.atomic
def offer_create(
    *, kind: str, title: str, partner: Any = None, provinces: Iterable[Any] = (), user: Any = None, **fields: Any
) -> Offer:
    """Write an offer as a draft (or as given in ``status``) with the provinces it is open in."""
    offer = _save(Offer(kind=kind, title=title.strip(), partner=partner, created_by=user), fields)
    offer.provinces.set(provinces)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, provinces: Iterable[Any] | None = None, **changes: Any) -> Offer:
    """Change an offer; ``provinces`` replaces where it is open when given."""
    _save(offer, changes)
    if provinces is not None:
        offer.provinces.set(provinces)
    return offer


@transaction.atomic
def offer_set_status(*, offer: Offer, status: str) -> Offer:
    """Publish an offer (coaches see it and may propose), close it (no new matches) or take it back."""
    return _save(offer, {"status": status})


# Matches --------------------------------------------------------------------------------------------


def _move(match: Match, to: str, **changes: Any) -> Match:
    if match.status not in _MOVES[to]:
        raise ValidationError(
            _("A match that is %(status)s cannot become %(to)s.")
            % {"status": MatchStatus(match.status).label, "to": MatchStatus(to).label}
        )
    return _save(match, {"status": to, **changes})


@transaction.atomic
def match_propose(*, tenant: Tenant, offer: Offer, user: Any, note: str = "", score: int = 0) -> Match:
    """Propose ``tenant`` to a published offer; the partner's answer is then awaited."""
    if offer.status != OfferStatus.PUBLISHED:
        raise ValidationError(_("Only a published offer takes proposals."))
    if offer.closes_on and offer.closes_on < timezone.localdate():
        raise ValidationError(_("The offer closed on %(date)s.") % {"date": offer.closes_on})
    if tenant.stage in FINAL_STAGES:
        raise ValidationError(_("Only a tenant still in incubation can be proposed."))
    return _save(
        Match(tenant=tenant, offer=offer, proposed_by=user, proposed_at=timezone.now(), note=note.strip(), score=score)
    )


@transaction.atomic
def match_contact(*, match: Match, user: Any) -> Match:
    """The coach has contacted the partner about the match (it still waits for the partner's answer)."""
    return _move(match, MatchStatus.CONTACTED)


@transaction.atomic
def match_accept(*, match: Match, user: Any) -> Match:
    """The partner agrees to take the tenant up; it takes one of the offer's places, if any are left.

    The offer's row is locked first: two acceptances of its last place wait for each other, and the
    second sees the place taken.
    """
    offer = Offer.objects.select_for_update().get(pk=match.offer_id)
    match = Match.objects.select_for_update().get(pk=match.pk)
    if offer.slots is not None and offer.matches.filter(status__in=HOLDS_SLOT).count() >= offer.slots:
        raise ValidationError(_("The offer has no place left."), code="no_place_left")
    return _move(match, MatchStatus.AGREED, answered_by=user, answered_at=timezone.now(), decline_reason="")


@transaction.atomic
def match_decline(*, match: Match, user: Any, reason: str) -> Match:
    """The partner declines, saying why (the coach reads it)."""
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Say why the match is declined.")})
    match = Match.objects.select_for_update().get(pk=match.pk)
    return _move(
        match, MatchStatus.DECLINED, answered_by=user, answered_at=timezone.now(), decline_reason=reason.strip()
    )


@transaction.atomic
def match_withdraw(*, match: Match, user: Any) -> Match:
    """The coach or the tenant takes the proposal back (it frees a place it held)."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    return _move(match, MatchStatus.WITHDRAWN)


@transaction.atomic
def match_record_outcome(
    *,
    match: Match,
    user: Any,
    outcome_on: datetime.date,
    deal_value: int | None = None,
    loan_amount: int | None = None,
    licence_number: str = "",
    outcome_note: str = "",
) -> Match:
    """Record what came of an agreed match; the figure the offer is about is required.

    Finance: the loan disbursed (also written to the tenant's capital as a disbursed loan); licence:
    the licence number (also written to the business's licences); market access: the deal value.
    """
    match = Match.objects.select_for_update(of=("self",)).select_related("offer__partner", "tenant").get(pk=match.pk)
    offer = match.offer
    licence_number = licence_number.strip()
    if offer.kind == OfferKind.FINANCE and not loan_amount:
        raise ValidationError({"loan_amount": _("Give the amount of the loan disbursed.")})
    if offer.kind == OfferKind.LICENCE and not licence_number:
        raise ValidationError({"licence_number": _("Give the number of the licence issued.")})
    if offer.kind == OfferKind.MARKET and not deal_value:
        raise ValidationError({"deal_value": _("Give the value of the deal.")})
    if outcome_on > timezone.localdate():
        raise ValidationError({"outcome_on": _("The outcome cannot be in the future.")})
    match = _move(
        match,
        MatchStatus.OUTCOME,
        outcome_on=outcome_on,
        deal_value=deal_value or None,
        loan_amount=loan_amount or None,
        licence_number=licence_number,
        outcome_note=outcome_note.strip(),
    )
    if offer.kind == OfferKind.FINANCE:
        incubation_services.loan_create(
            tenant=match.tenant,
            bank=offer.partner,
            bank_name="" if offer.partner_id else offer.owner_name[:120],
            scheme=(offer.scheme or "KUR")[:60],
            amount=loan_amount,
            applied_on=outcome_on,
            status=LoanStatus.DISBURSED,
        )
    elif offer.kind == OfferKind.LICENCE and hasattr(match.tenant, "business"):
        incubation_services.licence_create(
            business=match.tenant.business, kind=offer.licence_kind, number=licence_number, issued_on=outcome_on
        )
    return match


# Service participants (laid-off workers) -------------------------------------------------------------

# The service's kinds of offer (its participant path) for the kinds of a matching offer.
SERVICE_KIND = {
    OfferKind.FINANCE: "capital",
    OfferKind.MARKET: "market",
    OfferKind.LICENCE: "licence",
    OfferKind.MENTORING: "mentoring",
}


@transaction.atomic
def participant_offer_propose(*, participant: Any, offer: Offer, user: Any, score: int | None = None) -> Any:
    """Put a published offer to a laid-off workers' service participant in business matching.

    It is recorded on the participant's path as an offer of business matching (the service's
    ``offer_record``, audited there), which opens the path's next gate (capital, markets and
    licences). A participant whose business runs is a tenant: it is proposed through the match
    pipeline instead. The same offer is put to a participant once, also when put twice at once.
    """
    from inkubator.service.choices import OfferStatus as SupportStatus
    from inkubator.service.choices import ParticipantStage
    from inkubator.service.services import offer_record

    if offer.status != OfferStatus.PUBLISHED:
        raise ValidationError(_("Only a published offer takes proposals."))
    today = timezone.localdate()
    if offer.closes_on and offer.closes_on < today:
        raise ValidationError(_("The offer closed on %(date)s.") % {"date": offer.closes_on})
    # The participant's row is locked first: the same offer put twice at once (two staff, a double
    # click) waits, and the second sees the first's record.
    participant = type(participant).objects.select_for_update(of=("self",)).get(pk=participant.pk)
    if participant.stage not in (ParticipantStage.MATCHING, ParticipantStage.SUPPORT):
        raise ValidationError(
            _("Offers are put to a participant in business matching (now: %(stage)s).")
            % {"stage": ParticipantStage(participant.stage).label}
        )
    provider, description = offer.owner_name[:200], offer.title[:300]
    if participant.offers.filter(provider=provider, description=description).exists():
        raise ValidationError(_("This offer was already put to the participant."))
    return offer_record(
        participant=participant,
        user=user,
        kind=SERVICE_KIND[offer.kind],
        provider=provider,
        description=description,
        status=SupportStatus.OFFERED,
        offered_on=today,
    )


# Nightly ranking ------------------------------------------------------------------------------------

SUGGESTIONS_PER_TENANT = 3
RERANK_CHUNK = 5000


def suggestions_rerank(*, today: datetime.date, limit: int = SUGGESTIONS_PER_TENANT) -> int:
    """Rank every open offer for every tenant still in incubation and keep each tenant's best ``limit``.

    Offers are indexed by province (nationwide ones apply everywhere), so a tenant is scored only
    against the offers open where it is; tenants are read in chunks with their facts in four grouped
    queries each. The previous ranking is replaced in one transaction, so a page never reads half
    of it. Returns how many suggestions were written.
    """
    from inkubator.incubation.stages import OPEN_STAGES

    from . import ranking, selectors
    from .models import Suggestion

    offers = (
        Offer.objects.filter(status=OfferStatus.PUBLISHED)
        .exclude(closes_on__lt=today)
        .prefetch_related("provinces")
        .order_by("pk")
    )
    facts = selectors.offer_facts(offers)
    nationwide = [f for f in facts if not f.provinces]
    by_province: dict[str, list[ranking.OfferFacts]] = {}
    for f in facts:
        for province in f.provinces:
            by_province.setdefault(province, []).append(f)
    now = timezone.now()
    rows: list[Suggestion] = []
    tenant_ids = list(Tenant.objects.filter(stage__in=OPEN_STAGES).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(tenant_ids), RERANK_CHUNK):
        chunk = Tenant.objects.filter(pk__in=tenant_ids[start : start + RERANK_CHUNK])
        for tenant in selectors.tenant_facts(chunk, today=today).values():
            candidates = nationwide + by_province.get(tenant.province, [])
            for rank, (offer_id, score) in enumerate(ranking.best(tenant, candidates, limit=limit), start=1):
                rows.append(
                    Suggestion(tenant_id=tenant.tenant_id, offer_id=offer_id, score=score, rank=rank, computed_at=now)
                )
    with transaction.atomic():
        Suggestion.objects.all().delete()
        Suggestion.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
