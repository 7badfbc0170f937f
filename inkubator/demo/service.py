"""Demo data of the laid-off workers' service (runs after the venues step, last).

Two intake waves: the first closed, allocated and enrolled (a few hundred registrants across the 5
small-demo venues, 10,000 across the 50 national ones), the second open for registration today with
a few registrants, so that ``/service/register/`` works after ``make run``. Registrants are new
people with valid NIKs of their home regency, most living in the province of a venue; about one in
seven has not uploaded a proof of job loss, a few lost their job too long ago, so eligibility has
something to say. Rows go through the fast writer; the allocation and the enrolments through the
service's own functions (OR-Tools, ``wave_enrol``), as the ministry would run them.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from faker import Faker

from inkubator.centres.models import VocationalField
from inkubator.notifications.services import notifications_muted
from inkubator.people.models import Person
from inkubator.people.names import name_key
from inkubator.regions.models import Regency
from inkubator.service.choices import BpjsStatus, JobLossReason, RegistrationStatus, WaveStatus
from inkubator.service.eligibility import _age, _months_between
from inkubator.service.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    EligibilityRule,
    PreferredVenue,
    Registration,
)
from inkubator.service.services import wave_allocate, wave_create, wave_enrol
from inkubator.venues.models import Venue

from .clock import demo_today
from .incubation import _aware, _Niks
from .writer import RowWriter

SIZES: dict[str, dict[str, int]] = {
    "small": {"allocated": 300, "open": 30},
    "national": {"allocated": 10_000, "open": 500},
}
DEMO_PROOF = "service/proof/demo-surat-phk.pdf"
# A tiny valid PDF: every demo proof is this one file (the demo shows the link, not a letter).
PROOF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EMPLOYERS = (
    "PT Sritex", "PT Tekstil Nusantara", "PT Garmen Sejahtera", "PT Alas Kaki Indonesia", "PT Elektronik Jaya",
    "PT Kemasan Plastik", "CV Mebel Jepara", "PT Otomotif Parts", "PT Pabrik Roti Prima", "Toko Ritel Maju",
)  # fmt: skip
IDEAS = (
    "Warung makan dan katering rumahan", "Jahit dan permak pakaian", "Servis sepeda motor",
    "Kue kering dan roti untuk dititip di warung", "Kedai kopi di dekat pabrik", "Jual pakaian lewat marketplace",
    "Budidaya lele dan olahan ikan", "Servis ponsel dan aksesori", "Salon dan tata rias", "Keripik dan camilan kemasan",
)  # fmt: skip
REGISTRATION_FIELDS = (
    "wave_id", "person_id", "code", "phone", "email", "regency_id", "former_employer", "job_lost_on", "reason",
    "proof", "bpjs_status", "business_idea", "field_id", "status", "eligibility", "eligible", "evaluated_at",
    "submitted_at",
)  # fmt: skip


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def _results(rules: list[EligibilityRule], *, job_lost_on: datetime.date, birth: datetime.date, proof: bool,
             today: datetime.date) -> list[dict]:  # fmt: skip
    """The rules' results as ``service.eligibility.check`` keeps them (new people: in no cohort)."""
    results = []
    for rule in rules:
        if rule.kind == "job_loss_recent":
            months = _months_between(job_lost_on, today)
            results.append({"kind": rule.kind, "params": {"months": rule.months}, "value": months,
                            "passed": months < rule.months})  # fmt: skip
        elif rule.kind == "age_range":
            age = _age(birth, today)
            results.append({"kind": rule.kind, "params": {"min_age": rule.min_age, "max_age": rule.max_age},
                            "value": age, "passed": rule.min_age <= age <= rule.max_age})  # fmt: skip
        elif rule.kind == "not_in_running_cohort":
            results.append({"kind": rule.kind, "params": {}, "value": False, "passed": True})
        elif rule.kind == "proof_present":
            results.append({"kind": rule.kind, "params": {}, "value": proof, "passed": proof})
    return results


