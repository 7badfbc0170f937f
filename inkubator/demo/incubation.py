"""Demo data of the incubation app, written after training (see ``generator.demo_generate``).

Tenants are spread over the incubator centres (``Centre.is_incubator``, set by the register and the
assessments during the same run; the first centres by code when none is), plus the demo manager's
and facilitator's centres so that ``pengelola`` and ``fasilitator`` find a board after ``make run``.
Each tenant is a new person with a valid NIK of their incubator's regency, a business, a stage
reached through recorded moves, licences and milestones that fit the stage, a TKM grant, a
diagnosis, a coaching session, and monthly figures since joining, up to 18 months back (some
missing, some late). ``wirausaha`` owns a tenant in incubation at the demo manager's centre.
Everything is written with ``bulk_create`` in large batches: ``national`` writes ~100,000 tenants
and ~1,200,000 figures.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.utils import timezone
from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.incubation import stages
from inkubator.incubation.choices import LicenceKind, MilestoneKind, ProblemArea, SourceProgramme, Stage
from inkubator.incubation.models import (
    Business,
    CoachingAction,
    CoachingSession,
    DiagnosedProblem,
    Diagnosis,
    Grant,
    Licence,
    Milestone,
    MonthlyReport,
    StageMove,
    Tenant,
)
from inkubator.incubation.services import report_deadline
from inkubator.people.models import Person
from inkubator.people.names import name_key
from inkubator.regions.models import District

SIZES: dict[str, dict[str, int]] = {
    "small": {"tenants": 300, "fallback_centres": 5},
    "national": {"tenants": 100_000, "fallback_centres": 25},
}
BATCH = 5000
# Figures go back up to 18 months (from the month a tenant joined): ~12 a tenant on average, since
# newcomers have only a few; ~1,200,000 rows for the national 100,000 tenants.
MONTHS = 18
DEMO_ENTREPRENEUR = "wirausaha"
DEMO_MANAGER = "pengelola"
DEMO_FACILITATOR = "fasilitator"

# Where tenants stand: most are still being incubated; a fifth graduated, about one in ten dropped.
STAGE_WEIGHTS = {Stage.PRE: 20, Stage.INCUBATION: 35, Stage.POST: 15, Stage.GRADUATED: 20, Stage.DROPPED: 10}
SOURCE_WEIGHTS = {
    SourceProgramme.TKM_PEMULA: 45,
    SourceProgramme.TKM_LANJUTAN: 20,
    SourceProgramme.LAID_OFF: 15,
    SourceProgramme.GRADUATE: 15,
    SourceProgramme.OTHER: 5,
}
# TKM grants (PROGRAMME_FACTS.md): pemula ≈ Rp 10m, lanjutan Rp 15–20m.
GRANTS = {SourceProgramme.TKM_PEMULA: (10_000_000, 10_000_000), SourceProgramme.TKM_LANJUTAN: (15_000_000, 20_000_000)}
# KBLI code, label, products: micro businesses typical of BLK Komunitas graduates.
SECTORS: tuple[tuple[str, str, str], ...] = (
    ("10792", "Industri makanan ringan", "Keripik singkong, rempeyek, kue kering"),
    ("10710", "Industri roti dan kue", "Roti manis, bolu, donat"),
    ("14111", "Industri pakaian jadi", "Seragam sekolah, gamis, mukena"),
    ("95230", "Reparasi alas kaki dan barang dari kulit", "Sol sepatu, tas kulit"),
    ("45407", "Reparasi sepeda motor", "Servis dan suku cadang sepeda motor"),
    ("25111", "Industri barang dari logam (las)", "Pagar, teralis, kanopi"),
    ("95110", "Reparasi komputer dan telepon seluler", "Servis ponsel dan laptop"),
    ("01450", "Peternakan", "Telur ayam kampung, kambing"),
    ("56103", "Kedai makanan", "Nasi kuning, soto, bakso"),
    ("96021", "Salon kecantikan", "Tata rias, potong rambut"),
    ("16299", "Kerajinan kayu dan bambu", "Anyaman bambu, mebel kecil"),
    ("10391", "Industri olahan hasil pertanian", "Kopi bubuk, gula aren, sambal kemasan"),
)
FOOD_KBLI = {"10792", "10710", "56103", "10391"}
BANKS = ("BRI", "BNI", "Bank Mandiri", "BSI", "BPD")
COACHING_TOPICS = (
    "Pembukuan sederhana",
    "Pemasaran digital dan marketplace",
    "Perhitungan harga pokok produksi",
    "Persiapan NIB melalui OSS",
    "Pengemasan dan label produk",
    "Akses KUR dan rekening usaha",
)
COACHING_ACTIONS = (
    "Catat kas masuk dan keluar setiap hari",
    "Foto produk dan unggah ke marketplace",
    "Hitung ulang harga jual",
    "Daftar NIB di oss.go.id",
    "Pesan kemasan berlabel",
    "Buka rekening atas nama usaha",
)


def _incubators(*, fallback: int) -> list[Centre]:
    """Designated incubators, the demo manager's and facilitator's centres; else the first centres."""
    centres = list(Centre.objects.filter(is_incubator=True).select_related("regency").order_by("code"))
    if not centres:
        centres = list(Centre.objects.select_related("regency").order_by("code")[:fallback])
    for username in (DEMO_MANAGER, DEMO_FACILITATOR):
        user = User.objects.filter(username=username).first()
        if user is not None:
            for centre in user.centres.select_related("regency").order_by("code")[:1]:
                if centre not in centres:
                    centres.append(centre)
    return centres


class _Niks:
    """Valid NIKs of a regency's districts, unique across the people already registered."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used = set(Person.objects.exclude(nik=None).values_list("nik", flat=True))
        self.districts: dict[str, list[str]] = defaultdict(list)
        for code, regency in District.objects.values_list("code", "regency_id"):
            self.districts[regency].append(code.replace(".", ""))

    def make(self, regency: str, birth: datetime.date, sex: str) -> str:
        day = birth.day + (40 if sex == "F" else 0)
        districts = self.districts.get(regency) or ["321601"]
        while True:
            nik = f"{self.rng.choice(districts)}{day:02d}{birth:%m%y}{self.rng.randint(1, 9999):04d}"
            if nik not in self.used:
                self.used.add(nik)
                return nik


