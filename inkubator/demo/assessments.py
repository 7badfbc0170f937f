"""Demo data of the assessments app, written after the centre register (see ``generator.demo_generate``).

* The default instrument, published (``services.instrument_create_default``).
* Two closed rounds: 2023 over the centres built up to 2021, and the completed 2025 round over
  every centre, with answers drawn from a latent quality per centre (older cohorts and active
  centres do better; each dimension varies around it), so that clusters spread much like the
  ministry's 2023 tiers: most centres binaan or berdaya, under a tenth mandiri. Scores, clusters
  and explanations are computed by the real scoring module; rows are bulk-created for speed.
* Every centre's cluster is that of the 2025 round, and a selection of 100 incubators (10 in the
  small dataset) is recorded as a decision of the demo ministry admin, through the service.
* An open 2026 round in which the demo ``fasilitator`` has three centres: one untouched, one in
  draft, one submitted in West Java for ``korwil`` to verify.
"""

from __future__ import annotations

import datetime
import multiprocessing
import random
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from faker import Faker

from inkubator.accounts.models import User
from inkubator.accounts.services import user_create
from inkubator.assessments import scoring, services
from inkubator.assessments.choices import AssessmentStatus, RoundStatus, SelectionMethod
from inkubator.assessments.models import Answer, Assessment, Indicator, Instrument, Round
from inkubator.assessments.selection import Constraints, select
from inkubator.assessments.selectors import instrument_spec, selection_candidates
from inkubator.centres.models import Centre
from inkubator.core.roles import Role

from .accounts import DEMO_PASSWORD
from .writer import RowWriter

SIZES = {
    "small": {"incubators": 10, "per_province": 3, "unions": 1, "assessors": 4},
    "national": {"incubators": 100, "per_province": 12, "unions": 5, "assessors": 30},
}
# How a dimension drifts from the centre's overall quality: facilities come with the aid, finances
# and incubation are what few centres have yet.
DIMENSION_BIAS = {
    "governance": 0.02,
    "people": 0.05,
    "facilities": 0.12,
    "training": 0.04,
    "partnerships": -0.08,
    "finances": -0.12,
    "incubation": -0.15,
}


# A centre's explanation is a CP-SAT programme (``scoring.minimal_raises``): nationally (4,300 centres)
# most of this step's time. From BACKGROUND_FROM centres on, one worker process works them out while
# this step and the next ones go on (the load's other core): the assessments are written with an empty
# explanation and ``finish()`` fills them in at the end of the load. The same function computes them,
# so the rows are those written in line (the small demo, the tests).
BACKGROUND_FROM = 1000
EXPLAIN_CHUNK = 100  # centres per task sent to the worker


def _explain_chunk(spec: scoring.InstrumentSpec, answer_sets: list[dict[str, int]]) -> list[dict]:
    """Explanations of a few centres' answers (in the worker process)."""
    return [scoring.explain(spec, answers).as_dict() for answers in answer_sets]


class _Background:
    """Explanations being worked out by the worker: ``(assessment ids, future)`` per chunk."""

    executor: ProcessPoolExecutor | None = None
    chunks: list[tuple[list[int], Future]] = []  # noqa: RUF012 (one load at a time; reset by finish())


def _explain_later(spec: scoring.InstrumentSpec, pending: list[tuple[Assessment, dict[str, int]]]) -> None:
    if _Background.executor is None:
        # fork: the worker needs no Django set-up and never touches the database connection it inherits
        # (multiprocessing ends its processes with os._exit, so nothing is closed on the parent's behalf).
        _Background.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    for start in range(0, len(pending), EXPLAIN_CHUNK):
        part = pending[start : start + EXPLAIN_CHUNK]
        future = _Background.executor.submit(_explain_chunk, spec, [answers for _, answers in part])
        _Background.chunks.append(([row.pk for row, _ in part], future))


