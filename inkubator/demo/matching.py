"""Demo data of partners' agreements, contributions, offers and business matches (after incubation).

The named partners (``demo/partners.py``) sign MoUs with the ministry and PKS with centres; the
companies give equipment and train instructors, USAID funds, the universities send mentors; the
banks publish KUR offers, KemenKopUKM licence facilitation (NIB, halal), Kemendes PDTT and the
companies market access, Pertamina mentoring. ``national`` adds offers aimed at each province up to
500. About one tenant in seven still in incubation is proposed to an offer it fits (ranked by
``matching.ranking``) and stands somewhere in the pipeline; outcomes also write the loan or licence
to the tenant's record, as the service does. The demo partner account (``mitra``, BRI) finds matches
waiting for its answer. The small demo also runs the nightly ranking.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.incubation.choices import LicenceKind, LoanStatus
from inkubator.incubation.models import Business, Licence, Loan, Tenant
from inkubator.incubation.stages import OPEN_STAGES
from inkubator.matching import ranking, selectors
from inkubator.matching.choices import ContributionKind, MatchStatus, OfferKind, OfferStatus
from inkubator.matching.models import Contribution, Match, Offer
from inkubator.matching.services import suggestions_rerank
from inkubator.partners.models import Partner, PartnerAgreement
from inkubator.regions.models import Province

from .clock import demo_today
from .writer import RowWriter

SIZES: dict[str, dict[str, int]] = {
    "small": {"offers": 20, "contributions": 60, "match_share": 7},
    "national": {"offers": 500, "contributions": 5000, "match_share": 7},
}
OFFER_FIELDS = (
    "partner_id", "kind", "title", "description", "status", "buyer", "kbli_prefixes", "volume", "scheme",
    "amount_min", "amount_max", "interest_rate", "collateral", "requirements", "licence_kind", "stages",
    "required", "min_months_figures", "min_monthly_revenue", "slots", "closes_on",
)  # fmt: skip
MATCH_FIELDS = (
    "tenant_id", "offer_id", "status", "score", "note", "proposed_by_id", "proposed_at", "answered_by_id",
    "answered_at", "decline_reason", "outcome_on", "deal_value", "loan_amount", "licence_number", "outcome_note",
)  # fmt: skip
# Where a match stands, by weight.
STATUS_WEIGHTS = {
    MatchStatus.PROPOSED: 25,
    MatchStatus.CONTACTED: 15,
    MatchStatus.AGREED: 20,
    MatchStatus.OUTCOME: 30,
    MatchStatus.DECLINED: 7,
    MatchStatus.WITHDRAWN: 3,
}
FOOD = "10 11 56"
KUR_TEXT = "KTP, KK, NIB atau surat keterangan usaha, rekening tabungan, usaha berjalan minimal 6 bulan."


def _named(short: str) -> Partner | None:
    return Partner.objects.filter(short_name=short).first()


def _offers(size: str, rng: random.Random) -> list[tuple[Partner | None, tuple, tuple[str, ...]]]:
    """(partner, values in OFFER_FIELDS order without partner, provinces) of every demo offer."""
    today = demo_today()
    closes = today + datetime.timedelta(days=180)
    pub = OfferStatus.PUBLISHED
    rows: list[tuple[Partner | None, tuple, tuple[str, ...]]] = []

    def add(short: str | None, kind: str, title: str, provinces: tuple[str, ...] = (), **v: object) -> None:
        partner = _named(short) if short else None
        if short and partner is None:
            return
        rows.append((partner, (
            kind, title, v.get("description", ""), v.get("status", pub), v.get("buyer", ""), v.get("kbli", ""),
            v.get("volume", ""), v.get("scheme", ""), v.get("amount_min"), v.get("amount_max"),
            v.get("interest"), v.get("collateral", ""), v.get("requirements", ""), v.get("licence_kind", ""),
            list(v.get("stages", [])), list(v.get("required", [])), v.get("months", 0), v.get("revenue", 0),
            v.get("slots"), v.get("closes", closes),
        ), provinces))  # fmt: skip

    for short, scheme in (("BRI", "KUR Mikro"), ("BNI", "KUR Mikro"), ("Bank Mandiri", "KUR Mikro"),
                          ("BSI", "KUR Mikro Syariah")):  # fmt: skip
        add(short, OfferKind.FINANCE, f"{scheme} {short} untuk alumni BLK Komunitas", scheme=scheme,
            amount_min=10_000_000, amount_max=100_000_000, interest=6, collateral="Tanpa agunan tambahan",
            requirements=KUR_TEXT, months=3, description="KUR bersubsidi, bunga 6% per tahun.")  # fmt: skip
    add("BRI", OfferKind.FINANCE, "KUR Kecil BRI", scheme="KUR Kecil", amount_min=100_000_000,
        amount_max=500_000_000, interest=6, collateral="Agunan sesuai penilaian bank", requirements=KUR_TEXT,
        required=["nib", "bank_account", "bookkeeping"], months=12, revenue=15_000_000,
        stages=["post_incubation"])  # fmt: skip
    add("KemenKopUKM", OfferKind.LICENCE, "Pendampingan NIB gratis melalui OSS", licence_kind=LicenceKind.NIB,
        description="Pendamping membantu pendaftaran NIB di oss.go.id.")  # fmt: skip
    add("KemenKopUKM", OfferKind.LICENCE, "Sertifikasi halal gratis (SEHATI)", licence_kind=LicenceKind.HALAL,
        kbli=FOOD, required=["nib"], slots=200, description="Kuota sertifikasi halal self-declare.")  # fmt: skip
    add("Kemendes PDTT", OfferKind.MARKET, "Etalase produk unggulan desa", buyer="Pasar Digital Desa",
        kbli=FOOD, required=["nib", "pirt"], volume="Penjualan daring nasional")  # fmt: skip
    add("Sampoerna", OfferKind.MARKET, "Sampoerna Retail Community: pemasok toko kelontong",
        ("35", "33", "32"), buyer="Toko SRC", kbli=FOOD, required=["nib", "pirt"], months=6,
        volume="Hingga 500 toko per kabupaten", slots=50)  # fmt: skip
    add("Panasonic", OfferKind.MARKET, "Jaringan mitra servis elektronik", ("31", "32", "36"),
        buyer="Panasonic Service Partner", kbli="95 33", required=["nib"], months=3)  # fmt: skip
    add("Pertamina", OfferKind.MENTORING, "Pertamina UMK Academy",
        description="Kelas pemasaran digital, keuangan dan ekspor selama 6 bulan.", stages=["incubation",
        "post_incubation"], slots=100)  # fmt: skip
    add("IPB", OfferKind.MENTORING, "Klinik teknologi pangan IPB", ("32", "31", "36"), kbli=FOOD)
    add("UIN Sunan Ampel", OfferKind.MENTORING, "Pendampingan usaha syariah", ("35",))
    add(None, OfferKind.MARKET, "Pameran produk BLK Komunitas (Kemnaker)", buyer="Pameran nasional",
        required=["nib"], slots=40)  # fmt: skip
    add("BRI", OfferKind.FINANCE, "KUR Super Mikro (draf)", status=OfferStatus.DRAFT, scheme="KUR Super Mikro",
        amount_min=1_000_000, amount_max=10_000_000, interest=3)  # fmt: skip
    # Offers aimed at one province each (regional offices, provincial buyers) up to the size's count.
    provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
    banks = [s for s in ("BRI", "BNI", "Bank Mandiri", "BSI") if _named(s)]
    while len(rows) < SIZES[size]["offers"] and banks:
        province = rng.choice(provinces)
        kind = rng.choice((OfferKind.FINANCE, OfferKind.MARKET, OfferKind.LICENCE))
        if kind == OfferKind.FINANCE:
            bank = rng.choice(banks)
            add(bank, kind, f"KUR Mikro {bank} Kanwil {province}", (province,), scheme="KUR Mikro",
                amount_min=10_000_000, amount_max=100_000_000, interest=6, requirements=KUR_TEXT,
                months=rng.choice((0, 3, 6)))  # fmt: skip
        elif kind == OfferKind.MARKET:
            add(None, kind, f"Kurasi produk daerah {province} ({len(rows)})", (province,),
                buyer="Dinas Koperasi dan UKM provinsi", kbli=rng.choice((FOOD, "14 15", "95 45")),
                required=rng.choice(([], ["nib"], ["nib", "pirt"])))  # fmt: skip
        else:
            add("KemenKopUKM", kind, f"Fasilitasi PIRT provinsi {province} ({len(rows)})", (province,),
                licence_kind=LicenceKind.PIRT, kbli=FOOD)  # fmt: skip
    return rows


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    spec = SIZES[size]
    today = demo_today()
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first()
    centres = list(Centre.objects.order_by("code").values_list("pk", "regency_id"))
    if admin is None or not centres:
        return {}
    codes = dict(Centre.objects.values_list("pk", "code"))
    agreements = _agreements(rng=rng, today=today, centres=centres, codes=codes)
    contributions = _contributions(size=size, rng=rng, today=today, centres=centres, admin=admin)
    offers = _offers(size, rng)
    offer_pks: list[int] = []
    with RowWriter(Offer, ("partner_id", *OFFER_FIELDS[1:])) as offer_rows:
        for partner, values, _provinces in offers:
            offer_pks.append(offer_rows.add(partner.pk if partner else None, *values))
    with RowWriter(Offer.provinces.through, ("offer_id", "province_id")) as links:
        for pk, (_, _, provinces) in zip(offer_pks, offers, strict=True):
            for code in provinces:
                links.add(pk, code)
    matches = _matches(spec=spec, rng=rng, today=today, admin=admin)
    result = {"partner agreements": agreements, "contributions": contributions, "offers": len(offer_pks), **matches}
    if size == "small":
        result["suggestions"] = suggestions_rerank(today=today)
    return result


def _agreements(
    *, rng: random.Random, today: datetime.date, centres: list[tuple[int, str]], codes: dict[int, str]
) -> int:
    count = 0
    with RowWriter(
        PartnerAgreement,
        ("partner_id", "kind", "party", "centre_id", "number", "title", "signed_on", "starts_on", "ends_on", "value",
         "status"),
    ) as rows:  # fmt: skip
        for index, partner in enumerate(Partner.objects.exclude(short_name="").order_by("pk")):
            signed = today - datetime.timedelta(days=rng.randint(200, 900))
            # BRI's MoU ends within the warning window: the demo partner account sees the warning.
            ends = today + datetime.timedelta(days=60 if partner.short_name == "BRI" else rng.randint(200, 900))
            title = f"Kerja sama BLK Komunitas dengan {partner.short_name}"
            rows.add(partner.pk, PartnerAgreement.Kind.MOU, PartnerAgreement.Party.MINISTRY, None,
                     f"{index + 1:03d}/MOU/KEMNAKER/{signed.year}", title,
                     signed, signed, ends, 0, PartnerAgreement.Status.ACTIVE)  # fmt: skip
            count += 1
            if partner.kind in (Partner.Kind.COMPANY, Partner.Kind.STATE_COMPANY):
                for centre_pk, _ in rng.sample(centres, min(3, len(centres))):
                    rows.add(partner.pk, PartnerAgreement.Kind.PKS, PartnerAgreement.Party.CENTRE, centre_pk,
                             f"PKS/{partner.short_name}/{codes[centre_pk]}", "Peningkatan peralatan dan instruktur",
                             signed, signed, signed + datetime.timedelta(days=730), rng.randrange(50, 500) * 1_000_000,
                             PartnerAgreement.Status.ACTIVE)  # fmt: skip
                    count += 1
    return count


def _contributions(
    *, size: str, rng: random.Random, today: datetime.date, centres: list[tuple[int, str]], admin: User
) -> int:
    gifts = {
        "Pertamina": [(ContributionKind.EQUIPMENT, "Peralatan las dan bengkel", 150_000_000, 0),
                      (ContributionKind.INSTRUCTOR_TRAINING, "Pelatihan instruktur pengelasan", 40_000_000, 4)],
        "Sampoerna": [(ContributionKind.MANAGER_TRAINING, "Pelatihan manajemen pengelola BLK", 25_000_000, 3),
                      (ContributionKind.MARKET_CHANNEL, "Akses toko SRC", 0, 0)],
        "Panasonic": [(ContributionKind.EQUIPMENT, "Peralatan servis elektronik", 120_000_000, 0),
                      (ContributionKind.CERTIFICATION, "Sertifikasi teknisi elektronik", 30_000_000, 10)],
        "USAID": [(ContributionKind.FUNDING, "Hibah program keterampilan kerja", 250_000_000, 0)],
        "IPB": [(ContributionKind.MENTORS, "Mentor teknologi pangan", 0, 2)],
        "UIN Sunan Ampel": [(ContributionKind.MENTORS, "Mentor usaha syariah", 0, 2)],
    }  # fmt: skip
    named = {p.short_name: p.pk for p in Partner.objects.filter(short_name__in=gifts)}
    others = list(Partner.objects.filter(short_name="", kind=Partner.Kind.COMPANY).values_list("pk", flat=True)[:200])
    count = 0
    with RowWriter(
        Contribution,
        ("partner_id", "kind", "title", "centre_id", "regency_id", "value", "people", "given_on", "recorded_by_id"),
    ) as rows:
        for index in range(SIZES[size]["contributions"]):
            centre_pk, regency = rng.choice(centres)
            given = today - datetime.timedelta(days=rng.randint(10, 700))
            if named and (index % 4 or not others):
                short = rng.choice(sorted(named))
                kind, title, value, people = rng.choice(gifts[short])
                partner = named[short]
            elif others:
                partner, kind, title = rng.choice(others), ContributionKind.EQUIPMENT, "Peralatan praktik"
                value, people = rng.randrange(5, 60) * 1_000_000, 0
            else:
                break
            rows.add(partner, kind, title, centre_pk, regency, value, people, given, admin.pk)
            count += 1
    return count


def _matches(*, spec: dict[str, int], rng: random.Random, today: datetime.date, admin: User) -> dict[str, int]:
    open_tenants = Tenant.objects.filter(stage__in=OPEN_STAGES, incubator__isnull=False)
    facts = selectors.tenant_facts(open_tenants, today=today)
    offers = list(Offer.objects.filter(status=OfferStatus.PUBLISHED).select_related("partner").order_by("pk"))
    offer_facts = {f.offer_id: f for f in selectors.offer_facts(Offer.objects.filter(pk__in=[o.pk for o in offers])
                                                                 .prefetch_related("provinces"))}  # fmt: skip
    by_pk = {o.pk: o for o in offers}
    bri = next((o for o in offers if o.partner and o.partner.short_name == "BRI"), None)
    manager = User.objects.filter(username="pengelola").first()
    home = set(manager.centres.values_list("pk", flat=True)) if manager else set()
    coaches = {
        c: u.pk for u in User.objects.filter(role=Role.CENTRE_MANAGER) for c in u.centres.values_list("pk", flat=True)
    }
    answerer = {p: u.pk for u in User.objects.filter(role=Role.PARTNER) if (p := u.partner_id)}
    incubator_of = dict(open_tenants.values_list("pk", "incubator_id"))
    business_of = dict(Business.objects.filter(tenant__in=open_tenants).values_list("tenant_id", "pk"))
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    held: defaultdict[int, int] = defaultdict(int)
    counts: defaultdict[str, int] = defaultdict(int)
    candidates = list(offer_facts.values())
    with (
        RowWriter(Match, MATCH_FIELDS) as rows,
        RowWriter(Loan, ("tenant_id", "bank_id", "bank_name", "scheme", "amount", "status", "applied_on")) as loans,
        RowWriter(Licence, ("business_id", "kind", "number", "issued_on")) as licences,
    ):
        waiting_for_bri = issued = 0
        for tenant_pk in sorted(facts):
            tenant = facts[tenant_pk]
            at_home = incubator_of.get(tenant_pk) in home
            if not at_home and rng.randrange(spec["match_share"]):
                continue
            pool = rng.sample(candidates, min(12, len(candidates)))
            if at_home and bri is not None:
                pool.insert(0, offer_facts[bri.pk])
            best = ranking.best(tenant, pool, limit=1)
            if not best:
                continue
            offer_pk, score = best[0]
            offer = by_pk[offer_pk]
            status = rng.choices(statuses, weights)[0]
            if at_home and offer is bri and waiting_for_bri < 3:
                status, waiting_for_bri = MatchStatus.PROPOSED, waiting_for_bri + 1
            if status in (MatchStatus.AGREED, MatchStatus.OUTCOME):
                if offer.slots is not None and held[offer_pk] >= offer.slots:
                    status = MatchStatus.PROPOSED
                else:
                    held[offer_pk] += 1
            proposed = today - datetime.timedelta(days=rng.randint(3, 200))
            when = datetime.datetime.combine(proposed, datetime.time(9), tzinfo=datetime.UTC)
            answered = answered_by = None
            if status in (MatchStatus.AGREED, MatchStatus.OUTCOME, MatchStatus.DECLINED):
                answered = when + datetime.timedelta(days=rng.randint(1, 14))
                answered_by = answerer.get(offer.partner_id, admin.pk) if offer.partner_id else admin.pk
            outcome_on = deal = loan = None
            number = ""
            if status == MatchStatus.OUTCOME:
                outcome_on = min(answered.date() + datetime.timedelta(days=rng.randint(7, 40)), today)
                if offer.kind == OfferKind.FINANCE:
                    loan = rng.randrange(10, 100) * 1_000_000
                    loans.add(tenant_pk, offer.partner_id, "" if offer.partner_id else offer.owner_name[:120],
                              offer.scheme or "KUR", loan, LoanStatus.DISBURSED, outcome_on)  # fmt: skip
                elif offer.kind == OfferKind.LICENCE and tenant_pk in business_of:
                    issued += 1  # a running number: a database id in a value differs between backends
                    number = f"DEMO-{offer.licence_kind.upper()}-{issued:05d}"
                    licences.add(business_of[tenant_pk], offer.licence_kind, number, outcome_on)
                elif offer.kind == OfferKind.MARKET:
                    deal = rng.randrange(2, 60) * 500_000
                counts[f"outcomes ({offer.kind})"] += 1
            rows.add(
                tenant_pk, offer_pk, status, score, rng.choice(("", "Produk siap dipasarkan", "Omzet stabil")),
                coaches.get(incubator_of.get(tenant_pk), admin.pk), when, answered_by, answered,
                "Kuota penuh bulan ini" if status == MatchStatus.DECLINED else "", outcome_on, deal, loan, number, "",
            )  # fmt: skip
            counts["matches"] += 1
    return dict(counts)