def _path(stage: str) -> list[str]:
    """The stages a tenant went through to reach ``stage``."""
    if stage == Stage.DROPPED:
        return [Stage.PRE, Stage.DROPPED]
    return list(stages.PIPELINE[: stages.PIPELINE.index(stage) + 1])


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    spec = SIZES[size]
    today = timezone.localdate()
    centres = _incubators(fallback=spec["fallback_centres"])
    if not centres:
        return {}
    niks = _Niks(rng)
    managers = {
        c: u for u in User.objects.filter(role=Role.CENTRE_MANAGER) for c in u.centres.values_list("pk", flat=True)
    }
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first() or User.objects.order_by("pk").first()
    months = stages.last_months(today, MONTHS)
    stage_names, stage_weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    source_names, source_weights = list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values())

    people: list[Person] = []
    tenants: list[Tenant] = []
    for index in range(spec["tenants"]):
        centre = centres[index % len(centres)]
        sex = "F" if rng.random() < 0.55 else "M"
        birth = datetime.date(rng.randint(1970, 2003), rng.randint(1, 12), rng.randint(1, 28))
        name = fake.name_female() if sex == "F" else fake.name_male()
        people.append(
            Person(
                nik=niks.make(centre.regency_id, birth, sex),
                name=name,
                name_key=name_key(name),
                sex=sex,
                birth_date=birth,
                phone=f"+628{rng.randint(11, 99)}{rng.randint(1000000, 99999999)}",
                regency_id=centre.regency_id,
            )
        )
        stage = rng.choices(stage_names, stage_weights)[0]
        # Graduates joined long ago; newcomers recently.
        months_ago = {Stage.PRE: (1, 6), Stage.INCUBATION: (4, 18), Stage.POST: (12, 24)}.get(stage, (14, 36))
        joined = stages.add_months(stages.month_start(today), -rng.randint(*months_ago)) + datetime.timedelta(
            days=rng.randint(0, 27)
        )
        tenants.append(
            Tenant(
                incubator=centre,
                regency_id=centre.regency_id,
                source_programme=rng.choices(source_names, source_weights)[0],
                stage=stage,
                joined_on=joined,
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)
    for person, tenant in zip(people, tenants, strict=True):
        tenant.person = person

    # The demo entrepreneur: a tenant in incubation at the demo manager's centre (or the first incubator).
    owner = User.objects.filter(username=DEMO_ENTREPRENEUR).first()
    if owner is not None:
        manager = User.objects.filter(username=DEMO_MANAGER).first()
        home = manager.centres.first() if manager else None
        mine = next((t for t in tenants if t.incubator == home), tenants[0])
        mine.entrepreneur, mine.stage = owner, Stage.INCUBATION
        mine.joined_on = stages.add_months(stages.month_start(today), -MONTHS - 2)
        mine.person.name = f"{owner.first_name} {owner.last_name}".strip() or mine.person.name
        Person.objects.filter(pk=mine.person.pk).update(name=mine.person.name, name_key=name_key(mine.person.name))
    Tenant.objects.bulk_create(tenants, batch_size=BATCH)

    businesses, licences_by_business, moves, grants, milestones = [], [], [], [], []
    for tenant in tenants:
        code, label, products = rng.choice(SECTORS)
        business = Business(
            tenant=tenant,
            name=f"{rng.choice(('Usaha', 'UD', 'Dapur', 'Bengkel', 'Toko', 'Rumah'))} {tenant.person.name.split()[0]} "
            f"{rng.choice(('Jaya', 'Berkah', 'Mandiri', 'Sejahtera', 'Makmur', 'Barokah'))}",
            kbli_code=code,
            sector=label,
            products=products,
            address=fake.street_address(),
            regency_id=tenant.regency_id,
            started_on=tenant.joined_on - datetime.timedelta(days=rng.randint(0, 900)),
            workers=rng.randint(1, 6),
        )
        businesses.append(business)
        path = _path(tenant.stage)
        # Moves spaced over the time since joining; the first is the intake.
        span = max((today - tenant.joined_on).days, len(path))
        for step, to_stage in enumerate(path):
            when = tenant.joined_on + datetime.timedelta(days=span * step // len(path))
            moves.append(
                StageMove(
                    tenant=tenant,
                    from_stage=path[step - 1] if step else "",
                    to_stage=to_stage,
                    moved_by=managers.get(tenant.incubator_id, admin),
                    moved_at=_aware(when),
                    reason="Penerimaan tenant" if not step else rng.choice(
                        ("Evaluasi triwulan", "Rencana usaha disetujui", "Omzet stabil", "Tidak aktif lagi")
                    ) if to_stage != Stage.DROPPED else "Usaha berhenti / pindah domisili",
                )
            )  # fmt: skip
        reached = set(path)
        if reached & {Stage.INCUBATION, Stage.POST, Stage.GRADUATED} or rng.random() < 0.3:
            milestones.append(Milestone(tenant=tenant, kind=MilestoneKind.BUSINESS_PLAN, title="Rencana usaha",
                                        achieved_on=tenant.joined_on + datetime.timedelta(days=30)))  # fmt: skip
        if Stage.POST in reached or rng.random() < 0.25:
            milestones.append(Milestone(tenant=tenant, kind=MilestoneKind.BOOKKEEPING, title="Pembukuan kas harian",
                                        achieved_on=tenant.joined_on + datetime.timedelta(days=60)))  # fmt: skip
        else:
            milestones.append(Milestone(tenant=tenant, kind=MilestoneKind.BOOKKEEPING, title="Pembukuan kas harian",
                                        due_on=today + datetime.timedelta(days=rng.randint(-20, 60))))  # fmt: skip
        if Stage.GRADUATED in reached or rng.random() < 0.3:
            milestones.append(Milestone(tenant=tenant, kind=MilestoneKind.BANK_ACCOUNT, title="Rekening usaha",
                                        achieved_on=tenant.joined_on + datetime.timedelta(days=90)))  # fmt: skip
        has_nib = Stage.GRADUATED in reached or (Stage.POST in reached and rng.random() < 0.7) or rng.random() < 0.2
        if has_nib:
            licences_by_business.append((business, LicenceKind.NIB, f"91{rng.randint(10**10, 10**11 - 1)}"))
        if code in FOOD_KBLI and rng.random() < 0.5:
            licences_by_business.append((business, LicenceKind.PIRT, f"P-IRT {rng.randint(10**14, 10**15 - 1)}"))
            if rng.random() < 0.5:
                licences_by_business.append((business, LicenceKind.HALAL, f"ID{rng.randint(10**13, 10**14 - 1)}"))
        if tenant.source_programme in GRANTS:
            low, high = GRANTS[tenant.source_programme]
            amount = rng.randrange(low, high + 1, 1_000_000)
            grants.append(Grant(tenant=tenant, programme=tenant.source_programme, amount=amount,
                                received_on=tenant.joined_on))  # fmt: skip
    Business.objects.bulk_create(businesses, batch_size=BATCH)
    licences = [
        Licence(business=b, kind=kind, number=number, issued_on=b.tenant.joined_on + datetime.timedelta(days=45))
        for b, kind, number in licences_by_business
    ]
    Licence.objects.bulk_create(licences, batch_size=BATCH)
    StageMove.objects.bulk_create(moves, batch_size=BATCH)
    Grant.objects.bulk_create(grants, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)

    reports = _figures(tenants=tenants, businesses=businesses, months=months, rng=rng, today=today)
    counts = _coaching(tenants=tenants, managers=managers, admin=admin, rng=rng, today=today)
    return {
        "tenants": len(tenants),
        "monthly figures": reports,
        "stage moves": len(moves),
        "licences": len(licences),
        **counts,
    }


def _figures(
    *, tenants: list[Tenant], businesses: list[Business], months: list[datetime.date], rng: random.Random,
    today: datetime.date,
) -> int:  # fmt: skip
    """Figures of each month since the tenant joined (within ``months``), written in batches."""
    batch: list[MonthlyReport] = []
    written = 0
    for tenant, business in zip(tenants, businesses, strict=True):
        # A tenant's revenue starts at Rp 2–8m and grows (or shrinks) a little each month.
        revenue = rng.randint(2, 8) * 1_000_000
        trend = rng.uniform(-0.01, 0.06) if tenant.stage != Stage.DROPPED else -0.08
        workers = business.workers
        first = stages.month_start(tenant.joined_on)
        owned = tenant.entrepreneur_id is not None
        for month in months:
            if month < first:
                continue
            revenue = max(0, int(revenue * (1 + trend + rng.uniform(-0.05, 0.05))))
            if rng.random() < 0.05 and not owned:  # a month not reported
                continue
            deadline = report_deadline(month)
            late = rng.random() < 0.12
            day = deadline + datetime.timedelta(days=rng.randint(1, 20)) if late else month.replace(day=28)
            day = min(day, today)
            if rng.random() < 0.1:
                workers = max(1, workers + rng.choice((-1, 1, 1)))
            batch.append(
                MonthlyReport(
                    tenant=tenant,
                    month=month,
                    revenue=revenue // 1000 * 1000,
                    costs=int(revenue * rng.uniform(0.55, 0.85)) // 1000 * 1000,
                    workers=workers,
                    customers=rng.randint(10, 150),
                    reported_at=_aware(day, 10),
                    late=day > deadline,
                )
            )
            if len(batch) >= BATCH:
                MonthlyReport.objects.bulk_create(batch, batch_size=BATCH)
                written += len(batch)
                batch = []
    MonthlyReport.objects.bulk_create(batch, batch_size=BATCH)
    return written + len(batch)


def _coaching(
    *, tenants: list[Tenant], managers: dict[int, User], admin: User | None, rng: random.Random, today: datetime.date
) -> dict[str, int]:
    """A coaching session with an agreed action, and a diagnosis, for each tenant."""
    if admin is None:
        return {}
    sessions, diagnoses = [], []
    for tenant in tenants:
        topic = rng.randrange(len(COACHING_TOPICS))
        date = min(today, tenant.joined_on + datetime.timedelta(days=rng.randint(7, 120)))
        sessions.append(
            CoachingSession(
                tenant=tenant,
                date=date,
                coach=managers.get(tenant.incubator_id, admin),
                topic=COACHING_TOPICS[topic],
                notes="",
            )  # fmt: skip
        )
        diagnoses.append(
            Diagnosis(tenant=tenant, date=tenant.joined_on, diagnosed_by=managers.get(tenant.incubator_id))
        )
    CoachingSession.objects.bulk_create(sessions, batch_size=BATCH)
    Diagnosis.objects.bulk_create(diagnoses, batch_size=BATCH)
    actions, problems = [], []
    areas = list(ProblemArea.values)
    for session, diagnosis in zip(sessions, diagnoses, strict=True):
        due = session.date + datetime.timedelta(days=rng.randint(7, 45))
        actions.append(
            CoachingAction(
                session=session,
                text=COACHING_ACTIONS[COACHING_TOPICS.index(session.topic)],
                due_on=due,
                done_on=due if due < today and rng.random() < 0.7 else None,
            )  # fmt: skip
        )
        for area in rng.sample(areas, k=rng.randint(1, 3)):
            problems.append(DiagnosedProblem(diagnosis=diagnosis, area=area, severity=rng.randint(1, 3)))
    CoachingAction.objects.bulk_create(actions, batch_size=BATCH)
    DiagnosedProblem.objects.bulk_create(problems, batch_size=BATCH)
    return {"coaching sessions": len(sessions), "diagnoses": len(diagnoses)}
