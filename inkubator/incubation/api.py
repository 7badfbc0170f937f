"""REST API of the incubation app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: every queryset starts from ``visible_to``, so an entrepreneur
sees only their own tenant record and its figures, an incubator its own tenants. A single business's
figures are served only to the roles that see them on the pages (not coordinators, never partners).
No NIK, phone or address is served.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import IdFilter
from inkubator.core.api.rows import Column

from . import selectors
from .choices import Stage
from .models import CoachingAction, CoachingSession, MonthlyReport, StageMove, Tenant


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

    tenant = IdFilter(field_name="tenant_id", label=_("Tenant id"))


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


class TenantViewSet(ScopedReadOnlyViewSet):
    """Tenants in the user's scope (an entrepreneur: their own)."""

    selector = selectors.tenant_list
    serializer_class = TenantSerializer
    list_columns = {"incubator": Column(("incubator__code",))}  # get_incubator: None without an incubator
    filterset_class = TenantFilter
    ordering_fields = ("joined_on", "stage")
    ordering = ("-joined_on",)
    list_summary = _("List the tenants in your scope")
    retrieve_summary = _("One tenant")


class StageMoveViewSet(ScopedReadOnlyViewSet):
    """Stage moves of tenants in the user's scope."""

    model = StageMove
    serializer_class = StageMoveSerializer
    filterset_class = StageMoveFilter
    ordering_fields = ("moved_at",)
    ordering = ("-moved_at",)
    list_summary = _("List the stage moves in your scope")
    retrieve_summary = _("One stage move")


class CoachingSessionViewSet(ScopedReadOnlyViewSet):
    """Coaching sessions with tenants in the user's scope."""

    model = CoachingSession
    select_related = ("coach",)
    prefetch_related = ("actions",)
    serializer_class = CoachingSessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ("date",)
    ordering = ("-date",)
    list_summary = _("List the coaching sessions in your scope")
    retrieve_summary = _("One coaching session")


class MonthlyReportViewSet(ScopedReadOnlyViewSet):
    """Monthly figures of tenants in scope, for the roles that see a single business's finances."""

    selector = selectors.monthly_report_list
    serializer_class = MonthlyReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ("month",)
    ordering = ("-month",)
    list_summary = _("List the monthly figures you may see")
    retrieve_summary = _("One month's figures")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("tenants", TenantViewSet, basename="tenant")
    router.register("stage-moves", StageMoveViewSet, basename="stage-move")
    router.register("coaching-sessions", CoachingSessionViewSet, basename="coaching-session")
    router.register("monthly-figures", MonthlyReportViewSet, basename="monthly-figure")
