"""Demo data of the incubation app, written after training (see ``generator.demo_generate``).

Tenants are spread over the incubator centres (``Centre.is_incubator``, set by the register and the
assessments during the same run; the first centres by code when none is), plus the demo manager's
and facilitator's centres so that ``pengelola`` and ``fasilitator`` find a board after ``make run``.
Each tenant is a new person with a valid NIK of their incubator's regency, a business, a stage
reached through recorded moves, licences and milestones that fit the stage, a TKM grant, a
diagnosis, a coaching session, and monthly figures since joining, up to 18 months back (some
missing, some late). ``wirausaha`` owns a tenant in incubation at the demo manager's centre.
Some TKM tenants are groups (kelompok, issue 12.6): a group name, its chair (the tenant's person) and
4–9 more members, new people with NIKs of the incubator's regency. Groups are drawn from their own
random stream, so that every other row of the demo is what it was before groups existed.
Everything is written through the demo's fast path (``writer.RowWriter``: COPY on PostgreSQL):
``national`` writes ~100,000 tenants and ~1,200,000 figures.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

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
    TenantMember,
)
from inkubator.incubation.services import report_deadline
from inkubator.people.models import Person
from inkubator.people.names import name_key
from inkubator.regions.models import District

from .clock import demo_today
from .writer import RowWriter

SIZES: dict[str, dict[str, int]] = {
    "small": {"tenants": 300, "fallback_centres": 5},
    "national": {"tenants": 100_000, "fallback_centres": 25},
}
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


class _Drawn:
    """What later draws need of a tenant (plain attributes: 100,000 of them nationally, no model instances)."""

    __slots__ = ("entrepreneur_id", "first_name", "incubator_id", "joined_on", "pk", "regency_id", "source", "stage")

    def __init__(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value)


PERSON_FIELDS = ("nik", "name", "name_key", "sex", "birth_date", "phone", "regency_id")
TENANT_FIELDS = (
    "person_id", "incubator_id", "regency_id", "source_programme", "stage", "joined_on", "entrepreneur_id",
    "group_name", "person_name",  # person_name: the list's sort key, the person's name as tenant_create writes it
)  # fmt: skip
# Every GROUP_EVERY-th tenant, when a TKM recipient, is a group; its own stream of draws (see the docstring).
GROUP_EVERY = 7
GROUP_SEED = "tkm-groups"
GROUP_WORDS = (("KUB", "Kelompok", "Kelompok Usaha"),
               ("Maju", "Mekar", "Sumber", "Berkah", "Tunas", "Karya", "Harapan", "Sinar"),
               ("Bersama", "Jaya", "Rejeki", "Mandiri", "Makmur", "Sejahtera", "Abadi", "Lestari"))  # fmt: skip
BUSINESS_FIELDS = (
    "tenant_id", "name", "kbli_code", "sector", "products", "address", "regency_id", "started_on", "workers"
)  # fmt: skip


def _home_index(centres: list[Centre], count: int) -> int:
    """The first tenant at the demo manager's centre (tenants go round the centres), else the first."""
    manager = User.objects.filter(username=DEMO_MANAGER).first()
    home = manager.centres.first() if manager else None
    index = next((i for i, centre in enumerate(centres) if centre == home), 0)
    return index if index < count else 0


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    spec = SIZES[size]
    today = demo_today()
    centres = _incubators(fallback=spec["fallback_centres"])
    if not centres:
        return {}
    niks = _Niks(rng)
    managers = {
        c: u.pk for u in User.objects.filter(role=Role.CENTRE_MANAGER) for c in u.centres.values_list("pk", flat=True)
    }
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first() or User.objects.order_by("pk").first()
    admin_pk = admin.pk if admin else None
    months = stages.last_months(today, MONTHS)
    stage_names, stage_weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    source_names, source_weights = list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values())
    # The demo entrepreneur: a tenant in incubation at the demo manager's centre (or the first incubator).
    owner = User.objects.filter(username=DEMO_ENTREPRENEUR).first()
    mine = _home_index(centres, spec["tenants"]) if owner is not None else -1

    tenants: list[_Drawn] = []
    group_rng = random.Random(f"{GROUP_SEED}-{size}")
    groups: list[tuple[int, int, str]] = []  # (tenant, chair person, regency)
    with RowWriter(Person, PERSON_FIELDS) as people, RowWriter(Tenant, TENANT_FIELDS) as tenant_rows:
        for index in range(spec["tenants"]):
            centre = centres[index % len(centres)]
            sex = "F" if rng.random() < 0.55 else "M"
            birth = datetime.date(rng.randint(1970, 2003), rng.randint(1, 12), rng.randint(1, 28))
            name = fake.name_female() if sex == "F" else fake.name_male()
            nik = niks.make(centre.regency_id, birth, sex)
            phone = f"+628{rng.randint(11, 99)}{rng.randint(1000000, 99999999)}"
            stage = rng.choices(stage_names, stage_weights)[0]
            # Graduates joined long ago; newcomers recently.
            months_ago = {Stage.PRE: (1, 6), Stage.INCUBATION: (4, 18), Stage.POST: (12, 24)}.get(stage, (14, 36))
            joined = stages.add_months(stages.month_start(today), -rng.randint(*months_ago)) + datetime.timedelta(
                days=rng.randint(0, 27)
            )
            source = rng.choices(source_names, source_weights)[0]
            entrepreneur_id = None
            if index == mine:
                entrepreneur_id, stage = owner.pk, Stage.INCUBATION
                joined = stages.add_months(stages.month_start(today), -MONTHS - 2)
                name = f"{owner.first_name} {owner.last_name}".strip() or name
            person = people.add(nik, name, name_key(name), sex, birth, phone, centre.regency_id)
            group = ""
            if index % GROUP_EVERY == 3 and source in GRANTS and entrepreneur_id is None:
                group = " ".join(group_rng.choice(words) for words in GROUP_WORDS)
            pk = tenant_rows.add(
                person, centre.pk, centre.regency_id, source, stage, joined, entrepreneur_id, group, name
            )  # fmt: skip
            if group:
                groups.append((pk, person, centre.regency_id))
            tenants.append(
                _Drawn(pk=pk, incubator_id=centre.pk, regency_id=centre.regency_id, stage=stage, joined_on=joined,
                       source=source, entrepreneur_id=entrepreneur_id, first_name=name.split()[0])
            )  # fmt: skip

    workers_of: list[int] = []
    with (
        RowWriter(Business, BUSINESS_FIELDS) as businesses,
        RowWriter(Licence, ("business_id", "kind", "number", "issued_on")) as licences,
        RowWriter(StageMove, ("tenant_id", "from_stage", "to_stage", "moved_by_id", "moved_at", "reason")) as moves,
        RowWriter(Grant, ("tenant_id", "programme", "amount", "received_on")) as grants,
        RowWriter(Milestone, ("tenant_id", "kind", "title", "due_on", "achieved_on")) as milestones,
    ):
        for tenant in tenants:
            code, label, products = rng.choice(SECTORS)
            name = (
                f"{rng.choice(('Usaha', 'UD', 'Dapur', 'Bengkel', 'Toko', 'Rumah'))} {tenant.first_name} "
                f"{rng.choice(('Jaya', 'Berkah', 'Mandiri', 'Sejahtera', 'Makmur', 'Barokah'))}"
            )
            address = fake.street_address()
            started = tenant.joined_on - datetime.timedelta(days=rng.randint(0, 900))
            workers = rng.randint(1, 6)
            workers_of.append(workers)
            business = businesses.add(
                tenant.pk, name, code, label, products, address, tenant.regency_id, started, workers
            )  # fmt: skip
            path = _path(tenant.stage)
            # Moves spaced over the time since joining; the first is the intake.
            span = max((today - tenant.joined_on).days, len(path))
            for step, to_stage in enumerate(path):
                when = tenant.joined_on + datetime.timedelta(days=span * step // len(path))
                reason = "Penerimaan tenant" if not step else rng.choice(
                    ("Evaluasi triwulan", "Rencana usaha disetujui", "Omzet stabil", "Tidak aktif lagi")
                ) if to_stage != Stage.DROPPED else "Usaha berhenti / pindah domisili"  # fmt: skip
                moves.add(
                    tenant.pk, path[step - 1] if step else "", to_stage,
                    managers.get(tenant.incubator_id, admin_pk), _aware(when), reason,
                )  # fmt: skip
            reached = set(path)
            joined = tenant.joined_on
            if reached & {Stage.INCUBATION, Stage.POST, Stage.GRADUATED} or rng.random() < 0.3:
                milestones.add(tenant.pk, MilestoneKind.BUSINESS_PLAN, "Rencana usaha", None,
                               joined + datetime.timedelta(days=30))  # fmt: skip
            if Stage.POST in reached or rng.random() < 0.25:
                milestones.add(tenant.pk, MilestoneKind.BOOKKEEPING, "Pembukuan kas harian", None,
                               joined + datetime.timedelta(days=60))  # fmt: skip
            else:
                milestones.add(tenant.pk, MilestoneKind.BOOKKEEPING, "Pembukuan kas harian",
                               today + datetime.timedelta(days=rng.randint(-20, 60)), None)  # fmt: skip
            if Stage.GRADUATED in reached or rng.random() < 0.3:
                milestones.add(tenant.pk, MilestoneKind.BANK_ACCOUNT, "Rekening usaha", None,
                               joined + datetime.timedelta(days=90))  # fmt: skip
            issued = joined + datetime.timedelta(days=45)
            has_nib = Stage.GRADUATED in reached or (Stage.POST in reached and rng.random() < 0.7) or rng.random() < 0.2
            if has_nib:
                licences.add(business, LicenceKind.NIB, f"91{rng.randint(10**10, 10**11 - 1)}", issued)
            if code in FOOD_KBLI and rng.random() < 0.5:
                licences.add(business, LicenceKind.PIRT, f"P-IRT {rng.randint(10**14, 10**15 - 1)}", issued)
                if rng.random() < 0.5:
                    licences.add(business, LicenceKind.HALAL, f"ID{rng.randint(10**13, 10**14 - 1)}", issued)
            if tenant.source in GRANTS:
                low, high = GRANTS[tenant.source]
                grants.add(tenant.pk, tenant.source, rng.randrange(low, high + 1, 1_000_000), joined)

    reports = _figures(tenants=tenants, workers_of=workers_of, months=months, rng=rng, today=today)
    coaching = _coaching(tenants=tenants, managers=managers, admin=admin_pk, rng=rng, today=today)
    members = _group_members(groups, rng=group_rng)
    return {
        "tenants": len(tenants),
        "groups": len(groups),
        "group members": members,
        "monthly figures": reports,
        "stage moves": moves.count,
        "licences": licences.count,
        **coaching,
    }


MEMBER_FIRST = ("Agus", "Budi", "Dedi", "Eko", "Joko", "Rudi", "Slamet", "Wahyu", "Yusuf", "Hendra",
                "Ani", "Dewi", "Lestari", "Nur", "Rina", "Siti", "Sri", "Tuti", "Wati", "Yuni")  # fmt: skip
MEMBER_LAST = ("Santoso", "Wibowo", "Hidayat", "Saputra", "Lestari", "Rahayu", "Susanti", "Kurniawan",
               "Setiawan", "Handayani", "Pratama", "Wulandari", "Nugroho", "Purnomo")  # fmt: skip


def _group_members(groups: list[tuple[int, int, str]], *, rng: random.Random) -> int:
    """The chair and 4–9 more members of each group: new people of the group's regency (their own draws)."""
    if not groups:
        return 0
    niks = _Niks(rng)
    drawn: list[tuple[int, list[int]]] = []
    with RowWriter(Person, PERSON_FIELDS) as people:
        for tenant, _chair, regency in groups:
            persons = []
            for _ in range(rng.randint(4, 9)):
                sex = "F" if rng.random() < 0.55 else "M"
                birth = datetime.date(rng.randint(1970, 2003), rng.randint(1, 12), rng.randint(1, 28))
                name = f"{rng.choice(MEMBER_FIRST)} {rng.choice(MEMBER_LAST)}"
                phone = f"+628{rng.randint(11, 99)}{rng.randint(1000000, 99999999)}"
                persons.append(people.add(niks.make(regency, birth, sex), name, name_key(name), sex, birth, phone,
                                          regency))  # fmt: skip
            drawn.append((tenant, persons))
    with RowWriter(TenantMember, ("tenant_id", "person_id", "chair")) as members:
        for (tenant, chair, _regency), (_tenant, persons) in zip(groups, drawn, strict=True):
            members.add(tenant, chair, True)
            for person in persons:
                members.add(tenant, person, False)
    return members.count


REPORT_FIELDS = ("tenant_id", "month", "revenue", "costs", "workers", "customers", "reported_at", "late")


def _figures(
    *, tenants: list[_Drawn], workers_of: list[int], months: list[datetime.date], rng: random.Random,
    today: datetime.date,
) -> int:  # fmt: skip
    """Figures of each month since the tenant joined (within ``months``)."""
    deadlines = {month: report_deadline(month) for month in months}
    with RowWriter(MonthlyReport, REPORT_FIELDS) as reports:
        for tenant, workers in zip(tenants, workers_of, strict=True):
            # A tenant's revenue starts at Rp 2–8m and grows (or shrinks) a little each month.
            revenue = rng.randint(2, 8) * 1_000_000
            trend = rng.uniform(-0.01, 0.06) if tenant.stage != Stage.DROPPED else -0.08
            first = stages.month_start(tenant.joined_on)
            owned = tenant.entrepreneur_id is not None
            for month in months:
                if month < first:
                    continue
                revenue = max(0, int(revenue * (1 + trend + rng.uniform(-0.05, 0.05))))
                if rng.random() < 0.05 and not owned:  # a month not reported
                    continue
                deadline = deadlines[month]
                late = rng.random() < 0.12
                day = deadline + datetime.timedelta(days=rng.randint(1, 20)) if late else month.replace(day=28)
                day = min(day, today)
                if rng.random() < 0.1:
                    workers = max(1, workers + rng.choice((-1, 1, 1)))
                reports.add(
                    tenant.pk, month, revenue // 1000 * 1000, int(revenue * rng.uniform(0.55, 0.85)) // 1000 * 1000,
                    workers, rng.randint(10, 150), _aware(day, 10), day > deadline,
                )  # fmt: skip
    return reports.count


def _coaching(
    *, tenants: list[_Drawn], managers: dict[int, int], admin: int | None, rng: random.Random, today: datetime.date
) -> dict[str, int]:
    """A coaching session with an agreed action, and a diagnosis, for each tenant."""
    if admin is None:
        return {}
    sessions: list[tuple[int, datetime.date, int]] = []  # (session, date, topic)
    diagnoses: list[int] = []
    with (
        RowWriter(CoachingSession, ("tenant_id", "date", "coach_id", "topic", "notes")) as session_rows,
        RowWriter(Diagnosis, ("tenant_id", "date", "diagnosed_by_id")) as diagnosis_rows,
    ):
        for tenant in tenants:
            topic = rng.randrange(len(COACHING_TOPICS))
            date = min(today, tenant.joined_on + datetime.timedelta(days=rng.randint(7, 120)))
            coach = managers.get(tenant.incubator_id, admin)
            sessions.append((session_rows.add(tenant.pk, date, coach, COACHING_TOPICS[topic], ""), date, topic))
            diagnoses.append(diagnosis_rows.add(tenant.pk, tenant.joined_on, coach))
    areas = list(ProblemArea.values)
    with (
        RowWriter(CoachingAction, ("session_id", "text", "due_on", "done_on")) as actions,
        RowWriter(DiagnosedProblem, ("diagnosis_id", "area", "severity")) as problems,
    ):
        for (session, date, topic), diagnosis in zip(sessions, diagnoses, strict=True):
            due = date + datetime.timedelta(days=rng.randint(7, 45))
            actions.add(session, COACHING_ACTIONS[topic], due, due if due < today and rng.random() < 0.7 else None)
            for area in rng.sample(areas, k=rng.randint(1, 3)):
                problems.add(diagnosis, area, rng.randint(1, 3))
    return {"coaching sessions": len(sessions), "diagnoses": len(diagnoses)}
