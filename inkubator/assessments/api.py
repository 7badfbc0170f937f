"""REST API of the assessments app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: instruments and selections are the ministry's (others get
empty lists and 404s); rounds, assessments and results follow ``visible_to``.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.centres.choices import MentoringFocus
from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import IdFilter

from . import selectors
from .models import Assessment, ClusterLevel, Dimension, Gate, Indicator, Instrument, Round, Selection, SelectionEntry


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ("code", "question", "kind", "scale_min", "scale_max", "weight", "evidence_required")


class DimensionSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ("code", "name", "weight", "indicators")


class GateSerializer(serializers.ModelSerializer):
    dimension = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gate
        fields = ("dimension", "min_score")


class ClusterLevelSerializer(serializers.ModelSerializer):
    gates = GateSerializer(many=True, read_only=True)
    # Named "focus" as in the mentoring API, so that the schema has one enum of mentoring foci.
    focus = serializers.ChoiceField(source="mentoring_focus", choices=MentoringFocus.choices, read_only=True)

    class Meta:
        model = ClusterLevel
        fields = ("code", "label", "rank", "min_total", "focus", "gates")


class InstrumentSerializer(serializers.ModelSerializer):
    dimensions = DimensionSerializer(many=True, read_only=True)
    cluster_levels = ClusterLevelSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = ("id", "name", "version", "status", "published_at", "dimensions", "cluster_levels")


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ("id", "name", "period_start", "period_end", "instrument", "status")


class AssessmentSerializer(serializers.ModelSerializer):
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assessor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Assessment
        fields = (
            "id",
            "round",
            "centre",
            "assessor",
            "status",
            "total_score",
            "dimension_scores",
            "cluster_code",
            "submitted_at",
            "verified_at",
        )


class ResultSerializer(serializers.ModelSerializer):
    """A verified result: scores, cluster and the explanation of what holds the centre back."""

    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Assessment
        fields = (
            "id",
            "round",
            "centre",
            "total_score",
            "dimension_scores",
            "cluster_code",
            "explanation",
            "verified_at",
        )


class SelectionEntrySerializer(serializers.ModelSerializer):
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SelectionEntry
        fields = ("centre", "rank", "score", "topsis", "selected", "reason")


class SelectionSerializer(serializers.ModelSerializer):
    entries = SelectionEntrySerializer(many=True, read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Selection
        fields = (
            "id",
            "round",
            "count",
            "min_cluster",
            "max_per_province",
            "min_per_host",
            "method",
            "weights",
            "decided_by",
            "decided_at",
            "entries",
        )


class AssessmentFilter(django_filters.FilterSet):
    """Assessments of one round (``round=<id>``), in one state or cluster."""

    # An id, not a choice among rounds: an unknown round lists nothing rather than answering 400.
    round = IdFilter(field_name="round_id", label=_("Round id"))

    class Meta:
        model = Assessment
        fields = ("status", "cluster_code")


class ResultFilter(AssessmentFilter):
    """Verified results of one round or cluster."""

    class Meta:
        model = Assessment
        fields = ("cluster_code",)


class InstrumentViewSet(ScopedReadOnlyViewSet):
    """Instrument versions with dimensions, indicators and the cluster scheme (ministry administrators)."""

    model = Instrument
    prefetch_related = ("dimensions__indicators", "cluster_levels__gates__dimension")
    serializer_class = InstrumentSerializer
    ordering_fields = ("name", "version")
    ordering = ("name", "version")
    list_summary = _("List assessment instrument versions")
    retrieve_summary = _("One instrument version")


class RoundViewSet(ScopedReadOnlyViewSet):
    """Rounds that hold a centre of the user's scope."""

    model = Round
    serializer_class = RoundSerializer
    filterset_fields = ("status",)
    ordering_fields = ("period_end", "name")
    ordering = ("-period_end",)
    list_summary = _("List the assessment rounds in your scope")
    retrieve_summary = _("One assessment round")


class AssessmentViewSet(ScopedReadOnlyViewSet):
    """Assessments of the centres in the user's scope, in every state."""

    model = Assessment
    select_related = ("centre", "assessor")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    ordering_fields = ("total_score", "updated_at")
    ordering = ("pk",)
    list_summary = _("List the assessments in your scope")
    retrieve_summary = _("One assessment")


class ResultViewSet(ScopedReadOnlyViewSet):
    """Verified assessments: scores, cluster and explanation."""

    selector = selectors.result_list
    select_related = ("centre",)
    serializer_class = ResultSerializer
    filterset_class = ResultFilter
    ordering_fields = ("total_score", "verified_at")
    ordering = ("pk",)
    list_summary = _("List the verified results in your scope")
    retrieve_summary = _("One verified result")


class SelectionViewSet(ScopedReadOnlyViewSet):
    """Recorded incubator selections (ministry administrators)."""

    model = Selection
    select_related = ("decided_by",)
    prefetch_related = ("entries__centre",)
    serializer_class = SelectionSerializer
    ordering_fields = ("decided_at",)
    ordering = ("-decided_at",)
    list_summary = _("List incubator selections")
    retrieve_summary = _("One incubator selection with every candidate")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("assessment-instruments", InstrumentViewSet, basename="assessment-instrument")
    router.register("assessment-rounds", RoundViewSet, basename="assessment-round")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("assessment-results", ResultViewSet, basename="assessment-result")
    router.register("incubator-selections", SelectionViewSet, basename="incubator-selection")
