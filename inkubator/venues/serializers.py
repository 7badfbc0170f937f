"""Read-only representation of a venue for the API: an institution, no personal data."""

from __future__ import annotations

from rest_framework import serializers

from inkubator.regions.serializers import RegionRefSerializer

from .models import Venue


class VenueSerializer(serializers.ModelSerializer):
    """A training venue with its region, coordinates, fields and capacity per intake wave."""

    regency = RegionRefSerializer(read_only=True)
    centre = serializers.CharField(source="centre.code", read_only=True, allow_null=True, default=None)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, coerce_to_string=False, read_only=True)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, coerce_to_string=False, read_only=True)

    class Meta:
        model = Venue
        fields = [
            "code",
            "name",
            "kind",
            "centre",
            "regency",
            "address",
            "latitude",
            "longitude",
            "fields",
            "capacity_per_wave",
            "active",
            "updated_at",
        ]
        read_only_fields = fields
