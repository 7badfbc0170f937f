"""Writes of the assessments app. Each is one transaction, validated with ``full_clean()``.

django-auditlog records every change of these models (see ``apps.py``). A published instrument
never changes: every write to an instrument's parts goes through ``_require_draft``; "editing" a
published version is ``instrument_new_version``, which copies it into a new draft.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.accounts.models import User
from inkubator.centres.models import Centre
from inkubator.centres.services import centre_update
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything

from . import scoring
from .choices import AssessmentStatus, InstrumentStatus, RoundStatus
from .models import (
    Answer,
    Assessment,
    ClusterLevel,
    Dimension,
    Evidence,
    Gate,
    Indicator,
    Instrument,
    Round,
    Selection,
    SelectionEntry,
)
from .selection import Constraints, Result
from .selectors import instrument_spec

M = TypeVar("M", bound=models.Model)


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _require_draft(instrument: Instrument) -> None:
    """Refuse any change to a published or retired version: its results must keep their meaning."""
    fresh = Instrument.objects.only("status").get(pk=instrument.pk)
    if fresh.status != InstrumentStatus.DRAFT:
        raise ValidationError(
            _("Version %(version)s of %(name)s is published and cannot change: make a new version to edit it.")
            % {"version": instrument.version, "name": instrument.name},
            code="published",
        )


# Instruments ----------------------------------------------------------------------------------------


@transaction.atomic
def instrument_create(*, name: str, description: str = "") -> Instrument:
    """Start a new instrument (or the next version number of an existing name) as an empty draft."""
    latest = Instrument.objects.filter(name=name.strip()).aggregate(v=Max("version"))["v"] or 0
    return _save(Instrument(name=name.strip(), version=latest + 1, description=description))


@transaction.atomic
def instrument_update(*, instrument: Instrument, **changes: Any) -> Instrument:
    """Change a draft's description."""
    _require_draft(instrument)
    return _save(instrument, changes)


@transaction.atomic
def dimension_create(*, instrument: Instrument, code: str, name: str, **fields: Any) -> Dimension:
    """Add a dimension to a draft."""
    _require_draft(instrument)
    return _save(Dimension(instrument=instrument, code=code, name=name, **fields))


@transaction.atomic
def dimension_update(*, dimension: Dimension, **changes: Any) -> Dimension:
    """Change a draft's dimension (name, weight, order)."""
    _require_draft(dimension.instrument)
    return _save(dimension, changes)


@transaction.atomic
def indicator_create(*, dimension: Dimension, code: str, question: str, **fields: Any) -> Indicator:
    """Add an indicator to a draft's dimension."""
    _require_draft(dimension.instrument)
    return _save(Indicator(dimension=dimension, code=code, question=question, **fields))


@transaction.atomic
def indicator_update(*, indicator: Indicator, **changes: Any) -> Indicator:
    """Change a draft's indicator (question, scale, weight, evidence)."""
    _require_draft(indicator.dimension.instrument)
    return _save(indicator, changes)


@transaction.atomic
def cluster_level_create(*, instrument: Instrument, code: str, label: str, rank: int, **fields: Any) -> ClusterLevel:
    """Add a cluster to a draft's scheme."""
    _require_draft(instrument)
    return _save(ClusterLevel(instrument=instrument, code=code, label=label, rank=rank, **fields))


@transaction.atomic
def cluster_level_update(*, level: ClusterLevel, **changes: Any) -> ClusterLevel:
    """Change a draft's cluster (code, name, threshold, mentoring focus): a new scheme is a new version."""
    _require_draft(level.instrument)
    return _save(level, changes)


@transaction.atomic
def gate_set(*, level: ClusterLevel, dimension: Dimension, min_score: Decimal) -> Gate:
    """Require a minimum score on a dimension for a cluster of a draft (or change the minimum)."""
    _require_draft(level.instrument)
    gate = Gate.objects.filter(level=level, dimension=dimension).first() or Gate(level=level, dimension=dimension)
    return _save(gate, {"min_score": min_score})


@transaction.atomic
def gate_remove(*, gate: Gate) -> None:
    """Drop a gate of a draft."""
    _require_draft(gate.level.instrument)
    gate.delete()


