"""Read-only representations of the register for the API (``api.py``).

Only what is not personal data goes out: a centre's phone and e-mail are institutional, its contact
person is a role-holder's name published with the centre; staff and a host institution's contact
details (often a private mobile number) are not exposed here.
"""

from __future__ import annotations

from rest_framework import serializers

from inkubator.regions.serializers import RegionRefSerializer

from .choices import Cluster, Religion
from .models import LATITUDE_RANGE, LONGITUDE_RANGE, Centre, CentreField, HostInstitution, VocationalField


class HostSummarySerializer(serializers.ModelSerializer):
    """The host institution of a centre, in brief."""

    class Meta:
        model = HostInstitution
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class CentreFieldSerializer(serializers.ModelSerializer):
    """A vocational field a centre offers, with its capacity per batch."""

    code = serializers.CharField(source="field.code", read_only=True)
    name = serializers.CharField(source="field.name", read_only=True)

    class Meta:
        model = CentreField
        fields = ["code", "name", "capacity"]
        read_only_fields = fields


class CentreSerializer(serializers.ModelSerializer):
    """A centre (BLK Komunitas) of the register, with its host, regions and fields."""

    host = HostSummarySerializer(read_only=True)
    province = RegionRefSerializer(read_only=True)
    regency = RegionRefSerializer(read_only=True)
    district = serializers.CharField(source="district_id", read_only=True, allow_null=True)
    village = serializers.CharField(source="village_id", read_only=True, allow_null=True)
    latitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=LATITUDE_RANGE[0],
        max_value=LATITUDE_RANGE[1],
        coerce_to_string=False,
        allow_null=True,
        read_only=True,
    )
    longitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=LONGITUDE_RANGE[0],
        max_value=LONGITUDE_RANGE[1],
        coerce_to_string=False,
        allow_null=True,
        read_only=True,
    )
    # Blank until an assessment places the centre in a cluster.
    cluster = serializers.ChoiceField(choices=Cluster.choices, allow_blank=True, read_only=True)
    fields = CentreFieldSerializer(source="centre_fields", many=True, read_only=True)

    class Meta:
        model = Centre
        fields = [
            "code",
            "name",
            "host",
            "province",
            "regency",
            "district",
            "village",
            "latitude",
            "longitude",
            "cohort_year",
            "status",
            "cluster",
            "is_incubator",
            "fields",
            "contact_person",
            "phone",
            "email",
            "updated_at",
        ]
        read_only_fields = fields


class HostInstitutionSerializer(serializers.ModelSerializer):
    """A host institution (lembaga pengelola) without its contact person's details."""

    religion = serializers.ChoiceField(choices=Religion.choices, allow_blank=True, read_only=True)
    regency = RegionRefSerializer(read_only=True)
    province = RegionRefSerializer(source="regency.province", read_only=True)

    class Meta:
        model = HostInstitution
        fields = ["id", "name", "kind", "religion", "legal_registration", "regency", "province", "updated_at"]
        read_only_fields = fields


class VocationalFieldSerializer(serializers.ModelSerializer):
    """A vocational field (kejuruan) of the master list."""

    class Meta:
        model = VocationalField
        fields = ["code", "name", "name_en", "active"]
        read_only_fields = fields
