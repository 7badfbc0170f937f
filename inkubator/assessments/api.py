"""REST API of the assessments app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: instruments and selections are the ministry's (others get
empty lists and 404s); rounds, assessments and results follow ``visible_to``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from inkubator.api.views import ApiViewMixin, list_schema, retrieve_schema
from inkubator.centres.choices import MentoringFocus

from .choices import AssessmentStatus
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


@extend_schema_view(
    list=list_schema(InstrumentSerializer, _("List assessment instrument versions")),
    retrieve=retrieve_schema(InstrumentSerializer, _("One instrument version")),
)
class InstrumentViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Instrument versions with dimensions, indicators and the cluster scheme (ministry administrators)."""

    serializer_class = InstrumentSerializer
    ordering_fields = ("name", "version")
    ordering = ("name", "version")
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Instrument]:
        return Instrument.objects.visible_to(self.request.user).prefetch_related(
            "dimensions__indicators", "cluster_levels__gates__dimension"
        )


@extend_schema_view(
    list=list_schema(RoundSerializer, _("List the assessment rounds in your scope")),
    retrieve=retrieve_schema(RoundSerializer, _("One assessment round")),
)
class RoundViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Rounds that hold a centre of the user's scope."""

    serializer_class = RoundSerializer
    filterset_fields = ("status",)
    ordering_fields = ("period_end", "name")
    ordering = ("-period_end",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Round]:
        return Round.objects.visible_to(self.request.user)


@extend_schema_view(
    list=list_schema(AssessmentSerializer, _("List the assessments in your scope")),
    retrieve=retrieve_schema(AssessmentSerializer, _("One assessment")),
)
class AssessmentViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Assessments of the centres in the user's scope, in every state."""

    serializer_class = AssessmentSerializer
    filterset_fields = ("round", "status", "cluster_code")
    ordering_fields = ("total_score", "updated_at")
    ordering = ("pk",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Assessment]:
        return Assessment.objects.visible_to(self.request.user).select_related("centre", "assessor")


@extend_schema_view(
    list=list_schema(ResultSerializer, _("List the verified results in your scope")),
    retrieve=retrieve_schema(ResultSerializer, _("One verified result")),
)
class ResultViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Verified assessments: scores, cluster and explanation."""

    serializer_class = ResultSerializer
    filterset_fields = ("round", "cluster_code")
    ordering_fields = ("total_score", "verified_at")
    ordering = ("pk",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Assessment]:
        return (
            Assessment.objects.visible_to(self.request.user)
            .filter(status=AssessmentStatus.VERIFIED)
            .select_related("centre")
        )


@extend_schema_view(
    list=list_schema(SelectionSerializer, _("List incubator selections")),
    retrieve=retrieve_schema(SelectionSerializer, _("One incubator selection with every candidate")),
)
class SelectionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Recorded incubator selections (ministry administrators)."""

    serializer_class = SelectionSerializer
    ordering_fields = ("decided_at",)
    ordering = ("-decided_at",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Selection]:
        return (
            Selection.objects.visible_to(self.request.user)
            .prefetch_related("entries__centre")
            .select_related("decided_by")
        )


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("assessment-instruments", InstrumentViewSet, basename="assessment-instrument")
    router.register("assessment-rounds", RoundViewSet, basename="assessment-round")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("assessment-results", ResultViewSet, basename="assessment-result")
    router.register("incubator-selections", SelectionViewSet, basename="incubator-selection")