def _check_complete(instrument: Instrument) -> None:
    """A version can be published when every dimension has indicators and the scheme climbs."""
    errors: list[str] = []
    dimensions = list(instrument.dimensions.prefetch_related("indicators"))
    if not dimensions:
        errors.append(_("The instrument has no dimensions."))
    for dimension in dimensions:
        if not dimension.indicators.all():
            errors.append(_("Dimension %(name)s has no indicators.") % {"name": dimension.name})
    levels = list(instrument.cluster_levels.order_by("rank"))
    if len(levels) < 2:
        errors.append(_("The cluster scheme needs at least two clusters."))
    for lower, higher in itertools.pairwise(levels):
        if higher.min_total < lower.min_total:
            errors.append(
                _("Cluster %(higher)s needs a minimum total no lower than %(lower)s.")
                % {"higher": higher.label, "lower": lower.label}
            )
    if errors:
        raise ValidationError(errors, code="incomplete")


@transaction.atomic
def instrument_publish(*, instrument: Instrument) -> Instrument:
    """Freeze a complete draft so that rounds can use it; from now on it never changes."""
    _require_draft(instrument)
    _check_complete(instrument)
    return _save(instrument, {"status": InstrumentStatus.PUBLISHED, "published_at": timezone.now()})


@transaction.atomic
def instrument_retire(*, instrument: Instrument) -> Instrument:
    """Stop offering a published version to new rounds (its rounds and results stay as they are)."""
    if instrument.status != InstrumentStatus.PUBLISHED:
        raise ValidationError(_("Only a published version can be retired."), code="not_published")
    return _save(instrument, {"status": InstrumentStatus.RETIRED})


@transaction.atomic
def instrument_new_version(*, instrument: Instrument) -> Instrument:
    """Copy a version, its dimensions, indicators, scheme and gates into a new draft to edit."""
    draft = instrument_create(name=instrument.name, description=instrument.description)
    draft = _save(draft, {"based_on": instrument})
    dimensions: dict[int, Dimension] = {}
    for dimension in instrument.dimensions.all():
        copy = dimension_create(
            instrument=draft, code=dimension.code, name=dimension.name, weight=dimension.weight, order=dimension.order
        )
        dimensions[dimension.pk] = copy
        for indicator in dimension.indicators.all():
            indicator_create(
                dimension=copy,
                code=indicator.code,
                question=indicator.question,
                guidance=indicator.guidance,
                kind=indicator.kind,
                scale_min=indicator.scale_min,
                scale_max=indicator.scale_max,
                weight=indicator.weight,
                evidence_required=indicator.evidence_required,
                order=indicator.order,
            )
    for level in instrument.cluster_levels.prefetch_related("gates"):
        copy_level = cluster_level_create(
            instrument=draft,
            code=level.code,
            label=level.label,
            rank=level.rank,
            min_total=level.min_total,
            mentoring_focus=level.mentoring_focus,
        )
        for gate in level.gates.all():
            gate_set(level=copy_level, dimension=dimensions[gate.dimension_id], min_score=gate.min_score)
    return draft


# Rounds ---------------------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, name: str, period_start: date, period_end: date, instrument: Instrument) -> Round:
    """Prepare a round on a published instrument version."""
    return _save(Round(name=name.strip(), period_start=period_start, period_end=period_end, instrument=instrument))


ROUND_STEPS = {RoundStatus.DRAFT: RoundStatus.OPEN, RoundStatus.OPEN: RoundStatus.CLOSED}


@transaction.atomic
def round_advance(*, round: Round) -> Round:  # noqa: A002 - the domain's word
    """Open a prepared round for entry, or close an open one (assessors then see its centres no more)."""
    following = ROUND_STEPS.get(round.status)
    if following is None:
        raise ValidationError(_("The round is closed."), code="closed")
    return _save(round, {"status": following})


@transaction.atomic
def round_assign(*, round: Round, centres: Iterable[Centre], assessor: Any, actor: Any = None) -> int:  # noqa: A002
    """Put centres in a round with their assessor; re-assigns centres whose assessment is not submitted yet.

    With an ``actor`` (every page passes one), both sides must be in their scope: every centre and the
    assessor's account (``visible_to``); each assessment created or re-assigned is in the audit trail.
    Returns how many assessments were created or re-assigned.
    """
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("The round is closed."), code="closed")
    if assessor is not None and assessor.role != Role.FACILITATOR:
        raise ValidationError({"assessor": _("The assessor must be a facilitator.")})
    centres = list(centres)
    if actor is not None:
        if assessor is not None and not (
            User.objects.visible_to(actor).filter(pk=assessor.pk, role=Role.FACILITATOR, is_active=True).exists()
        ):
            raise ValidationError({"assessor": _("Choose an active facilitator account of your scope.")})
        visible = (
            {c.pk for c in centres}
            if sees_everything(actor)
            else set(
                Centre.objects.visible_to(actor).filter(pk__in=[c.pk for c in centres]).values_list("pk", flat=True)
            )
        )
        if any(c.pk not in visible for c in centres):
            raise ValidationError(_("Some of these centres are not in your scope."))
    existing = {a.centre_id: a for a in round.assessments.all()}
    changed = 0
    for centre in centres:
        assessment = existing.get(centre.pk)
        if assessment is None:
            _save(Assessment(round=round, centre=centre, assessor=assessor))
            changed += 1
        elif assessment.is_editable and assessment.assessor_id != getattr(assessor, "pk", None):
            _save(assessment, {"assessor": assessor})
            changed += 1
    return changed


