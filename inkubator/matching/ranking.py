"""How well a tenant fits an offer, and why: pure functions over small facts, no database.

A requirement of the offer that the tenant fails (region, stage, product category, a licence or
milestone of the readiness checklist, months of figures, revenue, a licence it already holds for a
licence offer) rules the pair out, and the reason says which. A pair that passes is scored 0–100:

* 40 for passing every requirement;
* 20 when the offer names the tenant's product category (KBLI);
* 10 when the offer is aimed at the tenant's province rather than nationwide;
* up to 15 for the readiness checklist (3 for each of NIB, PIRT, halal, bookkeeping, bank account);
* up to 15 for months of figures reported in the last twelve (a lender reads a track record).

The same numbers serve one tenant's page (:func:`fit`, with reasons) and the nightly ranking of every
tenant (:func:`score`, which builds no text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .choices import READINESS_LICENCES, READINESS_MILESTONES, OfferKind

PASS_POINTS = 40
SECTOR_POINTS = 20
REGION_POINTS = 10
READINESS_POINTS = 3
MONTHS_POINTS = 15
TRACK_RECORD_MONTHS = 12


@dataclass(frozen=True)
class TenantFacts:
    """What ranking reads of a tenant: where, stage, product category, readiness and figures."""

    tenant_id: int
    province: str  # two-digit Kemendagri code
    stage: str
    kbli_code: str = ""
    readiness: frozenset[str] = frozenset()  # keys of incubation's readiness checklist held
    months_reported: int = 0  # of the last twelve complete months
    average_revenue: int = 0  # over the months reported in the last twelve


@dataclass(frozen=True)
class OfferFacts:
    """What ranking reads of an offer: its requirements."""

    offer_id: int
    kind: str
    provinces: frozenset[str] = frozenset()  # empty: nationwide
    stages: frozenset[str] = frozenset()  # empty: any open stage
    kbli_prefixes: tuple[str, ...] = ()
    required: frozenset[str] = frozenset()
    min_months: int = 0
    min_revenue: int = 0
    licence_kind: str = ""


@dataclass
class Fit:
    """The result for one pair: whether it is matched, its score and every reason, good or bad."""

    offer_id: int
    eligible: bool
    score: int
    reasons: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sector_fits(tenant: TenantFacts, offer: OfferFacts) -> bool:
    return any(tenant.kbli_code.startswith(prefix) for prefix in offer.kbli_prefixes)


def _readiness_label(key: str) -> str:
    from inkubator.incubation.choices import LicenceKind, MilestoneKind

    if key in READINESS_LICENCES:
        return str(LicenceKind(key).label)
    return str(MilestoneKind(key).label)


def problems_of(tenant: TenantFacts, offer: OfferFacts) -> list[str]:
    """Every requirement of ``offer`` that ``tenant`` fails, said for a person."""
    from inkubator.incubation.choices import Stage

    problems: list[str] = []
    if offer.provinces and tenant.province not in offer.provinces:
        problems.append(_("the offer is not open in the tenant's province"))
    if offer.stages and tenant.stage not in offer.stages:
        problems.append(
            _("the offer is for tenants in %(stages)s")
            % {"stages": ", ".join(str(Stage(s).label) for s in sorted(offer.stages))}
        )
    if offer.kbli_prefixes and not _sector_fits(tenant, offer):
        problems.append(
            _("the business's KBLI %(code)s is not among the categories %(prefixes)s")
            % {"code": tenant.kbli_code or "-", "prefixes": ", ".join(offer.kbli_prefixes)}
        )
    for key in sorted(offer.required - tenant.readiness):
        problems.append(_("the %(item)s is missing") % {"item": _readiness_label(key)})
    if tenant.months_reported < offer.min_months:
        problems.append(
            _("%(have)s months of figures of the last twelve; the offer asks for %(need)s")
            % {"have": tenant.months_reported, "need": offer.min_months}
        )
    if offer.min_revenue and tenant.average_revenue < offer.min_revenue:
        problems.append(
            _("average monthly revenue Rp %(have)s is below the Rp %(need)s asked")
            % {"have": f"{tenant.average_revenue:,}", "need": f"{offer.min_revenue:,}"}
        )
    if offer.kind == OfferKind.LICENCE and offer.licence_kind in tenant.readiness:
        problems.append(_("the tenant already holds the %(item)s") % {"item": _readiness_label(offer.licence_kind)})
    return problems


def _eligible(tenant: TenantFacts, offer: OfferFacts) -> bool:
    """:func:`problems_of` is empty, without building text (the nightly ranking's inner loop)."""
    return not (
        (offer.provinces and tenant.province not in offer.provinces)
        or (offer.stages and tenant.stage not in offer.stages)
        or (offer.kbli_prefixes and not _sector_fits(tenant, offer))
        or (offer.required and not offer.required <= tenant.readiness)
        or tenant.months_reported < offer.min_months
        or (offer.min_revenue and tenant.average_revenue < offer.min_revenue)
        or (offer.kind == OfferKind.LICENCE and offer.licence_kind in tenant.readiness)
    )


def _points(tenant: TenantFacts, offer: OfferFacts) -> int:
    points = PASS_POINTS
    if offer.kbli_prefixes:
        points += SECTOR_POINTS  # only eligible pairs are scored: the category fits
    if offer.provinces:
        points += REGION_POINTS
    held = len(tenant.readiness & READINESS_KEYS_SET)
    points += READINESS_POINTS * held
    points += MONTHS_POINTS * min(tenant.months_reported, TRACK_RECORD_MONTHS) // TRACK_RECORD_MONTHS
    return min(points, 100)


READINESS_KEYS_SET = frozenset(READINESS_LICENCES + READINESS_MILESTONES)


def score(tenant: TenantFacts, offer: OfferFacts) -> int | None:
    """The pair's score, or None when the tenant fails a requirement."""
    return _points(tenant, offer) if _eligible(tenant, offer) else None


def fit(tenant: TenantFacts, offer: OfferFacts) -> Fit:
    """The pair's score with the reasons a coach or partner reads (what fits, or what is missing)."""
    problems = problems_of(tenant, offer)
    if problems:
        return Fit(offer.offer_id, eligible=False, score=0, problems=problems)
    reasons = [_("meets every requirement of the offer")]
    if offer.kbli_prefixes:
        reasons.append(_("its products are in the categories asked (KBLI %(code)s)") % {"code": tenant.kbli_code})
    if offer.provinces:
        reasons.append(_("the offer is aimed at the tenant's province"))
    held = sorted(tenant.readiness & READINESS_KEYS_SET)
    reasons.append(
        _("readiness: %(count)s of %(total)s items held") % {"count": len(held), "total": len(READINESS_KEYS_SET)}
    )
    reasons.append(_("%(months)s months of figures of the last twelve") % {"months": tenant.months_reported})
    return Fit(offer.offer_id, eligible=True, score=_points(tenant, offer), reasons=reasons)


def rank(tenant: TenantFacts, offers: list[OfferFacts]) -> list[Fit]:
    """Every offer for ``tenant``: the matched ones by score (best first), then those ruled out."""
    fits = [fit(tenant, offer) for offer in offers]
    return sorted(fits, key=lambda f: (not f.eligible, -f.score, f.offer_id))


def best(tenant: TenantFacts, offers: list[OfferFacts], *, limit: int) -> list[tuple[int, int]]:
    """The ``limit`` best ``(offer_id, score)`` for ``tenant``, without reasons (nightly ranking)."""
    scored = [(s, offer.offer_id) for offer in offers if (s := score(tenant, offer)) is not None]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [(offer_id, s) for s, offer_id in scored[:limit]]
