"""REST API of the people app: people in the user's scope, NIK and phone masked (read-only).

The full identifiers are never served by the API: a reveal is a deliberate, audited act on the
person's page. Scope is ``visible_to`` (through enrolments): anyone else answers 404.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet

from .models import Person
from .nik import nik_mask
from .phones import phone_mask


class PersonSerializer(serializers.ModelSerializer):
    """A person with NIK and phone masked."""

    nik = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ("id", "nik", "name", "sex", "birth_date", "phone", "regency", "education")

    def get_nik(self, person: Person) -> str:
        return nik_mask(person.nik)

    def get_phone(self, person: Person) -> str:
        return phone_mask(person.phone)


class PersonViewSet(ScopedReadOnlyViewSet):
    """People the user may see, through their enrolments."""

    model = Person
    serializer_class = PersonSerializer
    ordering_fields = ("name", "id")
    ordering = ("id",)
    list_summary = _("List the people in your scope (NIK and phone masked)")
    retrieve_summary = _("One person (NIK and phone masked)")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("people", PersonViewSet, basename="person")
