"""REST API of the incubation app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: every queryset starts from ``visible_to``, so an entrepreneur
sees only their own tenant record and its figures, an incubator its own tenants. A single business's
figures are served only to the roles that see them on the pages (not coordinators, never partners).
No NIK, phone or address is served.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from inkubator.api.views import ApiViewMixin, list_schema, retrieve_schema

from . import selectors
from .choices import Stage
from .models import CoachingAction, CoachingSession, MonthlyReport, StageMove, Tenant
from .permissions import can_see_finances


class TenantSerializer(serializers.ModelSerializer):
    """A tenant with their business, incubator and stage."""

    name = serializers.CharField(source="person.name")
    business = serializers.CharField(source="business.name")
    sector = serializers.CharField(source="business.sector")
    kbli_code = serializers.CharField(source="business.kbli_code")
    incubator = serializers.SerializerMethodField()
    regency = serializers.CharField(source="regency_id")

    class Meta:
        model = Tenant
        fields = [
            "id", "name", "business", "sector", "kbli_code", "incubator", "venue_name", "regency",
            "source_programme", "stage", "joined_on",
        ]  # fmt: skip

    def get_incubator(self, obj: Tenant) -> str | None:
        return obj.incubator.code if obj.incubator_id else None


class StageMoveSerializer(serializers.ModelSerializer):
    """One move of a tenant between stages."""

    class Meta:
        model = StageMove
        fields = ["id", "tenant", "from_stage", "to_stage", "moved_at", "reason"]


class CoachingActionSerializer(serializers.ModelSerializer):
    """An action agreed in a session."""

    class Meta:
        model = CoachingAction
        fields = ["id", "text", "due_on", "done_on"]


class CoachingSessionSerializer(serializers.ModelSerializer):
    """A coaching session with its agreed actions."""

    actions = CoachingActionSerializer(many=True, read_only=True)
    coach = serializers.CharField(source="coach.get_full_name")

    class Meta:
        model = CoachingSession
        fields = ["id", "tenant", "date", "coach", "topic", "notes", "actions"]


class MonthlyReportSerializer(serializers.ModelSerializer):
    """A tenant's figures of one month."""

    class Meta:
        model = MonthlyReport
        fields = ["id", "tenant", "month", "revenue", "costs", "workers", "customers", "reported_at", "late"]


class TenantFilter(django_filters.FilterSet):
    """Tenants of one incubator (``incubator=<code>``) or in one stage."""

    incubator = django_filters.CharFilter(field_name="incubator__code", label=_("Incubator registration code"))
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))

    class Meta:
        model = Tenant
        fields: list[str] = []


class TenantRecordFilter(django_filters.FilterSet):
    """Records of one tenant (``tenant=<id>``)."""

    tenant = django_filters.NumberFilter(field_name="tenant_id", label=_("Tenant id"))


class StageMoveFilter(TenantRecordFilter):
    class Meta:
        model = StageMove
        fields: list[str] = []


class SessionFilter(TenantRecordFilter):
    class Meta:
        model = CoachingSession
        fields: list[str] = []


class ReportFilter(TenantRecordFilter):
    class Meta:
        model = MonthlyReport
        fields: list[str] = []


@extend_schema_view(
    list=list_schema(TenantSerializer, _("List the tenants in your scope")),
    retrieve=retrieve_schema(TenantSerializer, _("One tenant")),
)
class TenantViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Tenants in the user's scope (an entrepreneur: their own)."""

    serializer_class = TenantSerializer
    filterset_class = TenantFilter
    ordering_fields = ("joined_on", "stage")
    ordering = ("-joined_on",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet:
        return selectors.tenant_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(StageMoveSerializer, _("List the stage moves in your scope")),
    retrieve=retrieve_schema(StageMoveSerializer, _("One stage move")),
)
class StageMoveViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Stage moves of tenants in the user's scope."""

    serializer_class = StageMoveSerializer
    filterset_class = StageMoveFilter
    ordering_fields = ("moved_at",)
    ordering = ("-moved_at",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[StageMove]:
        return StageMove.objects.visible_to(self.request.user)


@extend_schema_view(
    list=list_schema(CoachingSessionSerializer, _("List the coaching sessions in your scope")),
    retrieve=retrieve_schema(CoachingSessionSerializer, _("One coaching session")),
)
class CoachingSessionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Coaching sessions with tenants in the user's scope."""

    serializer_class = CoachingSessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ("date",)
    ordering = ("-date",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[CoachingSession]:
        return CoachingSession.objects.visible_to(self.request.user).select_related("coach").prefetch_related("actions")


@extend_schema_view(
    list=list_schema(MonthlyReportSerializer, _("List the monthly figures you may see")),
    retrieve=retrieve_schema(MonthlyReportSerializer, _("One month's figures")),
)
class MonthlyReportViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Monthly figures of tenants in scope, for the roles that see a single business's finances."""

    serializer_class = MonthlyReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ("month",)
    ordering = ("-month",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[MonthlyReport]:
        reports = MonthlyReport.objects.visible_to(self.request.user)
        return reports if can_see_finances(self.request.user) else reports.none()


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("tenants", TenantViewSet, basename="tenant")
    router.register("stage-moves", StageMoveViewSet, basename="stage-move")
    router.register("coaching-sessions", CoachingSessionViewSet, basename="coaching-session")
    router.register("monthly-figures", MonthlyReportViewSet, basename="monthly-figure")
