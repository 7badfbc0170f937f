"""REST API of the partner register: partners and their agreements, scoped like the pages.

A partner user sees its own organisation and agreements; the ministry everything; staff the active
register. Contact phones are masked.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import IdFilter
from inkubator.core.masking import mask_identifier

from . import selectors
from .models import Partner, PartnerAgreement


class PartnerSerializer(serializers.ModelSerializer):
    """A partner with the provinces it works in (empty: nationwide)."""

    provinces = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    contact_phone = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = [
            "id", "name", "short_name", "kind", "province", "provinces", "website",
            "contact_name", "contact_email", "contact_phone", "active",
        ]  # fmt: skip

    def get_contact_phone(self, obj: Partner) -> str:
        return mask_identifier(obj.contact_phone)


class PartnerAgreementSerializer(serializers.ModelSerializer):
    """An MoU or PKS of a partner."""

    centre = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = PartnerAgreement
        fields = [
            "id", "partner", "kind", "party", "province", "centre", "number", "title",
            "signed_on", "starts_on", "ends_on", "value", "status",
        ]  # fmt: skip


class PartnerFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices, label=_("Kind"))

    class Meta:
        model = Partner
        fields: list[str] = []


class AgreementFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner_id", label=_("Partner id"))
    status = django_filters.ChoiceFilter(choices=PartnerAgreement.Status.choices, label=_("Status"))

    class Meta:
        model = PartnerAgreement
        fields: list[str] = []


class PartnerViewSet(ScopedReadOnlyViewSet):
    """Partners in scope (a partner user: its own organisation)."""

    selector = selectors.partner_list
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilter
    ordering_fields = ("name",)
    ordering = ("name",)
    list_summary = _("List the partners in your scope")
    retrieve_summary = _("One partner")


class PartnerAgreementViewSet(ScopedReadOnlyViewSet):
    """Agreements in scope."""

    selector = selectors.agreement_list
    serializer_class = PartnerAgreementSerializer
    filterset_class = AgreementFilter
    ordering_fields = ("signed_on", "ends_on")
    ordering = ("-signed_on",)
    list_summary = _("List the partner agreements in your scope")
    retrieve_summary = _("One partner agreement")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("partners", PartnerViewSet, basename="partner")
    router.register("partner-agreements", PartnerAgreementViewSet, basename="partner-agreement")
