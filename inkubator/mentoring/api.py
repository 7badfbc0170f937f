"""REST API of the mentoring app, registered on the v1 router by ``inkubator.api.urls``.

Read-only and scoped like the pages: every queryset comes from a selector that starts from
``visible_to``, so a facilitator sees only their assigned centres' records and 404 elsewhere.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.centres.choices import MentoringFocus
from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import IdFilter
from inkubator.core.api.rows import Column

from . import selectors
from .choices import SKILL_FIELDS, ActionStatus, PlanStatus
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


def _skills_of(*ticked: bool) -> list[str]:
    """``FacilitatorSerializer.get_skills`` from the skill columns, in ``SKILL_FIELDS`` order."""
    return sorted(focus for focus, tick in zip(SKILL_FIELDS, ticked, strict=True) if tick)


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

    plan = IdFilter(field_name="plan_id", label=_("Plan id"))
    facilitator = IdFilter(field_name="facilitator_id", label=_("Facilitator id"))

    class Meta:
        model = Assignment
        fields: list[str] = []


class FacilitatorViewSet(ScopedReadOnlyViewSet):
    """The mentoring team in the user's scope."""

    selector = selectors.facilitator_list
    serializer_class = FacilitatorSerializer
    list_columns = {"skills": Column(tuple(SKILL_FIELDS.values()), _skills_of)}
    ordering_fields = ("name", "capacity_centres")
    ordering = ("name",)
    list_summary = _("List the facilitators in your scope")
    retrieve_summary = _("One facilitator")


class PlanViewSet(ScopedReadOnlyViewSet):
    """Mentoring plans with a centre in the user's scope."""

    selector = selectors.plan_list
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    ordering_fields = ("period_start", "name")
    ordering = ("-period_start",)
    list_summary = _("List the mentoring plans in your scope")
    retrieve_summary = _("One mentoring plan")


class AssignmentViewSet(ScopedReadOnlyViewSet):
    """Facilitator–centre pairs of plans, within the user's scope."""

    selector = selectors.assignment_list
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    ordering_fields = ("plan", "travel_km")
    ordering = ("plan", "pk")
    list_summary = _("List the assignments in your scope")
    retrieve_summary = _("One assignment")


class VisitViewSet(ScopedReadOnlyViewSet):
    """Mentoring visits to centres in the user's scope."""

    selector = selectors.visit_list
    serializer_class = VisitSerializer
    filterset_class = VisitFilter
    ordering_fields = ("date",)
    ordering = ("-date",)
    list_summary = _("List the mentoring visits in your scope")
    retrieve_summary = _("One visit")


class ActionItemViewSet(ScopedReadOnlyViewSet):
    """Action items of centres in the user's scope."""

    selector = selectors.action_item_list
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ("due_date", "status")
    ordering = ("due_date",)
    list_summary = _("List the action items in your scope")
    retrieve_summary = _("One action item")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("facilitators", FacilitatorViewSet, basename="facilitator")
    router.register("mentoring-plans", PlanViewSet, basename="mentoring-plan")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("visits", VisitViewSet, basename="visit")
    router.register("action-items", ActionItemViewSet, basename="action-item")
