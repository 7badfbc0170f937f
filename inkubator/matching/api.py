"""REST API of contributions, offers and matches, scoped like the pages.

A partner user sees its own contributions, offers and the matches to them; a centre's people those
of their centre's tenants; an entrepreneur their own matches. No NIK, phone or finances but a
match's outcome figures are served.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.api.filtering import IdFilter

from . import selectors
from .choices import MatchStatus, OfferKind, OfferStatus
from .models import Contribution, Match, Offer


class ContributionSerializer(serializers.ModelSerializer):
    """What a partner gave, to which centre, batch or tenant."""

    centre = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)
    batch = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "partner",
            "kind",
            "title",
            "centre",
            "batch",
            "tenant",
            "regency",
            "value",
            "people",
            "given_on",
        ]


class OfferSerializer(serializers.ModelSerializer):
    """An offer and what a tenant needs to fit it."""

    provinces = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Offer
        fields = [
            "id", "partner", "kind", "title", "description", "status", "buyer", "kbli_prefixes", "volume",
            "scheme", "amount_min", "amount_max", "interest_rate", "collateral", "requirements", "licence_kind",
            "provinces", "stages", "required", "min_months_figures", "min_monthly_revenue", "slots", "closes_on",
        ]  # fmt: skip


class MatchSerializer(serializers.ModelSerializer):
    """A tenant proposed to an offer, where it stands and its outcome."""

    tenant_name = serializers.CharField(source="tenant.display_name")
    business = serializers.CharField(source="tenant.business.name")

    class Meta:
        model = Match
        fields = [
            "id", "tenant", "tenant_name", "business", "offer", "status", "score", "proposed_at", "answered_at",
            "decline_reason", "outcome_on", "deal_value", "loan_amount", "licence_number",
        ]  # fmt: skip


class ContributionFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner_id", label=_("Partner id"))
    centre = django_filters.CharFilter(field_name="centre__code", label=_("Centre registration code"))

    class Meta:
        model = Contribution
        fields: list[str] = []


class OfferFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OfferKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=OfferStatus.choices, label=_("Status"))

    class Meta:
        model = Offer
        fields: list[str] = []


class MatchFilter(django_filters.FilterSet):
    offer = IdFilter(field_name="offer_id", label=_("Offer id"))
    tenant = IdFilter(field_name="tenant_id", label=_("Tenant id"))
    status = django_filters.ChoiceFilter(choices=MatchStatus.choices, label=_("Status"))

    class Meta:
        model = Match
        fields: list[str] = []


class ContributionViewSet(ScopedReadOnlyViewSet):
    """Contributions in scope."""

    selector = selectors.contribution_list
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter
    ordering_fields = ("given_on", "value")
    ordering = ("-given_on",)
    list_summary = _("List the partner contributions in your scope")
    retrieve_summary = _("One contribution")


class OfferViewSet(ScopedReadOnlyViewSet):
    """Offers in scope (published ones for coaches; its own for a partner)."""

    selector = selectors.offer_list
    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    ordering_fields = ("created_at", "closes_on")
    ordering = ("-created_at",)
    list_summary = _("List the offers you may see")
    retrieve_summary = _("One offer")


class MatchViewSet(ScopedReadOnlyViewSet):
    """Matches in scope."""

    selector = selectors.match_list
    serializer_class = MatchSerializer
    filterset_class = MatchFilter
    ordering_fields = ("proposed_at", "score")
    ordering = ("-proposed_at",)
    list_summary = _("List the matches in your scope")
    retrieve_summary = _("One match")


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
    router.register("contributions", ContributionViewSet, basename="contribution")
    router.register("offers", OfferViewSet, basename="offer")
    router.register("matches", MatchViewSet, basename="match")
