"""Demo data of the mentoring app, written after the centre register (see ``generator.demo_generate``).

The team is based where the planned centres are (a facilitator's home is drawn from the regencies of
the centres needing their main skill), each with
one main skill in turn and sometimes a second. One plan per size is proposed from the clusters in the
2022 proportions (9 binaan, 16 berdaya, 25 mandiri per 50), optimised with the real solver and made
active; the demo user ``fasilitator`` is linked to a facilitator of Jawa Timur
(or anywhere) with the shortest trips, and gets a few visits and action items.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db.models import Count, Sum
from faker import Faker

from inkubator.accounts.models import User
from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.mentoring import services
from inkubator.mentoring.choices import SKILL_FIELDS, focus_for
from inkubator.mentoring.models import Assignment, Facilitator, Plan

from .clock import demo_today

SIZES: dict[str, dict[str, int]] = {
    "small": {"facilitators": 20, "plan": 50},
    "national": {"facilitators": 300, "plan": 500},
}
SHARES = {Cluster.BINAAN: 9, Cluster.BERDAYA: 16, Cluster.MANDIRI: 25}  # of 50, as in 2022
FOCI = list(MentoringFocus.values)
DEMO_FACILITATOR = "fasilitator"


def _team(*, count: int, planned: list[tuple[Centre, str]], rng: random.Random, fake: Faker) -> list[Facilitator]:
    # A facilitator whose main skill is a focus lives where a centre needing that focus is.
    where: dict[str, list] = {focus: [] for focus in FOCI}
    for centre, cluster in planned:
        if centre.regency.latitude is not None:
            where[focus_for(cluster)].append(centre.regency)
    team = []
    for index in range(count):
        main = FOCI[index % len(FOCI)]
        regency = rng.choice(where[main] or [r for rs in where.values() for r in rs])
        skills = {main}
        if rng.random() < 0.5:
            skills.add(rng.choice(FOCI))
        jitter = lambda: Decimal(f"{rng.uniform(-0.05, 0.05):.5f}")  # noqa: E731
        team.append(
            services.facilitator_create(
                name=fake.name(),
                regency=regency,
                latitude=regency.latitude + jitter(),
                longitude=regency.longitude + jitter(),
                capacity_centres=rng.randint(4, 6),
                days_per_month=rng.choice((8, 10, 12, 15)),
                **{SKILL_FIELDS[f]: True for f in skills},
            )
        )
    return team


def _plan_centres(*, size: int, centres: list[Centre], rng: random.Random) -> list[tuple[Centre, str]]:
    """Centres of each cluster in the 2022 proportions; without clusters, a fixed share of the register.

    When the assessments left a cluster short (or set none), the plan entries, and only they, take
    other active centres (a seeded shuffle, spread over the country) as that cluster: the register is
    not changed.
    """
    wanted = {cluster: round(size * share / 50) for cluster, share in SHARES.items()}
    active = sorted((c for c in centres if c.status == Centre.Status.ACTIVE), key=lambda c: c.code)
    chosen: list[tuple[Centre, str]] = []
    taken: set[int] = set()
    for cluster, count in wanted.items():
        of_cluster = [c for c in active if c.cluster == cluster][:count]
        chosen.extend((c, cluster) for c in of_cluster)
        taken.update(c.pk for c in of_cluster)
    spare_list = [c for c in active if c.pk not in taken]
    rng.shuffle(spare_list)
    spare = iter(spare_list)
    for cluster, count in wanted.items():
        missing = count - sum(1 for _, k in chosen if k == cluster)
        for _ in range(max(missing, 0)):
            centre = next(spare, None)
            if centre is not None:
                chosen.append((centre, cluster))
    return chosen


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    spec = SIZES[size]
    centres = list(Centre.objects.select_related("regency").order_by("code"))
    if not centres:
        return {}
    planned = _plan_centres(size=spec["plan"], centres=centres, rng=rng)
    # The team lives where the planned centres are, as a recruited team would.
    team = _team(count=spec["facilitators"], planned=planned, rng=rng, fake=fake)
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first()
    start = demo_today().replace(day=1)
    plan = services.plan_create(
        name=f"Pendampingan BLK Komunitas {start.year}",
        period_start=start,
        period_end=start + datetime.timedelta(days=182),
        created_by=admin,
        centres=planned,
    )
    services.plan_optimise(plan=plan, user=admin)
    services.plan_set_status(plan=plan, status=Plan.Status.ACTIVE)
    visits = actions = 0
    user = User.objects.filter(username=DEMO_FACILITATOR, role=Role.FACILITATOR).first()
    if user is not None:
        visits, actions = _demo_facilitator(user=user, team=team, plan=plan)
    return {
        "facilitators": len(team),
        "plan centres": plan.entries.count(),
        "visits": visits,
        "action items": actions,
    }


def _demo_facilitator(*, user: User, team: list[Facilitator], plan: Plan) -> tuple[int, int]:
    """Link the demo facilitator account to a facilitator with short trips (in Jawa Timur if any) and log some work.

    The one with the least travel per centre among those with at least two centres, so that the demo's
    schedule and trip ordering show a plausible round of visits.
    """
    rows = (
        Assignment.objects.filter(plan=plan)
        .values("facilitator")
        .annotate(n=Count("pk"), km=Sum("travel_km"))
        .filter(n__gte=2)
    )
    by_pk = {f.pk: f for f in team}
    candidates = [(r["km"] / r["n"], r["facilitator"]) for r in rows]
    east_java = [c for c in candidates if by_pk[c[1]].regency_id.startswith("35.")]
    if not candidates:
        return 0, 0
    chosen = by_pk[min(east_java or candidates)[1]]
    chosen = services.facilitator_update(facilitator=chosen, user=user, name=user.get_full_name() or chosen.name)
    assignments = list(
        Assignment.objects.filter(plan=plan, facilitator=chosen).select_related("plan_centre__centre")[:2]
    )
    today = demo_today()
    for index, assignment in enumerate(assignments):
        entry = assignment.plan_centre
        visit = services.visit_create(
            facilitator=chosen,
            centre=entry.centre,
            date=today - datetime.timedelta(days=7 * (index + 1)),
            focus=entry.focus,
            attendees=6 + 3 * index,
            notes="Diskusi dengan pengelola tentang rencana kerja pendampingan.",
            created_by=user,
        )
        services.action_item_create(
            centre=entry.centre,
            focus=entry.focus,
            title="Lengkapi data aset dan instruktur" if index == 0 else "Susun rencana usaha inkubator",
            owner="Kepala BLK Komunitas",
            due_date=today + datetime.timedelta(days=30),
            created_by=user,
            visit=visit,
        )
    return len(assignments), len(assignments)