def _registrants(*, wave_id: int, count: int, rng: random.Random, fake: Faker, venues: list[Venue],
                 submitted: tuple[datetime.date, datetime.date], today: datetime.date) -> int:  # fmt: skip
    rules = list(EligibilityRule.objects.filter(active=True).order_by("kind"))
    fields = list(VocationalField.objects.filter(active=True).order_by("code").values_list("pk", flat=True))
    by_province: dict[str, list[str]] = defaultdict(list)
    for code in Regency.objects.order_by("code").values_list("code", flat=True):
        by_province[code[:2]].append(code)
    niks = _Niks(rng)
    used = set(Registration.objects.values_list("code", flat=True))
    first, last = submitted
    span = max(1, (last - first).days)
    with (
        RowWriter(Person, ("nik", "name", "name_key", "sex", "birth_date", "phone", "regency_id")) as people,
        RowWriter(Registration, REGISTRATION_FIELDS) as rows,
        RowWriter(PreferredVenue, ("registration_id", "venue_id", "rank")) as preferences,
    ):
        for _ in range(count):
            venue = rng.choice(venues)
            province = venue.regency_id[:2] if rng.random() < 0.85 else rng.choice(sorted(by_province))
            regency = rng.choice(by_province[province])
            sex = "F" if rng.random() < 0.45 else "M"
            birth = datetime.date(rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28))
            name = fake.name_female() if sex == "F" else fake.name_male()
            phone = f"+628{rng.randint(11, 99)}{rng.randint(1000000, 99999999)}"
            person = people.add(niks.make(regency, birth, sex), name, name_key(name), sex, birth, phone, regency)
            day = first + datetime.timedelta(days=rng.randrange(span))
            job_lost_on = day - datetime.timedelta(days=rng.choice((20, 45, 90, 150, 240, 420)))
            proof = rng.random() < 0.86
            results = _results(rules, job_lost_on=job_lost_on, birth=birth, proof=proof, today=day)
            eligible = all(result["passed"] for result in results)
            at = _aware(day, rng.randint(7, 21))
            pk = rows.add(
                wave_id, person, _code(rng, used), phone, "", regency, rng.choice(EMPLOYERS), job_lost_on,
                rng.choice(JobLossReason.values[:3]), DEMO_PROOF if proof else "",
                rng.choice((BpjsStatus.JKP, BpjsStatus.JKP, BpjsStatus.MEMBER, BpjsStatus.NONE)),
                rng.choice(IDEAS), rng.choice(fields),
                RegistrationStatus.ELIGIBLE if eligible else RegistrationStatus.INELIGIBLE, results, eligible, at, at,
            )  # fmt: skip
            chosen = [venue] + rng.sample(venues, k=min(len(venues), rng.randint(0, 2)))
            for rank, preferred in enumerate(dict.fromkeys(chosen), start=1):
                if rng.random() < 0.9 or rank > 1:
                    preferences.add(pk, preferred.pk, rank)
    return count


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write the two waves and their registrants; allocate and enrol the first. Returns counts."""
    spec = SIZES[size]
    today = demo_today()
    if not default_storage.exists(DEMO_PROOF):
        default_storage.save(DEMO_PROOF, ContentFile(PROOF_BYTES))
    venues = list(Venue.objects.filter(active=True).select_related("regency").order_by("code"))
    first = wave_create(
        name="Gelombang 1", opens_on=today - datetime.timedelta(days=60), closes_on=today - datetime.timedelta(days=30),
        training_starts_on=today + datetime.timedelta(days=7), status=WaveStatus.CLOSED,
    )  # fmt: skip
    second = wave_create(
        name="Gelombang 2", opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=25),
        training_starts_on=today + datetime.timedelta(days=40), status=WaveStatus.OPEN,
    )  # fmt: skip
    _registrants(wave_id=first.pk, count=spec["allocated"], rng=rng, fake=fake, venues=venues,
                 submitted=(first.opens_on, first.closes_on), today=today)  # fmt: skip
    _registrants(wave_id=second.pk, count=spec["open"], rng=rng, fake=fake, venues=venues,
                 submitted=(second.opens_on, today), today=today)  # fmt: skip
    # The demo's people have made-up numbers: their messages stay in the app's list, none is sent.
    with notifications_muted():
        run = wave_allocate(wave=first).run
        enrolled = wave_enrol(wave=first)
    return {
        "service registrants": spec["allocated"] + spec["open"],
        "service allocated": run.allocated,
        "service enrolments": enrolled["enrolments"],
    }
