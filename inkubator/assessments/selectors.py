"""Reads of the assessments app, always within the user's scope (``visible_to``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from inkubator.centres.models import Centre

from . import scoring
from .choices import AssessmentStatus, IndicatorKind, RoundStatus
from .models import Answer, Assessment, ClusterLevel, Dimension, Evidence, Indicator, Instrument, Round, Selection
from .selection import Candidate


def _fraction(value: Any) -> Fraction:
    return Fraction(str(value))


def instrument_spec(instrument: Instrument) -> scoring.InstrumentSpec:
    """The instrument version as the pure scoring module sees it (three queries)."""
    dimensions = instrument.dimensions.prefetch_related(Prefetch("indicators", queryset=Indicator.objects.all()))
    levels = instrument.cluster_levels.prefetch_related("gates__dimension")
    return scoring.InstrumentSpec(
        dimensions=tuple(
            scoring.DimensionSpec(
                code=d.code,
                weight=_fraction(d.weight),
                indicators=tuple(
                    scoring.IndicatorSpec(i.code, i.scale_min, i.scale_max, _fraction(i.weight))
                    for i in d.indicators.all()
                ),
            )
            for d in dimensions
        ),
        levels=tuple(
            scoring.LevelSpec(
                code=level.code,
                rank=level.rank,
                min_total=_fraction(level.min_total),
                gates={gate.dimension.code: _fraction(gate.min_score) for gate in level.gates.all()},
            )
            for level in levels
        ),
    )


# Instruments ----------------------------------------------------------------------------------------


def instrument_list(*, user: Any) -> QuerySet[Instrument]:
    return Instrument.objects.visible_to(user).annotate(round_count=Count("rounds"))


def instrument_get(*, user: Any, pk: int) -> Instrument:
    return get_object_or_404(Instrument.objects.visible_to(user), pk=pk)


def instrument_parts(instrument: Instrument) -> tuple[list[Dimension], list[ClusterLevel]]:
    """Dimensions with indicators, and the cluster scheme with gates, for showing or editing."""
    dimensions = list(instrument.dimensions.prefetch_related("indicators"))
    levels = list(instrument.cluster_levels.prefetch_related("gates__dimension"))
    return dimensions, levels


def published_instruments() -> QuerySet[Instrument]:
    """Versions a new round may use (reference data for the ministry's round form)."""
    return Instrument.objects.filter(status=Instrument.Status.PUBLISHED)


def cluster_labels(instrument: Instrument) -> dict[str, ClusterLevel]:
    return {level.code: level for level in instrument.cluster_levels.all()}


# Rounds ---------------------------------------------------------------------------------------------


def round_list(*, user: Any) -> QuerySet[Round]:
    return Round.objects.visible_to(user).select_related("instrument")


def round_get(*, user: Any, pk: int) -> Round:
    return get_object_or_404(round_list(user=user), pk=pk)


@dataclass(frozen=True)
class Progress:
    """How far a round has come, counted over the assessments the user may see."""

    assigned: int
    draft: int
    submitted: int
    verified: int
    returned: int

    @property
    def total(self) -> int:
        return self.assigned + self.draft + self.submitted + self.verified + self.returned

    @property
    def verified_percent(self) -> int:
        return round(100 * self.verified / self.total) if self.total else 0


def round_progress(*, user: Any, round: Round) -> Progress:  # noqa: A002
    counts = (
        Assessment.objects.visible_to(user)
        .filter(round=round)
        .aggregate(
            **{status: Count("pk", filter=Q(status=status)) for status in AssessmentStatus.values},
        )
    )
    return Progress(
        assigned=counts["assigned"],
        draft=counts["draft"],
        submitted=counts["submitted"],
        verified=counts["verified"],
        returned=counts["returned"],
    )


# Assessments ----------------------------------------------------------------------------------------


def assessment_list(*, user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.visible_to(user).select_related(
        "round", "centre", "centre__province", "centre__regency", "assessor"
    )


def result_list(*, user: Any) -> QuerySet[Assessment]:
    """The verified assessments (results) of the centres ``user`` may see."""
    return Assessment.objects.visible_to(user).filter(status=AssessmentStatus.VERIFIED)


def assessment_get(*, user: Any, pk: int) -> Assessment:
    return get_object_or_404(assessment_list(user=user).select_related("round__instrument"), pk=pk)


def worklist(*, user: Any) -> QuerySet[Assessment]:
    """The assessor's assessments in open rounds, what is still to do first."""
    return (
        assessment_list(user=user)
        .filter(assessor=user, round__status=RoundStatus.OPEN)
        .order_by("status", "centre__code")
    )


@dataclass(frozen=True)
class FormItem:
    """One indicator of the entry form: its answer and files so far, and the points to choose from."""

    indicator: Indicator
    answer: Answer | None
    files: list[Evidence]
    points: list[tuple[int, str]]


def _points(indicator: Indicator) -> list[tuple[int, str]]:
    if indicator.kind == IndicatorKind.YES_NO:
        return [(1, gettext("Yes")), (0, gettext("No"))]
    return [(value, str(value)) for value in range(indicator.scale_min, indicator.scale_max + 1)]


def assessment_form_rows(assessment: Assessment) -> list[tuple[Dimension, list[FormItem]]]:
    """The instrument of the assessment's round, dimension by dimension, with the answers and files so far."""
    answers = {a.indicator_id: a for a in assessment.answers.all()}
    files: dict[int, list[Evidence]] = defaultdict(list)
    for evidence in assessment.evidence.all():
        files[evidence.indicator_id].append(evidence)
    rows = []
    for dimension in assessment.round.instrument.dimensions.prefetch_related("indicators"):
        rows.append(
            (
                dimension,
                [FormItem(i, answers.get(i.pk), files.get(i.pk, []), _points(i)) for i in dimension.indicators.all()],
            )
        )
    return rows


def indicator_of(assessment: Assessment, pk: int) -> Indicator:
    """An indicator of the assessment's instrument; 404 for any other."""
    return get_object_or_404(
        Indicator.objects.select_related("dimension"), pk=pk, dimension__instrument_id=assessment.round.instrument_id
    )


def evidence_get(*, user: Any, assessment: Assessment, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.visible_to(user), pk=pk, assessment=assessment)


# Results of a centre --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """A verified assessment of a centre, with the move from the one before."""

    assessment: Assessment
    label: str
    move: str  # "first", "up", "down", "same"


def centre_assessments(*, user: Any, centre: Centre) -> QuerySet[Assessment]:
    return (
        Assessment.objects.visible_to(user)
        .filter(centre=centre)
        .select_related("round", "round__instrument", "assessor", "verified_by")
        .order_by("round__period_end", "round_id")
    )


def centre_history(assessments: list[Assessment]) -> list[HistoryRow]:
    """Clusters across rounds (verified only), oldest first, with promotions and demotions."""
    rows: list[HistoryRow] = []
    labels: dict[int, dict[str, ClusterLevel]] = {}
    previous: int | None = None
    for assessment in assessments:
        if assessment.status != AssessmentStatus.VERIFIED:
            continue
        instrument_id = assessment.round.instrument_id
        if instrument_id not in labels:
            labels[instrument_id] = cluster_labels(assessment.round.instrument)
        level = labels[instrument_id].get(assessment.cluster_code)
        rank = assessment.cluster_rank
        # Promotion or demotion against the round before (ranks compare across versions of a scheme).
        move = "first" if previous is None else "up" if rank > previous else "down" if rank < previous else "same"
        previous = rank
        rows.append(HistoryRow(assessment, level.label if level else assessment.cluster_code, move))
    return rows


def dimension_names(instrument: Instrument) -> dict[str, str]:
    return dict(instrument.dimensions.values_list("code", "name"))


def instrument_indicators(instrument: Instrument) -> QuerySet[Indicator]:
    """The indicators of an instrument version (reached through an assessment or instrument already in scope)."""
    return Indicator.objects.filter(dimension__instrument=instrument)


def indicator_questions(instrument: Instrument) -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.filter(dimension__instrument=instrument)}


# Distribution ---------------------------------------------------------------------------------------


def cluster_distribution(*, user: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Centres in scope by province and cluster (their current cluster): columns and rows with totals."""
    counts = (
        Centre.objects.visible_to(user)
        .values("province__code", "province__name", "cluster")
        .annotate(n=Count("pk"))
        .order_by("province__code")
    )
    table: dict[str, dict[str, Any]] = {}
    clusters: set[str] = set()
    for row in counts:
        entry = table.setdefault(
            row["province__code"], {"code": row["province__code"], "name": row["province__name"], "counts": {}}
        )
        entry["counts"][row["cluster"]] = row["n"]
        clusters.add(row["cluster"])
    # Every cluster of the newest scheme is a column, even an empty one, then codes of older schemes.
    newest = Instrument.objects.filter(status=Instrument.Status.PUBLISHED).order_by("-published_at").first()
    scheme = list(newest.cluster_levels.values_list("code", flat=True)) if newest else []
    order = scheme + [code for code in _scheme_order(clusters - {""}) if code not in scheme]
    columns = [*order, ""] if "" in clusters else order
    rows = []
    for entry in table.values():
        entry["cells"] = [entry["counts"].get(code, 0) for code in columns]
        entry["total"] = sum(entry["cells"])
        rows.append(entry)
    return columns, rows


def _scheme_order(codes: set[str]) -> list[str]:
    """Cluster codes lowest first, by the rank the newest published scheme gives them."""
    ranks: dict[str, int] = {}
    for code, rank in (
        ClusterLevel.objects.filter(code__in=codes).order_by("instrument__published_at").values_list("code", "rank")
    ):
        ranks[code] = rank
    return sorted(codes, key=lambda code: (ranks.get(code, 99), code))


def cluster_level_labels(codes: list[str]) -> dict[str, str]:
    """The label each cluster code has in the latest scheme that names it."""
    labels: dict[str, str] = {}
    for code, label in (
        ClusterLevel.objects.filter(code__in=codes).order_by("instrument__published_at").values_list("code", "label")
    ):
        labels[code] = label
    return labels


# Selection ------------------------------------------------------------------------------------------


def selection_candidates(round: Round) -> list[Candidate]:  # noqa: A002
    """Every centre of the round with what selection needs (ministry only: called after ``can_manage``)."""
    rows = Assessment.objects.filter(round=round).values_list(
        "centre_id",
        "centre__code",
        "centre__province_id",
        "centre__host__kind",
        "status",
        "cluster_rank",
        "dimension_scores",
    )
    return [
        Candidate(
            centre_id=pk,
            code=code,
            province=province,
            host_kind=host_kind,
            verified=status == AssessmentStatus.VERIFIED,
            cluster_rank=rank,
            dimensions={k: float(v) for k, v in (scores or {}).items()},
        )
        for pk, code, province, host_kind, status, rank, scores in rows
    ]


def selection_list(*, user: Any) -> QuerySet[Selection]:
    return (
        Selection.objects.visible_to(user)
        .select_related("round", "decided_by")
        .annotate(selected_count=Count("entries", filter=Q(entries__selected=True)))
    )


def selection_get(*, user: Any, pk: int) -> Selection:
    return get_object_or_404(selection_list(user=user), pk=pk)


# Results of one assessment ------------------------------------------------------------------------


def assessment_explanation(assessment: Assessment) -> dict[str, Any] | None:
    """The stored explanation with names and questions to show."""
    data = assessment.explanation or {}
    if not data:
        return None
    instrument = assessment.round.instrument
    names = dimension_names(instrument)
    questions = indicator_questions(instrument)
    levels = cluster_labels(instrument)
    target = levels.get(data.get("target") or "")
    return {
        "target": target,
        "shortfalls": [
            {
                **s,
                "name": gettext(names.get(s["dimension"], s["dimension"]))
                if s["dimension"]
                else gettext("Total score"),
            }
            for s in data.get("shortfalls", [])
        ],
        "raises": [{**r, "indicator_obj": questions.get(r["indicator"])} for r in data.get("raises", [])],
    }


def assessment_result(assessment: Assessment) -> dict[str, Any]:
    """What the scores block shows for a scored assessment: dimension scores, cluster, explanation, radar."""
    if not assessment.is_scored:
        return {}
    instrument = assessment.round.instrument
    names = dimension_names(instrument)
    return {
        "level": cluster_labels(instrument).get(assessment.cluster_code),
        "explanation": assessment_explanation(assessment),
        "dimension_rows": [
            (code, gettext(names.get(code, code)), score) for code, score in assessment.dimension_scores.items()
        ],
        "radar": {
            "labels": [gettext(names.get(code, code)) for code in assessment.dimension_scores],
            "values": list(assessment.dimension_scores.values()),
            "label": assessment.round.name,
        },
    }


def centre_latest_result(*, user: Any, centre: Centre) -> tuple[Assessment | None, dict[str, Any]]:
    """The centre's latest verified assessment (else its latest scored one) and what its page shows of it."""
    assessments = list(centre_assessments(user=user, centre=centre))
    scored = [a for a in assessments if a.status == AssessmentStatus.VERIFIED] or [
        a for a in assessments if a.is_scored
    ]
    latest = scored[-1] if scored else None
    return latest, (assessment_result(latest) if latest is not None else {})
