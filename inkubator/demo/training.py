"""Demo data of the training app, written after the centre register (see ``generator.demo_generate``).

Five years of batches at the centres (from their cohort year on), 10–16 trainees each with valid NIKs
(a real district of the centre's regency, the birth date with +40 on the day for women, a serial),
completion and dropout, competency certificates for most graduates, and tracer outcomes at realistic
rates: about 70% of graduates reached at 3 months and 60% at 6, of those reached roughly a third
employed and a fifth self-employed. The most recent graduates are only partly surveyed, so the
tracer worklist has work in it; the demo ``pengelola`` centre always has a batch whose 3-month survey
is due. Every row goes in through the demo's fast path (``writer.RowWriter``: COPY on PostgreSQL),
so the national size (about 1,000,000 trainees) loads in minutes.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre, CentreField, VocationalField
from inkubator.people.models import Person
from inkubator.people.names import name_key
from inkubator.regions.models import District
from inkubator.training.choices import EnrollmentStatus, FundingSource, OutcomeStatus, Sector, WageBand
from inkubator.training.models import CompetencyCertificate, Enrollment, Outcome, TrainingBatch
from inkubator.training.selectors import months_before

from .clock import demo_today
from .writer import RowWriter

# Batches a centre runs a year (PROGRAMME_FACTS.md: about two packages a year; more for the national size
# so that five years hold about a million trainees).
BATCHES_PER_YEAR = {"small": 0.35, "national": 3.6}
YEARS = 5
DROPOUT = 0.1
REACHED = {3: 0.7, 6: 0.6}
# Among graduates reached: what they do (employed, self-employed, studying, not working).
OUTCOME_WEIGHTS = {
    OutcomeStatus.EMPLOYED: 34,
    OutcomeStatus.SELF_EMPLOYED: 20,
    OutcomeStatus.STUDYING: 6,
    OutcomeStatus.NOT_WORKING: 40,
}
RECENT_SURVEYED = 0.4  # share of graduates of the last year already surveyed
BUSINESS_KINDS = ("Warung", "Jahit", "Bengkel", "Toko", "Katering", "Servis HP", "Salon", "Kue", "Las", "Konveksi")
EDUCATION_WEIGHTS = {"sd": 10, "smp": 25, "sma": 35, "smk": 20, "diploma": 5, "s1": 5}


def _pools(fake: Faker) -> dict[str, list[str]]:
    """Names drawn once from Faker (slow per call), then picked with the seeded ``random``."""
    return {
        "M": sorted({fake.first_name_male() for _ in range(300)}),
        "F": sorted({fake.first_name_female() for _ in range(300)}),
        "last": sorted({fake.last_name() for _ in range(300)}),
        "employer": sorted({fake.company() for _ in range(200)}),
        "place": sorted({fake.city_name() for _ in range(100)}),
        "street": sorted({fake.street_name() for _ in range(200)}),
    }


def _batches(*, size: str, rng: random.Random, today: datetime.date) -> list[TrainingBatch]:
    fields_of: dict[int, list[int]] = defaultdict(list)
    for centre_id, field_id in CentreField.objects.order_by("centre_id", "field_id").values_list(
        "centre_id", "field_id"
    ):
        fields_of[centre_id].append(field_id)
    any_field = list(VocationalField.objects.order_by("code").values_list("pk", flat=True))
    rate = BATCHES_PER_YEAR[size]
    batches = []
    first_year = today.year - YEARS + 1
    funding = list(FundingSource.values)
    for centre in Centre.objects.order_by("code").only("pk", "code", "regency_id", "cohort_year"):
        serial = 0
        for year in range(max(first_year, centre.cohort_year), today.year + 1):
            count = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
            for _ in range(count):
                start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(0, 330))
                weeks = rng.choice((4, 6, 8))
                serial += 1
                batches.append(
                    TrainingBatch(
                        code=f"{centre.code}-{start:%y%m}-{serial}",
                        centre_id=centre.pk,
                        regency_id=centre.regency_id,
                        field_id=rng.choice(fields_of.get(centre.pk) or any_field),
                        start_date=start,
                        end_date=start + datetime.timedelta(weeks=weeks),
                        hours=weeks * 40,
                        funding=rng.choices(funding, weights=(80, 10, 7, 3))[0],
                    )
                )
    return batches


def _due_batch_for_manager(*, rng: random.Random, today: datetime.date) -> TrainingBatch | None:
    """A batch of the demo manager's centre that ended four months ago: its 3-month survey is due."""
    manager = User.objects.filter(username="pengelola").first()
    centre = manager.centres.first() if manager else None
    if centre is None:
        return None
    end = months_before(today, 4)
    field_id = CentreField.objects.filter(centre=centre).values_list("field_id", flat=True).first()
    return TrainingBatch(
        code=f"{centre.code}-{end:%y%m}-TRACER",
        centre_id=centre.pk,
        regency_id=centre.regency_id,
        field_id=field_id or VocationalField.objects.order_by("code").values_list("pk", flat=True).first(),
        start_date=end - datetime.timedelta(weeks=6),
        end_date=end,
        hours=240,
    )