def finish(*, write: bool = True) -> None:
    """Write the explanations worked out in the background (``write=False``: a failed load, drop them)."""
    chunks, executor = _Background.chunks, _Background.executor
    _Background.chunks, _Background.executor = [], None
    if executor is None:
        return
    try:
        if write and chunks:
            field = Assessment._meta.get_field("explanation")
            quote = connection.ops.quote_name
            sql = (
                f"UPDATE {quote(Assessment._meta.db_table)} SET {quote(field.column)} = %s "  # noqa: S608 (names only)
                f"WHERE {quote(Assessment._meta.pk.column)} = %s"
            )
            rows = [
                (field.get_db_prep_save(explanation, connection), pk)
                for pks, future in chunks
                for pk, explanation in zip(pks, future.result(), strict=True)
            ]
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _quality(rng: random.Random, centre: Centre) -> float:
    """A centre's latent quality 0..1: older cohorts and active centres do better."""
    age = max(0, 2025 - centre.cohort_year)
    base = rng.betavariate(2.2, 3.0) + 0.02 * age
    if centre.status != Centre.Status.ACTIVE:
        base -= 0.25
    return min(1.0, max(0.0, base))


def _answers(rng: random.Random, indicators: list[Indicator], quality: float) -> dict[int, int]:
    values = {}
    for indicator in indicators:
        level = quality + DIMENSION_BIAS.get(indicator.dimension.code, 0.0) + rng.gauss(0, 0.18)
        level = min(1.0, max(0.0, level))
        span = indicator.scale_max - indicator.scale_min
        values[indicator.pk] = indicator.scale_min + round(level * span)
    return values


def _assessors(size: str) -> list[User]:
    """A team of assessor accounts (facilitators), created once."""
    team = []
    for number in range(1, SIZES[size]["assessors"] + 1):
        username = f"asesor.{number:02d}"
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=Role.FACILITATOR,
            first_name="Asesor",
            last_name=f"{number:02d}",
        )
        team.append(user)
    return team


def _closed_round(
    *,
    name: str,
    year: int,
    instrument: Instrument,
    centres: list[Centre],
    qualities: dict[int, float],
    rng: random.Random,
    assessors: list[User],
    verifier: User,
    explain: bool,
) -> tuple[Round, dict[int, Assessment]]:
    """A completed round: every centre's answers, verified scores, cluster (and explanation), bulk-written."""
    the_round = services.round_create(
        name=name,
        period_start=datetime.date(year, 2, 1),
        period_end=datetime.date(year, 6, 30),
        instrument=instrument,
    )
    indicators = list(Indicator.objects.filter(dimension__instrument=instrument).select_related("dimension"))
    spec = instrument_spec(instrument)
    code_of = {i.pk: i.code for i in indicators}
    moment = timezone.make_aware(datetime.datetime(year, 7, 15, 10, 0))
    rows: list[Assessment] = []
    answers: list[tuple[int, dict[int, int]]] = []
    later = explain and len(centres) >= BACKGROUND_FROM
    unexplained: list[tuple[Assessment, dict[str, int]]] = []
    for centre in centres:
        values = _answers(rng, indicators, qualities[centre.pk])
        by_code = {code_of[pk]: value for pk, value in values.items()}
        scores = scoring.score(spec, by_code)
        level = scoring.cluster(spec, scores)
        dimensions, total = scores.rounded()
        row = Assessment(
            round=the_round,
            centre=centre,
            assessor=rng.choice(assessors),
            status=AssessmentStatus.VERIFIED,
            dimension_scores=dimensions,
            total_score=Decimal(str(total)),
            cluster_code=level.code,
            cluster_rank=level.rank,
            explanation=scoring.explain(spec, by_code).as_dict() if explain and not later else {},
            submitted_at=moment,
            verified_at=moment,
            verified_by=verifier,
        )
        rows.append(row)
        if later:
            unexplained.append((row, by_code))
        answers.append((centre.pk, values))
    fields = [f.attname for f in Assessment._meta.concrete_fields if not f.primary_key and f.attname != "updated_at"]
    with RowWriter(Assessment, fields) as writer:
        for row in rows:
            row.pk = writer.add(*(getattr(row, name) for name in fields))
    if unexplained:
        _explain_later(spec, unexplained)
    created = {a.centre_id: a for a in rows}
    with RowWriter(Answer, ("assessment_id", "indicator_id", "value")) as writer:
        for centre_pk, values in answers:
            assessment = created[centre_pk].pk
            for pk, value in values.items():
                writer.add(assessment, pk, value)
    Round.objects.filter(pk=the_round.pk).update(status=RoundStatus.CLOSED)
    return the_round, created


