"""A deterministic, realistic synthetic dataset on the real regions (``manage.py demo_data``).

Same seed, same data: Faker ``id_ID`` and one ``random.Random`` are both seeded, and regions are read
in code order. Same data on SQLite and PostgreSQL too (``digest.demo_digest`` proves it).

A new app adds its demo as a step: a module with ``generate(*, size, rng, fake) -> dict[str, int]``
appended to ``STEPS`` (in dependency order), and optionally ``finish(*, write)``, called once every
step has run, to write what it handed to a worker process (or, on a failed load, to drop it). A step
that writes more than a few thousand rows writes them through ``writer.RowWriter`` (COPY on
PostgreSQL), not ``bulk_create``: the national size must load in minutes. Each step is timed;
``demo_data`` prints the times (and each step's share spent writing).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from faker import Faker

from inkubator.accounts.models import User
from inkubator.accounts.services import two_factor_enrol_known_secret, user_create
from inkubator.accounts.two_factor import DEMO_TOTP_SECRET
from inkubator.centres.models import Centre
from inkubator.partners.models import Partner
from inkubator.regions.models import Province

from . import assessments as demo_assessments
from . import incubation as demo_incubation
from . import matching as demo_matching
from . import mentoring as demo_mentoring
from . import programmes as demo_programmes
from . import service as demo_service
from . import training as demo_training
from . import venues as demo_venues
from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, TWO_FACTOR_DEMO_ROLES, demo_passwords_hashed_once
from .clock import pinned
from .partners import demo_partners
from .register import RegisterBatch, RegisterGenerator, save_register
from .writer import write_seconds

SIZES: dict[str, dict[str, int]] = {
    "small": {"centres": 240, "partners": 20, "mentored": 20, "incubators": 5},
    "national": {"centres": 4300, "partners": 2000, "mentored": 50, "incubators": 25},
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


@dataclass(frozen=True)
class DemoResult:
    """What a demo load wrote."""

    centres: int
    partners: int
    users: int
    extra: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per step, in order
    writing: dict[str, float] = field(default_factory=dict)  # of which the fast writer's inserts/COPY, per step


def _users(*, centres: list[Centre], partner: Partner) -> int:
    created = 0
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        assigned = [c for c in centres if c.province_id == account.centre_province][: account.centres]
        user = user_create(
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
        if account.role in TWO_FACTOR_DEMO_ROLES:
            # Pre-enrolled with the published demo secret (README, sign-in page in DEBUG): nobody is stuck.
            two_factor_enrol_known_secret(user=user, base32_secret=DEMO_TOTP_SECRET)
        created += 1
    return created


# The apps' demo steps after the register, in dependency order: rounds set clusters and incubators,
# mentoring plans read the clusters. A new step goes last, so that the earlier ones draw as before.
STEPS = (
    demo_assessments,
    demo_training,
    demo_incubation,
    demo_mentoring,
    demo_programmes,
    demo_venues,
    demo_service,
    demo_matching,
)
# Run after every other step: the targets are fitted to the figures the other steps made (it draws no
# fake names, so the steps after it in STEPS draw the same names either way).
RUN_LAST = {demo_programmes}


def _finish_steps(*, write: bool) -> None:
    """Let each step write what it left to a worker process (``finish(write=)``, optional), or drop it."""
    for step in STEPS:
        finish = getattr(step, "finish", None)
        if finish is not None:
            finish(write=write)


def step_name(module: object) -> str:
    """``inkubator.demo.training`` -> ``training``."""
    return str(getattr(module, "__name__", module)).rsplit(".", 1)[-1]


def demo_generate(*, size: str, seed: int, today: datetime.date | None = None) -> DemoResult:
    """Write the demo dataset of ``size`` with ``seed``; assumes the regions are loaded and no centres exist.

    ``today`` pins the day the data is written for (default: the real date), so that a load repeated
    on another day, or on another database, writes the same rows. One transaction. Labels stored as
    data (e.g. a device's name) are written in the default language whoever calls: a management
    command runs untranslated, a test or a page in the user's language.
    """
    with (
        translation.override(settings.LANGUAGE_CODE),
        pinned(today),
        _sqlite_for_a_load(),
        transaction.atomic(),
        demo_passwords_hashed_once(),
    ):
        result = _generate(size=size, seed=seed)
        _analyse()
        return result


# SQLite's page cache for a load (KiB; a negative cache_size counts KiB): the default 2 MB cannot hold
# the leaves of the people's NIK and name indexes, which a million inserts in random NIK order touch
# all over, so pages went back and forth between the cache and the WAL file for every few rows.
SQLITE_LOAD_CACHE_KIB = 512 * 1024


@contextmanager
def _sqlite_for_a_load() -> Iterator[None]:
    """On SQLite, outside any transaction: a large page cache and no fsync while the load writes.

    ``synchronous=OFF`` only skips the flushes to disk (a crash of the machine, not of Python, may
    lose the load; the load is one transaction either way); both settings are put back afterwards,
    on this connection only. Within a caller's transaction (a test's) nothing is changed.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}")
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")


