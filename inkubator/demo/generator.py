"""A deterministic, realistic synthetic dataset on the real regions (``manage.py demo_data``).

Same seed, same data: Faker ``id_ID`` and one ``random.Random`` are both seeded, and regions are read
in code order. Later capabilities extend :func:`demo_generate` with their own records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from faker import Faker

from inkubator.accounts.models import User
from inkubator.accounts.services import user_create
from inkubator.centres.models import Centre
from inkubator.partners.models import Partner
from inkubator.regions.models import District, Province, Regency, Village

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

SIZES: dict[str, dict[str, int]] = {
    "small": {"centres": 240, "partners": 20},
    "national": {"centres": 4300, "partners": 2000},
}

# Relative weight of each province in the centre register: most centres stand in pesantren of Java,
# Aceh, Sumatra, Nusa Tenggara and Sulawesi (PROGRAMME_FACTS.md; NTT had 54 of 3,757 in 2022).
PROVINCE_WEIGHTS: dict[str, int] = {
    "35": 900,
    "32": 800,
    "33": 700,
    "36": 200,
    "11": 150,
    "12": 150,
    "73": 150,
    "52": 150,
    "18": 120,
    "13": 100,
    "16": 100,
    "34": 80,
    "14": 80,
    "63": 80,
    "31": 60,
    "15": 60,
    "61": 60,
    "53": 55,
    "64": 50,
    "72": 50,
    "17": 40,
    "62": 40,
    "74": 40,
    "51": 30,
    "71": 30,
    "76": 30,
    "19": 20,
    "21": 20,
    "75": 20,
    "81": 20,
    "82": 20,
    "65": 10,
}
DEFAULT_WEIGHT = 8  # the Papua provinces and any province not named above

# Centres by cohort year of build aid (PROGRAMME_FACTS.md).
COHORT_WEIGHTS: dict[int, int] = {2017: 50, 2018: 75, 2019: 988, 2020: 1014, 2021: 785, 2022: 846, 2023: 525, 2024: 418}

PESANTREN_NAMES = (
    "Al-Hikmah",
    "Darul Ulum",
    "Nurul Huda",
    "Al-Falah",
    "Miftahul Huda",
    "Darussalam",
    "Al-Ikhlas",
    "Raudhatul Jannah",
    "Al-Amin",
    "Nurul Iman",
    "Bahrul Ulum",
    "Al-Muhajirin",
    "Sabilul Muttaqin",
    "Roudlotul Qur'an",
    "Al-Anwar",
    "Hidayatullah",
    "Mambaul Ulum",
    "Al-Hidayah",
    "Tarbiyatul Islam",
    "Manbaul Hikam",
    "Darul Falah",
    "Al-Muttaqin",
    "Nurul Jadid",
    "Assalafiyah",
    "Al-Khoirot",
)
OTHER_HOSTS = (
    "Seminari {}",
    "Yayasan Pendidikan Katolik {}",
    "Pasraman {}",
    "Dhammasekha {}",
    "SP/SB {} Sejahtera",
    "Federasi Serikat Pekerja {}",
    "Gereja Kristen {}",
    "Yayasan {} Mandiri",
)
STATUS_WEIGHTS = ((Centre.Status.ACTIVE, 90), (Centre.Status.INACTIVE, 8), (Centre.Status.CLOSED, 2))


@dataclass(frozen=True)
class DemoResult:
    """What a demo load wrote."""

    centres: int
    partners: int
    users: int


def _pick(rng: random.Random, weights: dict) -> object:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _host_name(rng: random.Random, fake: Faker) -> str:
    if rng.random() < 0.85:  # pondok pesantren are the large majority of hosts
        return f"Pondok Pesantren {rng.choice(PESANTREN_NAMES)}"
    return rng.choice(OTHER_HOSTS).format(fake.last_name())


def _jitter(rng: random.Random, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return (value + Decimal(rng.uniform(-0.05, 0.05))).quantize(Decimal("0.00001"))


def _centres(*, rng: random.Random, fake: Faker, count: int) -> list[Centre]:
    provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
    weights = {code: PROVINCE_WEIGHTS.get(code, DEFAULT_WEIGHT) for code in provinces}
    regencies: dict[str, list[Regency]] = {}
    for regency in Regency.objects.order_by("code"):
        regencies.setdefault(regency.province_id, []).append(regency)
    districts: dict[str, list[District]] = {}
    for district in District.objects.order_by("code"):
        districts.setdefault(district.regency_id, []).append(district)
    villages_of: dict[str, list[Village]] = {}
    serial: dict[str, int] = {}
    centres = []
    for _ in range(count):
        province = str(_pick(rng, weights))
        regency = rng.choice(regencies[province])
        district = rng.choice(districts[regency.code])
        # Villages are fetched per district drawn (a few thousand queries at most), not all 83,762 at once.
        if district.code not in villages_of:
            villages_of[district.code] = list(Village.objects.filter(district_id=district.code).order_by("code"))
        villages = villages_of[district.code]
        village = rng.choice(villages) if villages else None
        serial[regency.code] = serial.get(regency.code, 0) + 1
        lat = district.latitude if district.latitude is not None else regency.latitude
        lon = district.longitude if district.latitude is not None else regency.longitude
        host = _host_name(rng, fake)
        centres.append(
            Centre(
                code=f"BLKK-{regency.code.replace('.', '')}-{serial[regency.code]:03d}",
                name=f"BLK Komunitas {host}",
                province_id=province,
                regency=regency,
                district=district,
                village=village,
                address=f"{fake.street_address()}, {village.name if village else district.name}",
                latitude=_jitter(rng, lat),
                longitude=_jitter(rng, lon),
                cohort_year=int(_pick(rng, COHORT_WEIGHTS)),
                status=rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0],
            )
        )
    return centres


def _partners(*, rng: random.Random, fake: Faker, count: int) -> list[Partner]:
    kinds = [k for k, _ in Partner.Kind.choices]
    provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
    names: set[str] = set()
    partners = []
    while len(partners) < count:
        name = fake.company()
        if name in names:
            continue
        names.add(name)
        partners.append(Partner(name=name, kind=rng.choice(kinds), province_id=rng.choice(provinces)))
    return partners


def _users(*, centres: list[Centre], partner: Partner) -> int:
    created = 0
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        assigned = [c for c in centres if c.province_id == account.centre_province][: account.centres]
        user_create(
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@demo.inkubator.id",
            provinces=Province.objects.filter(code__in=account.provinces).order_by("code"),
            centres=assigned,
            partner=partner if account.role == "partner" else None,
        )
        created += 1
    return created


@transaction.atomic
def demo_generate(*, size: str, seed: int) -> DemoResult:
    """Write the demo dataset of ``size`` with ``seed``; assumes the regions are loaded and no centres exist."""
    spec = SIZES[size]
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    centres = Centre.objects.bulk_create(_centres(rng=rng, fake=fake, count=spec["centres"]), batch_size=1000)
    partners = Partner.objects.bulk_create(_partners(rng=rng, fake=fake, count=spec["partners"]), batch_size=1000)
    users = _users(centres=sorted(centres, key=lambda c: c.code), partner=partners[0])
    return DemoResult(centres=len(centres), partners=len(partners), users=users)
