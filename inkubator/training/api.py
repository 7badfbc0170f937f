"""REST API of the training app: batches, enrolments and outcomes, read-only and scoped.

Each endpoint's queryset starts from ``visible_to``: another centre's batch, trainee or outcome is
absent and answers 404. Enrolments name their person by record number and masked NIK only.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import YearFilter
from inkubator.people.nik import nik_mask

from .choices import EnrollmentStatus, OutcomeStatus, OutcomeWave
from .models import Enrollment, Outcome, TrainingBatch
from .selectors import batch_list


class BatchSerializer(serializers.ModelSerializer):
    """A training batch with its venue, field and fill."""

    centre = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    field = serializers.SlugRelatedField(slug_field="code", read_only=True)
    trainees = serializers.IntegerField(read_only=True)
    graduates = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingBatch
        fields = (
            "id", "code", "venue_kind", "centre", "venue_name", "regency", "field", "start_date", "end_date",
            "hours", "quota", "funding", "trainees", "graduates",
        )  # fmt: skip


class EnrollmentSerializer(serializers.ModelSerializer):
    """A trainee in a batch; the person by record number, name and masked NIK."""

    batch = serializers.SlugRelatedField(slug_field="code", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    person_nik = serializers.SerializerMethodField()

    class Meta:
        model = Enrollment
        fields = ("id", "batch", "person", "person_name", "person_nik", "status", "attendance")

    def get_person_nik(self, enrollment: Enrollment) -> str:
        return nik_mask(enrollment.person.nik)


class OutcomeSerializer(serializers.ModelSerializer):
    """A tracer survey answer (employer and business shown: aggregate use only outside the centre)."""

    class Meta:
        model = Outcome
        fields = ("id", "enrollment", "wave", "status", "employer", "sector", "wage_band", "business_name",
                  "wants_incubation", "surveyed_at")  # fmt: skip


class BatchFilter(django_filters.FilterSet):
    centre = django_filters.CharFilter(field_name="centre__code", label=_("Centre registration code"))
    field = django_filters.CharFilter(field_name="field__code", label=_("Vocational field code, e.g. tik"))
    year = YearFilter(field_name="start_date__year", label=_("Year the batch started"))

    class Meta:
        model = TrainingBatch
        fields: list[str] = []


class EnrollmentFilter(django_filters.FilterSet):
    batch = django_filters.CharFilter(field_name="batch__code", label=_("Batch code"))
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices, label=_("Status"))

    class Meta:
        model = Enrollment
        fields: list[str] = []


class OutcomeFilter(django_filters.FilterSet):
    wave = django_filters.ChoiceFilter(choices=OutcomeWave.choices, label=_("Survey wave"))
    status = django_filters.ChoiceFilter(choices=OutcomeStatus.choices, label=_("Outcome"))
    batch = django_filters.CharFilter(field_name="enrollment__batch__code", label=_("Batch code"))

    class Meta:
        model = Outcome
        fields: list[str] = []


class BatchViewSet(ScopedReadOnlyViewSet):
    """Training batches the user may see."""

    selector = batch_list
    serializer_class = BatchSerializer
    filterset_class = BatchFilter
    ordering_fields = ("start_date", "code")
    ordering = ("-start_date", "id")
    list_summary = _("List the training batches in your scope")
    retrieve_summary = _("One training batch")


class EnrollmentViewSet(ScopedReadOnlyViewSet):
    """Enrolments the user may see."""

    model = Enrollment
    select_related = ("batch", "person")
    serializer_class = EnrollmentSerializer
    filterset_class = EnrollmentFilter
    ordering_fields = ("id",)
    ordering = ("id",)
    list_summary = _("List the enrolments in your scope")
    retrieve_summary = _("One enrolment")


class OutcomeViewSet(ScopedReadOnlyViewSet):
    """Tracer outcomes the user may see."""

    model = Outcome
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    ordering_fields = ("surveyed_at", "id")
    ordering = ("id",)
    list_summary = _("List the tracer outcomes in your scope")
    retrieve_summary = _("One tracer outcome")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("training-batches", BatchViewSet, basename="training-batch")
    router.register("enrolments", EnrollmentViewSet, basename="enrolment")
    router.register("tracer-outcomes", OutcomeViewSet, basename="tracer-outcome")