def _analyse() -> None:
    """Give PostgreSQL's planner the loaded tables' statistics before anyone reads them.

    Tables emptied earlier (a flush, a migration) are known to the planner as empty, and the rows this
    load wrote (within its transaction) are not counted until autovacuum comes by: the indicator
    summaries' grouped joins then ran as nested loops over thousands of rows, one for 14 minutes in CI.
    ANALYZE may run inside the transaction and counts its own uncommitted rows.
    """
    if connection.vendor != "postgresql":
        return
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("inkubator.") and model._meta.managed and not model._meta.proxy
        and model._meta.app_label != "regions"
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


def demo_vacuum() -> float:
    """``VACUUM (ANALYZE)`` the project's tables on PostgreSQL after a demo load has committed; its seconds.

    A load writes millions of rows in one transaction and PostgreSQL's visibility map stays empty until
    a vacuum: until then no count can be an index-only scan (the national board's per-stage counts
    read every tenant's row, 25-60 ms, instead of an index range) and autovacuum may come by in the
    middle of a measurement. VACUUM cannot run inside a transaction: nothing is done within one (a
    test's), nor on SQLite.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 0.0
    started = time.perf_counter()
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("inkubator.") and model._meta.managed and not model._meta.proxy
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + ", ".join(connection.ops.quote_name(table) for table in tables))
    return time.perf_counter() - started


def _generate(*, size: str, seed: int) -> DemoResult:
    spec = SIZES[size]
    seconds: dict[str, float] = {}
    writing: dict[str, float] = {}
    started = time.perf_counter()
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    drawn, works = demo_partners(rng=rng, fake=fake, count=spec["partners"])
    partners = Partner.objects.bulk_create(drawn, batch_size=1000)
    Partner.provinces.through.objects.bulk_create(
        [Partner.provinces.through(partner_id=p.pk, province_id=code) for p in partners for code in works[p.name]],
        batch_size=5000,
    )
    generator = RegisterGenerator(
        rng=rng, fake=fake, province_weights={code: PROVINCE_WEIGHTS.get(code, DEFAULT_WEIGHT) for code in
                                              Province.objects.order_by("code").values_list("code", flat=True)}
    )  # fmt: skip
    batch = RegisterBatch()
    for _ in range(spec["centres"]):
        generator.centre(batch, cohort=int(rng.choices(list(COHORT_WEIGHTS), weights=list(COHORT_WEIGHTS.values()))[0]))
    generator.partner_gifts(batch, partners[:50])
    generator.designate(batch, mentored=spec["mentored"], incubators=spec["incubators"])
    save_register(batch)
    seconds["register"] = time.perf_counter() - started
    started = time.perf_counter()
    users = _users(centres=sorted(batch.centres, key=lambda c: c.code), partner=partners[0])
    seconds["accounts"] = time.perf_counter() - started
    extra: dict[str, int] = {}
    # Each step's seed is drawn in the listed order, so the steps draw as before whatever runs when.
    seeds = {step: rng.random() for step in STEPS}
    try:
        for step in sorted(STEPS, key=lambda step: step in RUN_LAST):
            started, wrote = time.perf_counter(), write_seconds()
            extra.update(step.generate(size=size, rng=random.Random(seeds[step]), fake=fake))
            seconds[step_name(step)] = time.perf_counter() - started
            writing[step_name(step)] = write_seconds() - wrote
    except BaseException:
        _finish_steps(write=False)
        raise
    started = time.perf_counter()
    _finish_steps(write=True)
    seconds["finish"] = time.perf_counter() - started
    return DemoResult(
        centres=len(batch.centres), partners=len(partners), users=users, extra=extra, seconds=seconds, writing=writing
    )
