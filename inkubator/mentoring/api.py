"""REST API of the mentoring app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: every queryset comes from a selector that starts from
``visible_to``, so a facilitator sees only their assigned centres' records and 404 elsewhere.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from inkubator.api.views import ApiViewMixin, list_schema, retrieve_schema
from inkubator.centres.choices import MentoringFocus

from . import selectors
from .choices import ActionStatus, PlanStatus
from .models import ActionItem, Assignment, Facilitator, Plan, Visit


class FacilitatorSerializer(serializers.ModelSerializer):
    """A facilitator: home regency, skills, capacity. Home coordinates are not served (personal data)."""

    regency = serializers.CharField(source="regency_id")
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Facilitator
        fields = ["id", "name", "regency", "skills", "capacity_centres", "days_per_month", "active"]

    def get_skills(self, obj: Facilitator) -> list[str]:
        return sorted(obj.skills)


class PlanSerializer(serializers.ModelSerializer):
    """A plan with its optimisation figures."""

    class Meta:
        model = Plan
        fields = ["id", "name", "period_start", "period_end", "status", "solved_at", "total_km", "greedy_km"]


class AssignmentSerializer(serializers.ModelSerializer):
    """Who mentors which centre in which plan, with what focus."""

    centre = serializers.CharField(source="plan_centre.centre.code")
    focus = serializers.CharField(source="plan_centre.focus")
    cluster = serializers.CharField(source="plan_centre.cluster")

    class Meta:
        model = Assignment
        fields = ["id", "plan", "centre", "cluster", "focus", "facilitator", "is_manual", "travel_km"]


class VisitSerializer(serializers.ModelSerializer):
    """A visit. The GPS point is not served: it says where a person was."""

    centre = serializers.CharField(source="centre.code")
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = ["id", "centre", "facilitator", "date", "focus", "attendees", "notes", "photos"]

    def get_photos(self, obj: Visit) -> int:
        return len(obj.photos.all())


class ActionItemSerializer(serializers.ModelSerializer):
    """An action item of a centre."""

    centre = serializers.CharField(source="centre.code")

    class Meta:
        model = ActionItem
        fields = ["id", "centre", "focus", "title", "owner", "due_date", "status", "visit"]


class PlanFilter(django_filters.FilterSet):
    """Plans by status."""

    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = Plan
        fields: list[str] = []


class CentreCodeFilter(django_filters.FilterSet):
    """Records of one centre (``centre=<registration code>``) and, where they have one, a focus."""

    centre = django_filters.CharFilter(field_name="centre__code", label=_("Centre registration code"))
    focus = django_filters.ChoiceFilter(choices=MentoringFocus.choices, label=_("Mentoring focus"))


class VisitFilter(CentreCodeFilter):
    class Meta:
        model = Visit
        fields: list[str] = []


class ActionItemFilter(CentreCodeFilter):
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label=_("Status"))

    class Meta:
        model = ActionItem
        fields: list[str] = []


class AssignmentFilter(django_filters.FilterSet):
    """Assignments of a plan or of a facilitator."""

    plan = django_filters.NumberFilter(field_name="plan_id", label=_("Plan id"))
    facilitator = django_filters.NumberFilter(field_name="facilitator_id", label=_("Facilitator id"))

    class Meta:
        model = Assignment
        fields: list[str] = []


@extend_schema_view(
    list=list_schema(FacilitatorSerializer, _("List the facilitators in your scope")),
    retrieve=retrieve_schema(FacilitatorSerializer, _("One facilitator")),
)
class FacilitatorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The mentoring team in the user's scope."""

    serializer_class = FacilitatorSerializer
    ordering_fields = ("name", "capacity_centres")
    ordering = ("name",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Facilitator]:
        return selectors.facilitator_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(PlanSerializer, _("List the mentoring plans in your scope")),
    retrieve=retrieve_schema(PlanSerializer, _("One mentoring plan")),
)
class PlanViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Mentoring plans with a centre in the user's scope."""

    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    ordering_fields = ("period_start", "name")
    ordering = ("-period_start",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Plan]:
        return selectors.plan_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(AssignmentSerializer, _("List the assignments in your scope")),
    retrieve=retrieve_schema(AssignmentSerializer, _("One assignment")),
)
class AssignmentViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Facilitator–centre pairs of plans, within the user's scope."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    ordering_fields = ("plan", "travel_km")
    ordering = ("plan", "pk")
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Assignment]:
        return selectors.assignment_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(VisitSerializer, _("List the mentoring visits in your scope")),
    retrieve=retrieve_schema(VisitSerializer, _("One visit")),
)
class VisitViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Mentoring visits to centres in the user's scope."""

    serializer_class = VisitSerializer
    filterset_class = VisitFilter
    ordering_fields = ("date",)
    ordering = ("-date",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[Visit]:
        return selectors.visit_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(ActionItemSerializer, _("List the action items in your scope")),
    retrieve=retrieve_schema(ActionItemSerializer, _("One action item")),
)
class ActionItemViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Action items of centres in the user's scope."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ("due_date", "status")
    ordering = ("due_date",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[ActionItem]:
        return selectors.action_item_list(user=self.request.user)


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("facilitators", FacilitatorViewSet, basename="facilitator")
    router.register("mentoring-plans", PlanViewSet, basename="mentoring-plan")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("visits", VisitViewSet, basename="visit")
    router.register("action-items", ActionItemViewSet, basename="action-item")