def _status(batch: TrainingBatch, today: datetime.date, rng: random.Random) -> str:
    if batch.start_date > today:
        return EnrollmentStatus.REGISTERED
    if batch.end_date > today:
        return EnrollmentStatus.ACTIVE
    return EnrollmentStatus.DROPPED if rng.random() < DROPOUT else EnrollmentStatus.COMPLETED


def _trainees(*, batches: list[TrainingBatch], rng: random.Random, pools: dict[str, list[str]], today: datetime.date):  # noqa: ANN202
    """(person, batch, status, attendance) draws for every batch (a generator: the national size never sits in memory).

    A person is (nik, name, name_key, sex, birth place, birth date, phone, address, regency).
    """
    districts: dict[str, list[str]] = defaultdict(list)
    for code, regency in District.objects.order_by("code").values_list("code", "regency_id"):
        districts[regency].append(code.replace(".", ""))
    education = list(EDUCATION_WEIGHTS)
    weights = list(EDUCATION_WEIGHTS.values())
    for batch in batches:
        for _ in range(rng.randint(10, 16)):
            sex = "F" if rng.random() < 0.48 else "M"
            born = datetime.date(1972, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 34))
            district = rng.choice(districts[batch.regency_id])
            day = born.day + (40 if sex == "F" else 0)
            nik = f"{district}{day:02d}{born:%m%y}{rng.randrange(1, 10_000):04d}"
            name = f"{rng.choice(pools[sex])} {rng.choice(pools['last'])}"
            person = (
                nik, name, name_key(name), sex, rng.choice(pools["place"]), born,
                f"+628{rng.randrange(10**8, 10**10)}", f"{rng.choice(pools['street'])} No. {rng.randint(1, 120)}",
                batch.regency_id, rng.choices(education, weights)[0],
            )  # fmt: skip
            yield person, batch, _status(batch, today, rng), rng.randint(75, 100)


def _write_trainees(draws, *, due: TrainingBatch | None) -> tuple[int, list[tuple[int, int, datetime.date, int]]]:  # noqa: ANN001
    """People and enrolments through the fast path; returns how many enrolled and the graduates.

    A NIK drawn twice (same district, birth date and serial), or already registered, keeps its first
    person only: the later draw is left out. Graduates are (enrolment, batch, end date, field), in order.
    """
    taken = set(Person.objects.exclude(nik=None).values_list("nik", flat=True))
    graduates: list[tuple[int, int, datetime.date, int]] = []
    people_fields = (
        "nik", "name", "name_key", "sex", "birth_place", "birth_date", "phone", "address", "regency_id", "education"
    )  # fmt: skip
    with (
        RowWriter(Person, people_fields) as people,
        RowWriter(Enrollment, ("person_id", "batch_id", "status", "attendance")) as enrolments,
    ):
        for person, batch, status, attendance in draws:
            if person[0] in taken:
                continue
            taken.add(person[0])
            if batch is due:
                status = EnrollmentStatus.COMPLETED  # the manager's due batch: everyone completed
            pk = enrolments.add(people.add(*person), batch.pk, status, attendance)
            if status == EnrollmentStatus.COMPLETED:
                graduates.append((pk, batch.pk, batch.end_date, batch.field_id))
    return enrolments.count, graduates


