"""How the API names a region: its Kemendagri code and name (read-only, shared by every app's API)."""

from __future__ import annotations

from rest_framework import serializers


class RegionRefSerializer(serializers.Serializer):
    """A province or regency/city: its Kemendagri code and name."""

    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
