"""Demo targets, written last: the ministry's published targets (PROGRAMME_FACTS.md), scaled to the demo.

National size: 100 incubators and 232,000 trainees a year, as the ministry set them. The small
dataset is a sample (240 of 4,300 centres, fewer batches a year, 300 of 100,000 tenants), so each
target is scaled by how much of the national demo's volume the small one holds for that programme,
to keep the progress bars meaningful. The trainee target of the current year is also split over the
provinces by their active centres, with some spread, so the early-warning list has provinces to compare.
"""

from __future__ import annotations

import random

from django.db.models import Count
from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.programmes.models import Programme
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
    this_year = demo_today().year
    written = 0
    for year in range(this_year - YEARS_BACK, this_year + 1):
        for indicator, (programme, value) in TARGETS.items():
            if programme == "laid_off" and year < SERVICE_FIRST_YEAR:
                continue
            share = register_share if indicator in REGISTER_INDICATORS else shares[programme]
            target_set(
                user=admin, programme=programmes[programme], indicator=indicator, year=year,
                value=max(1, round(value * share)), note="Demo",
            )  # fmt: skip
            written += 1
    national = max(1, round(TARGETS["trainees_trained"][1] * training_share))
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