# Entry ----------------------------------------------------------------------------------------------


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(_("This assessment was submitted and can no longer be changed."), code="locked")


@transaction.atomic
def assessment_answer_set(*, assessment: Assessment, indicator: Indicator, value: int | None, note: str = "") -> None:
    """Save one answer of a draft (an empty value clears it): how the form saves as the assessor goes."""
    _require_editable(assessment)
    if indicator.dimension.instrument_id != assessment.round.instrument_id:
        raise ValidationError(_("The indicator is not part of this round's instrument."), code="indicator")
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator).first()
    if value is None:
        if answer is not None:
            answer.delete()
    else:
        _save(answer or Answer(assessment=assessment, indicator=indicator), {"value": value, "note": note.strip()})
    if assessment.status in (AssessmentStatus.ASSIGNED,):
        _save(assessment, {"status": AssessmentStatus.DRAFT})


@transaction.atomic
def assessment_answers_save(*, assessment: Assessment, answers: Mapping[Indicator, tuple[int | None, str]]) -> None:
    """Save several answers of a draft at once (the form's "save draft", an import)."""
    for indicator, (value, note) in answers.items():
        assessment_answer_set(assessment=assessment, indicator=indicator, value=value, note=note)


@transaction.atomic
def evidence_add(*, assessment: Assessment, indicator: Indicator, file: Any, user: Any) -> Evidence:
    """Attach a PDF or image (type and size checked) to an answer of a draft."""
    _require_editable(assessment)
    if indicator.dimension.instrument_id != assessment.round.instrument_id:
        raise ValidationError(_("The indicator is not part of this round's instrument."), code="indicator")
    return _save(Evidence(assessment=assessment, indicator=indicator, file=file, uploaded_by=user))


@transaction.atomic
def evidence_remove(*, evidence: Evidence) -> None:
    """Remove a file from a draft."""
    _require_editable(evidence.assessment)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()  # the audit trail records the row (and its file name) first
    if name:
        storage.delete(name)


def assessment_answers(assessment: Assessment) -> dict[str, int]:
    """``{indicator code: value}`` of an assessment."""
    return dict(assessment.answers.values_list("indicator__code", "value"))


def _snapshot(assessment: Assessment) -> dict[str, Any]:
    """Scores, cluster and explanation computed from the round's own instrument version."""
    spec = instrument_spec(assessment.round.instrument)
    answers = assessment_answers(assessment)
    scores = scoring.score(spec, answers)
    level = scoring.cluster(spec, scores)
    dimensions, total = scores.rounded()
    return {
        "dimension_scores": dimensions,
        "total_score": Decimal(str(total)),
        "cluster_code": level.code,
        "cluster_rank": level.rank,
        "explanation": scoring.explain(spec, answers).as_dict(),
    }


def _check_submittable(assessment: Assessment) -> None:
    """Every indicator answered; evidence attached where required and the answer claims something."""
    indicators = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).select_related("dimension")
    answers = {a.indicator_id: a.value for a in assessment.answers.all()}
    with_evidence = set(assessment.evidence.values_list("indicator_id", flat=True))
    errors: list[str] = []
    for indicator in indicators:
        if indicator.pk not in answers:
            errors.append(_("%(code)s is not answered.") % {"code": indicator.code})
        elif (
            indicator.evidence_required
            and answers[indicator.pk] > indicator.scale_min
            and indicator.pk not in with_evidence
        ):
            errors.append(_("%(code)s needs an evidence file.") % {"code": indicator.code})
    if errors:
        raise ValidationError(errors, code="incomplete")


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Hand a complete draft to the coordinator; its scores and cluster are computed now."""
    _require_editable(assessment)
    _check_submittable(assessment)
    return _save(
        assessment,
        {**_snapshot(assessment), "status": AssessmentStatus.SUBMITTED, "submitted_at": timezone.now(), "comment": ""},
    )


@transaction.atomic
def assessment_return(*, assessment: Assessment, user: Any, comment: str) -> Assessment:
    """Send a submitted assessment back to its assessor with what to correct."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be returned."), code="state")
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the assessor should correct.")})
    return _save(assessment, {"status": AssessmentStatus.RETURNED, "comment": comment.strip(), "verified_by": user})