def _outcome(
    writer: RowWriter, enrollment_id: int, end: datetime.date, wave: int, rng: random.Random,
    pools: dict[str, list[str]],
) -> None:  # fmt: skip
    surveyed = end + datetime.timedelta(days=wave * 30 + rng.randint(0, 20))
    employer = sector = wage_band = business_name = ""
    wants_incubation = False
    if rng.random() >= REACHED[wave]:
        status = OutcomeStatus.UNREACHABLE
    else:
        status = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
    if status == OutcomeStatus.EMPLOYED:
        employer = rng.choice(pools["employer"])
        sector = rng.choice(Sector.values)
        wage_band = rng.choices(WageBand.values, weights=(30, 45, 20, 5))[0]
    elif status == OutcomeStatus.SELF_EMPLOYED:
        business_name = f"{rng.choice(BUSINESS_KINDS)} {rng.choice(pools['last'])}"
        sector = rng.choice((Sector.FOOD, Sector.TRADE, Sector.SERVICES, Sector.MANUFACTURING))
        wants_incubation = rng.random() < 0.3
    writer.add(
        enrollment_id, wave, status, employer, sector, wage_band, business_name, wants_incubation, surveyed
    )  # fmt: skip


OUTCOME_FIELDS = (
    "enrollment_id", "wave", "status", "employer", "sector", "wage_band", "business_name", "wants_incubation",
    "surveyed_at",
)  # fmt: skip


def _outcomes_and_certificates(
    *,
    graduates: list[tuple[int, int, datetime.date, int]],
    rng: random.Random,
    pools: dict[str, list[str]],
    today: datetime.date,
    skip: set[int],
) -> tuple[int, int]:
    """Tracer answers for graduates whose survey is due (recent ones only partly), certificates for most."""
    recent = months_before(today, 12)
    due_after = {wave: months_before(today, wave) for wave in (3, 6)}
    field_names = dict(VocationalField.objects.values_list("pk", "name"))
    with (
        RowWriter(Outcome, OUTCOME_FIELDS) as outcomes,
        RowWriter(CompetencyCertificate, ("enrollment_id", "number", "scheme", "issued_on")) as certificates,
    ):
        for pk, batch_id, end, field_id in graduates:
            if rng.random() < 0.8:
                certificates.add(
                    pk, f"KOMP-{end:%Y}-{pk:07d}", f"Okupasi {field_names[field_id]}", end + datetime.timedelta(days=14)
                )
            if batch_id in skip:
                continue
            for wave in (3, 6):
                if end > due_after[wave]:
                    continue
                if end > recent and rng.random() > RECENT_SURVEYED:
                    continue  # not called yet: on the worklist
                _outcome(outcomes, pk, end, wave, rng, pools)
    return outcomes.count, certificates.count


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    today = demo_today()
    pools = _pools(fake)
    batches = _batches(size=size, rng=rng, today=today)
    due = _due_batch_for_manager(rng=rng, today=today)
    if due is not None:
        batches.append(due)
    batch_fields = (
        "code", "centre_id", "regency_id", "field_id", "start_date", "end_date", "hours", "funding"
    )  # fmt: skip
    with RowWriter(TrainingBatch, batch_fields) as writer:
        for batch in batches:
            batch.pk = writer.add(*(getattr(batch, name) for name in batch_fields))
    enrolments, graduates = _write_trainees(_trainees(batches=batches, rng=rng, pools=pools, today=today), due=due)
    outcomes, certificates = _outcomes_and_certificates(
        graduates=graduates, rng=rng, pools=pools, today=today, skip={due.pk} if due is not None else set()
    )
    return {
        "training batches": len(batches),
        "trainees enrolled": enrolments,
        "certificates": certificates,
        "tracer outcomes": outcomes,
    }
