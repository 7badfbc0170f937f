"""Demo targets, written last: the ministry's published targets (PROGRAMME_FACTS.md), scaled to the demo,
and fitted to the demo's own figures where the scaled target would make a meaningless bar.

National size: 100 incubators and 232,000 trainees a year, as the ministry set them. The small
dataset is a sample (240 of 4,300 centres, fewer batches a year, 300 of 100,000 tenants), so each
target is scaled by how much of the national demo's volume the small one holds for that programme.
A sample is not the programme in miniature, though: the small demo holds ten incubators among 240
centres, and the generators give every demo more tenants in incubation than the ministry's 25,000.
A scaled target the demo already passes shows a bar stuck at 100 % (and one far above it, a bar
near 0), which tells a user nothing. So where the demo's own figure puts the scaled target's bar
past 100 % (or near 0), the target is set from the figure instead: the share of the year gone by
for a flow, somewhat under it (or a little over) at random; 55–90 % for a stock; for designated
incubators the programme's own ratio (25 designated against a target of 100). A figure of 0 keeps
the scaled target (nothing done yet is a true 0 %). The trainee target of the current year is also
split over the provinces by their active centres, with some spread, so the early-warning list has
provinces to compare.
"""

from __future__ import annotations

import random

from django.db import connection
from django.db.models import Count
from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.core.indicators import INDICATORS, indicator_total
from inkubator.core.roles import Role
from inkubator.programmes.models import Programme
from inkubator.programmes.selectors import year_elapsed
from inkubator.programmes.services import target_set
from inkubator.regions.models import Province

from .clock import demo_today
from .incubation import SIZES as TENANT_SIZES
from .service import SIZES as SERVICE_SIZES
from .training import BATCHES_PER_YEAR

NATIONAL_CENTRES = 4300
# indicator: (programme, national yearly target); the employment targets follow the tracer rates sought.
TARGETS: dict[str, tuple[str, int]] = {
    "trainees_trained": ("blkk", 232_000),
    "graduates_employed": ("blkk", 70_000),
    "graduates_self_employed": ("blkk", 46_000),
    "incubators_designated": ("incubators", 100),
    "tenants_incubated": ("incubators", 25_000),
    "jobs_created": ("incubators", 60_000),
    # The laid-off workers' service: 5,000-10,000 participants nationwide in its first three months.
    "service_registered": ("laid_off", 10_000),
    "service_trained": ("laid_off", 5_000),
}
SERVICE_FIRST_YEAR = 2025  # the service began in 2025: no targets for the years before
# Targets that follow the size of the register rather than the volume of training or incubation.
REGISTER_INDICATORS = {"incubators_designated"}
YEARS_BACK = 2  # targets for this year and the two before
# Where a target's bar may sit (figure ÷ target) for the scaled target to be kept: this year, past years.
# A low bar this year is kept (being behind is what the early-warning lists show); only a bar past
# 100 %, or one near 0, is fitted.
BAND_NOW, BAND_PAST = (0.1, 1.0), (0.5, 1.05)
# The progress a fitted target gives a stock this year; designated incubators: 25 of a target of 100.
STOCK_PROGRESS, PROGRESS_NOW = (0.55, 0.9), {"incubators_designated": 0.25}


def fitted(
    *, indicator: str, scaled: int, actual: int, year: int, this_year: int, elapsed: float, rng: random.Random
) -> int:
    """The target written: ``scaled`` when ``actual`` puts its bar in the band, else one fitted to ``actual``."""
    low, high = BAND_NOW if year == this_year else BAND_PAST
    if actual == 0 or low <= actual / scaled <= high:
        return scaled
    if year == this_year:
        if indicator in PROGRESS_NOW:
            progress = PROGRESS_NOW[indicator]
        elif INDICATORS[indicator].kind == "flow":
            progress = min(0.95, max(0.05, elapsed * rng.uniform(0.7, 1.05)))
        else:
            progress = rng.uniform(*STOCK_PROGRESS)
    else:
        progress = rng.uniform(0.8, 1.05)  # past years: most nearly reached, some passed
    return max(1, round(actual / progress))


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write the targets; returns how many."""
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first()
    centres = Centre.objects.filter(status=Centre.Status.ACTIVE)
    register_share = 1.0 if size == "national" else centres.count() / NATIONAL_CENTRES
    # The small demo runs fewer batches per centre and far fewer tenants than the national one.
    training_share = register_share * BATCHES_PER_YEAR[size] / BATCHES_PER_YEAR["national"]
    tenant_share = TENANT_SIZES[size]["tenants"] / TENANT_SIZES["national"]["tenants"]
    service_share = SERVICE_SIZES[size]["allocated"] / SERVICE_SIZES["national"]["allocated"]
    shares = {"blkk": training_share, "incubators": tenant_share, "laid_off": service_share}
    programmes = {p.code: p for p in Programme.objects.all()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the figures below read tables just filled: plan them on real statistics
    today = demo_today()
    this_year = today.year
    written = 0
    national = max(1, round(TARGETS["trainees_trained"][1] * training_share))
    for year in range(this_year - YEARS_BACK, this_year + 1):
        for indicator, (programme, value) in TARGETS.items():
            if programme == "laid_off" and year < SERVICE_FIRST_YEAR:
                continue
            share = register_share if indicator in REGISTER_INDICATORS else shares[programme]
            actual = indicator_total(INDICATORS[indicator], user=admin, year=year)
            target = fitted(
                indicator=indicator, scaled=max(1, round(value * share)), actual=actual, year=year,
                this_year=this_year, elapsed=year_elapsed(year, today), rng=rng,
            )  # fmt: skip
            target_set(
                user=admin, programme=programmes[programme], indicator=indicator, year=year, value=target, note="Demo",
            )  # fmt: skip
            if indicator == "trainees_trained" and year == this_year:
                national = target
            written += 1
    by_province = dict(centres.order_by().values_list("province_id").annotate(n=Count("pk")))
    total = sum(by_province.values()) or 1
    provinces = {p.code: p for p in Province.objects.filter(code__in=by_province)}
    for code, count in sorted(by_province.items()):
        value = max(1, round(national * count / total * rng.uniform(0.9, 1.2)))
        target_set(
            user=admin, programme=programmes["blkk"], indicator="trainees_trained", year=this_year,
            province=provinces[code], value=value, note="Demo",
        )  # fmt: skip
        written += 1
    return {"targets": written}