def _open_round(*, instrument: Instrument, rng: random.Random) -> int:
    """The 2026 round with the demo facilitator's three centres (untouched, in draft, submitted)."""
    the_round = services.round_create(
        name="Asesmen Pra-Identifikasi 2026",
        period_start=datetime.date(2026, 2, 1),
        period_end=datetime.date(2026, 7, 31),
        instrument=instrument,
    )
    services.round_advance(round=the_round)
    assessor = User.objects.filter(username="fasilitator").first()
    if assessor is None:
        return 0
    east = list(Centre.objects.filter(province_id="35").order_by("code")[5:7])
    west = list(Centre.objects.filter(province_id="32").order_by("code")[3:4])
    services.round_assign(round=the_round, centres=[*east, *west], assessor=assessor)
    indicators = list(
        Indicator.objects.filter(dimension__instrument=instrument).select_related("dimension__instrument")
    )
    if len(east) > 1:
        draft = Assessment.objects.get(round=the_round, centre=east[1])
        for indicator in indicators[:12]:
            value = rng.randint(indicator.scale_min, indicator.scale_max)
            services.assessment_answer_set(assessment=draft, indicator=indicator, value=value)
    if west:
        done = Assessment.objects.get(round=the_round, centre=west[0])
        for indicator in indicators:
            # Modest answers: no evidence is needed for the lowest value, so the demo needs no files.
            value = (
                indicator.scale_min
                if indicator.evidence_required
                else rng.randint(indicator.scale_min + 1, indicator.scale_max)
            )
            services.assessment_answer_set(assessment=done, indicator=indicator, value=value, note="")
        services.assessment_submit(assessment=done)
    return len(east) + len(west)


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    spec = SIZES[size]
    admin = User.objects.filter(role=Role.MINISTRY_ADMIN).order_by("pk").first()
    if admin is None or Round.objects.filter(name__startswith="Asesmen Pra-Identifikasi").exists():
        return {}  # written once per database: round names are unique
    instrument = services.instrument_create_default()
    assessors = _assessors(size)
    centres = list(Centre.objects.order_by("code"))
    qualities = {centre.pk: _quality(rng, centre) for centre in centres}
    older = [c for c in centres if c.cohort_year <= 2021]
    # Two years earlier most centres stood lower; some slipped since.
    earlier = {pk: max(0.0, q - rng.uniform(-0.08, 0.2)) for pk, q in qualities.items()}
    _closed_round(
        name="Asesmen Pra-Identifikasi 2023",
        year=2023,
        instrument=instrument,
        centres=older,
        qualities=earlier,
        rng=rng,
        assessors=assessors,
        verifier=admin,
        explain=False,
    )
    latest, created = _closed_round(
        name="Asesmen Pra-Identifikasi 2025",
        year=2025,
        instrument=instrument,
        centres=centres,
        qualities=qualities,
        rng=rng,
        assessors=assessors,
        verifier=admin,
        explain=True,
    )
    for centre in centres:
        centre.cluster = created[centre.pk].cluster_code
    Centre.objects.bulk_update(centres, ["cluster"], batch_size=1000)
    # The register's generator marked a few early incubators; the recorded selection decides here.
    Centre.objects.filter(is_incubator=True).update(is_incubator=False)
    constraints = Constraints(
        count=spec["incubators"],
        min_cluster_rank=2,
        max_per_province=spec["per_province"],
        min_per_host={"union": spec["unions"]},
    )
    weights = {code: float(weight) for code, weight in instrument.dimensions.values_list("code", "weight")}
    result = select(selection_candidates(latest), constraints, weights, SelectionMethod.WEIGHTED)
    services.selection_record(
        round=latest,
        constraints=constraints,
        min_cluster="berdaya",
        weights=weights,
        method=SelectionMethod.WEIGHTED,
        result=result,
        user=admin,
        note="Penetapan inkubator wirausaha hasil asesmen pra-identifikasi 2025.",
    )
    assigned = _open_round(instrument=instrument, rng=rng)
    return {
        "assessments": Assessment.objects.count(),
        "answers": Answer.objects.count(),
        "incubators selected": len(result.selected_ids()),
        "open assignments": assigned,
    }
