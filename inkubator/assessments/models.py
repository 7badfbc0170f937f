"""Assessment of centres: versioned instruments, rounds, scored assessments, clusters and selections.

An ``Instrument`` version holds ``Dimension``s of ``Indicator``s and a cluster scheme of
``ClusterLevel``s with their ``Gate``s: the scheme is data, so a new scheme is a new version. A
published version never changes (``services`` refuses), so an ``Assessment`` scored on it keeps
its meaning. A ``Round`` assesses centres with one published version; each ``Assessment`` (one
per centre and round) has an assessor, ``Answer``s, ``Evidence`` files and, once submitted, a
snapshot of its scores and cluster. A ``Selection`` ranks a round's centres under the ministry's
constraints and records who was selected (``SelectionEntry``) and why.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.centres.choices import MentoringFocus
from inkubator.core.scoping import Scope, ScopedManager
from inkubator.core.uploads import validate_document

from .choices import (
    AssessmentStatus,
    IndicatorKind,
    InstrumentStatus,
    RoundStatus,
    SelectionMethod,
    SelectionReason,
)

WEIGHT = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0.01"))]}
SCORE = {"max_digits": 5, "decimal_places": 2, "validators": [MinValueValidator(0), MaxValueValidator(100)]}


class Instrument(models.Model):
    """One version of an assessment instrument (pra-identifikasi): dimensions, indicators, cluster scheme.

    Only ministry administrators manage instruments (an empty ``Scope``); assessors read the
    version of their round through the assessment they may see.
    """

    Status = InstrumentStatus

    name = models.CharField(_("name"), max_length=150)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=InstrumentStatus.choices, default="draft")
    description = models.TextField(_("description"), blank=True)
    based_on = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("based on version")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("assessment instrument")
        verbose_name_plural = _("assessment instruments")
        constraints = [
            models.UniqueConstraint(
                "name",
                "version",
                name="instrument_version_once",
                violation_error_message=_("This version of the instrument already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == InstrumentStatus.DRAFT


class Dimension(models.Model):
    """A dimension of an instrument (e.g. governance, tata kelola), weighted in the total score."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="dimensions", verbose_name=_("instrument"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    weight = models.DecimalField(_("weight"), default=Decimal("1"), **WEIGHT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(
                "instrument",
                "code",
                name="dimension_code_once",
                violation_error_message=_("The instrument already has a dimension with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A question of a dimension, answered on a scale or yes/no, weighted within its dimension."""

    Kind = IndicatorKind

    dimension = models.ForeignKey(Dimension, models.CASCADE, related_name="indicators", verbose_name=_("dimension"))
    code = models.SlugField(_("code"), max_length=40)
    question = models.CharField(_("question"), max_length=300)
    guidance = models.CharField(_("guidance"), max_length=500, blank=True)
    kind = models.CharField(_("answer type"), max_length=10, choices=IndicatorKind.choices, default="scale")
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    weight = models.DecimalField(_("weight"), default=Decimal("1"), **WEIGHT)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["dimension__order", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                "dimension",
                "code",
                name="indicator_code_once",
                violation_error_message=_("The dimension already has an indicator with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.question}"

    def clean(self) -> None:
        """A yes/no indicator is 0..1; a scale needs at least two points."""
        if self.kind == IndicatorKind.YES_NO:
            self.scale_min, self.scale_max = 0, 1
        elif self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": _("The highest value must be above the lowest value.")})


class ClusterLevel(models.Model):
    """A cluster of an instrument's scheme (binaan, berdaya, mandiri …), reached at a minimum total score."""

    instrument = models.ForeignKey(
        Instrument, models.CASCADE, related_name="cluster_levels", verbose_name=_("instrument")
    )
    code = models.SlugField(_("code"), max_length=20)
    label = models.CharField(_("name"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 for the lowest cluster."))
    min_total = models.DecimalField(_("minimum total score"), **SCORE)
    mentoring_focus = models.CharField(_("mentoring focus"), max_length=20, choices=MentoringFocus.choices)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("cluster level")
        verbose_name_plural = _("cluster levels")
        constraints = [
            models.UniqueConstraint(
                "instrument",
                "code",
                name="cluster_code_once",
                violation_error_message=_("The scheme already has a cluster with this code."),
            ),
            models.UniqueConstraint(
                "instrument",
                "rank",
                name="cluster_rank_once",
                violation_error_message=_("The scheme already has a cluster with this rank."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Gate(models.Model):
    """A cluster's condition on one dimension: e.g. mandiri needs governance of at least 70."""

    level = models.ForeignKey(ClusterLevel, models.CASCADE, related_name="gates", verbose_name=_("cluster"))
    dimension = models.ForeignKey(Dimension, models.CASCADE, related_name="+", verbose_name=_("dimension"))
    min_score = models.DecimalField(_("minimum dimension score"), **SCORE)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["level__rank", "dimension__order"]
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        constraints = [
            models.UniqueConstraint(
                "level",
                "dimension",
                name="gate_once",
                violation_error_message=_("The cluster already has a gate on this dimension."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.level}: {self.dimension} ≥ {self.min_score}"

    def clean(self) -> None:
        if self.level_id and self.dimension_id and self.level.instrument_id != self.dimension.instrument_id:
            raise ValidationError({"dimension": _("The dimension belongs to another instrument.")})


class Round(models.Model):
    """An assessment round: a period, a published instrument version, and the centres assessed in it.

    Coordinators and facilitators see a round that holds a centre of their scope.
    """

    Status = RoundStatus

    name = models.CharField(_("name"), max_length=150, unique=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    instrument = models.ForeignKey(
        Instrument, models.PROTECT, related_name="rounds", verbose_name=_("instrument version")
    )
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default="draft")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(region="assessments__centre__regency", centre="assessments__centre", distinct=True)
    objects = ScopedManager()

    class Meta:
        ordering = ["-period_end", "name"]
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})
        if self.instrument_id and self.instrument.status != InstrumentStatus.PUBLISHED and self._state.adding:
            raise ValidationError({"instrument": _("A round uses a published instrument version.")})


class Assessment(models.Model):
    """One centre's assessment in a round: its assessor, answers and (once submitted) scores and cluster.

    The scores, cluster and explanation are a snapshot computed at submission and again at
    verification from the round's instrument version, so they never drift when a new version appears.
    """

    Status = AssessmentStatus

    round = models.ForeignKey(Round, models.PROTECT, related_name="assessments", verbose_name=_("round"))
    # A centre struck from the register takes its assessments along (the audit trail keeps them);
    # users are deactivated rather than deleted, and a deleted one leaves the record without a name.
    centre = models.ForeignKey("centres.Centre", models.CASCADE, related_name="assessments", verbose_name=_("centre"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_to_do",
        verbose_name=_("assessor"),
    )
    status = models.CharField(_("status"), max_length=10, choices=AssessmentStatus.choices, default="assigned")
    dimension_scores = models.JSONField(_("dimension scores"), default=dict, blank=True)
    total_score = models.DecimalField(_("total score"), null=True, blank=True, **SCORE)
    cluster_code = models.CharField(_("cluster"), max_length=20, blank=True)
    cluster_rank = models.PositiveSmallIntegerField(_("cluster rank"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    comment = models.TextField(_("verifier's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["round", "centre__code"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                "round",
                "centre",
                name="assessment_once_per_round",
                violation_error_message=_("The centre is already in this round."),
            )
        ]
        indexes = [models.Index(fields=["round", "status"]), models.Index(fields=["assessor", "status"])]

    def __str__(self) -> str:
        return f"{self.round} · {self.centre_id}"

    @property
    def is_editable(self) -> bool:
        """Whether answers may still change (the assessor's turn)."""
        return self.status in (AssessmentStatus.ASSIGNED, AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)

    @property
    def is_scored(self) -> bool:
        return self.total_score is not None


class Answer(models.Model):
    """The value an assessor gave one indicator, with a note."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="answers", verbose_name=_("assessment"))
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="+", verbose_name=_("indicator"))
    value = models.SmallIntegerField(_("value"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    scope = Scope(region="assessment__centre__regency", centre="assessment__centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["indicator__dimension__order", "indicator__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                "assessment",
                "indicator",
                name="answer_once",
                violation_error_message=_("This indicator is already answered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"

    def clean(self) -> None:
        if self.indicator_id and self.value is not None:
            low, high = self.indicator.scale_min, self.indicator.scale_max
            if not low <= self.value <= high:
                raise ValidationError(
                    {"value": _("Give a value from %(low)s to %(high)s.") % {"low": low, "high": high}}
                )


class Evidence(models.Model):
    """A document or photo supporting an answer (a decree, an operating licence, a photo of equipment)."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="evidence", verbose_name=_("assessment"))
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="+", verbose_name=_("indicator"))
    file = models.FileField(_("file"), upload_to="assessments/evidence/%Y/", validators=[validate_document])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    scope = Scope(region="assessment__centre__regency", centre="assessment__centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["indicator__order", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]


class Selection(models.Model):
    """A recorded incubator selection for a round: the constraints, the method, who decided and when.

    A ministry decision: only ministry administrators see selections; each centre's own entry is
    visible to those who see the centre.
    """

    Method = SelectionMethod

    round = models.ForeignKey(Round, models.PROTECT, related_name="selections", verbose_name=_("round"))
    count = models.PositiveSmallIntegerField(_("centres to select"), validators=[MinValueValidator(1)])
    min_cluster = models.CharField(_("minimum cluster"), max_length=20, blank=True)
    max_per_province = models.PositiveSmallIntegerField(_("maximum per province"), null=True, blank=True)
    min_per_host = models.JSONField(_("minimum per host type"), default=dict, blank=True)
    method = models.CharField(_("ranking method"), max_length=10, choices=SelectionMethod.choices)
    weights = models.JSONField(_("dimension weights"), default=dict)
    note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("incubator selection")
        verbose_name_plural = _("incubator selections")

    def __str__(self) -> str:
        return f"{self.round} · {self.decided_at:%Y-%m-%d}"


class SelectionEntry(models.Model):
    """One candidate of a selection: rank, scores, whether selected and why."""

    selection = models.ForeignKey(Selection, models.CASCADE, related_name="entries", verbose_name=_("selection"))
    centre = models.ForeignKey("centres.Centre", models.CASCADE, related_name="+", verbose_name=_("centre"))
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("weighted score"), null=True, blank=True, **SCORE)
    topsis = models.DecimalField(_("TOPSIS closeness"), max_digits=6, decimal_places=4, null=True, blank=True)
    selected = models.BooleanField(_("selected"), default=False)
    reason = models.CharField(_("reason"), max_length=24, choices=SelectionReason.choices)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["selection", "rank"]
        verbose_name = _("selection entry")
        verbose_name_plural = _("selection entries")
        constraints = [models.UniqueConstraint("selection", "centre", name="selection_entry_once")]

    def __str__(self) -> str:
        return f"{self.centre_id}: {self.reason}"