def _refresh_centre_cluster(centre: Centre) -> None:
    """The centre's cluster is that of its verified assessment in the latest round."""
    latest = (
        Assessment.objects.filter(centre=centre, status=AssessmentStatus.VERIFIED)
        .order_by("-round__period_end", "-round_id")
        .values_list("cluster_code", flat=True)
        .first()
    )
    if latest is not None and centre.cluster != latest:
        centre_update(centre=centre, cluster=latest)


@transaction.atomic
def assessment_verify(*, assessment: Assessment, user: Any, comment: str = "") -> Assessment:
    """Confirm a submitted assessment: its cluster becomes the centre's (if it is the latest round)."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be verified."), code="state")
    _save(
        assessment,
        {
            **_snapshot(assessment),
            "status": AssessmentStatus.VERIFIED,
            "verified_by": user,
            "verified_at": timezone.now(),
            "comment": comment.strip(),
        },
    )
    _refresh_centre_cluster(assessment.centre)
    return assessment


# Selection ------------------------------------------------------------------------------------------


@transaction.atomic
def selection_record(
    *,
    round: Round,  # noqa: A002
    constraints: Constraints,
    min_cluster: str,
    weights: Mapping[str, float],
    method: str,
    result: Result,
    user: Any,
    note: str = "",
) -> Selection:
    """Record a selection decision with every candidate's rank and reason; designate the selected centres.

    Designation is additive: a centre designated by an earlier decision keeps it (taking it away
    is a decision of its own, not a side effect of ranking).
    """
    selection = _save(
        Selection(
            round=round,
            count=constraints.count,
            min_cluster=min_cluster,
            max_per_province=constraints.max_per_province,
            min_per_host=dict(constraints.min_per_host),
            method=method,
            weights={code: round_weight(w) for code, w in weights.items()},
            note=note.strip(),
            decided_by=user,
        )
    )
    entries = [
        SelectionEntry(
            selection=selection,
            centre_id=outcome.centre_id,
            rank=outcome.rank,
            score=None if outcome.score is None else Decimal(f"{outcome.score:.2f}"),
            topsis=None if outcome.topsis is None else Decimal(f"{outcome.topsis:.4f}"),
            selected=outcome.selected,
            reason=outcome.reason,
        )
        for outcome in result.outcomes
    ]
    for entry in entries:
        entry.full_clean(exclude=["selection"])
    SelectionEntry.objects.bulk_create(entries, batch_size=1000)
    for centre in Centre.objects.filter(pk__in=result.selected_ids(), is_incubator=False):
        centre_update(centre=centre, is_incubator=True)
    return selection


def round_weight(weight: float) -> float:
    return round(float(weight), 4)


@transaction.atomic
def instrument_create_default() -> Instrument:
    """Write and publish the default instrument of ``defaults.py`` (a new version if one exists)."""
    from . import defaults

    instrument = instrument_create(name=defaults.DEFAULT_NAME, description=defaults.DEFAULT_DESCRIPTION)
    dimensions: dict[str, Dimension] = {}
    for order, (code, name, weight, indicators) in enumerate(defaults.DIMENSIONS, start=1):
        dimension = dimension_create(instrument=instrument, code=code, name=name, weight=weight, order=order)
        dimensions[code] = dimension
        for position, (i_code, question, kind, i_weight, evidence) in enumerate(indicators, start=1):
            indicator_create(
                dimension=dimension,
                code=i_code,
                question=question,
                kind=kind,
                scale_min=0 if kind == "yes_no" else 1,
                scale_max=1 if kind == "yes_no" else 5,
                weight=i_weight,
                evidence_required=evidence,
                order=position,
            )
    for code, label, rank, min_total, focus, gates in defaults.LEVELS:
        level = cluster_level_create(
            instrument=instrument, code=code, label=label, rank=rank, min_total=min_total, mentoring_focus=focus
        )
        for dimension_code, bar in gates.items():
            gate_set(level=level, dimension=dimensions[dimension_code], min_score=bar)
    return instrument_publish(instrument=instrument)
