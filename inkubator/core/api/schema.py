"""OpenAPI helpers shared by every endpoint: the error body and the answers a read-only action may give.

``manage.py spectacular --validate --fail-on-warn`` must stay clean: every action documents its 401
and 404 (schemathesis checks that undocumented status codes never appear).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """An error answer: what went wrong, in the user's language."""

    detail = serializers.CharField(read_only=True)


UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description=_("No valid token or session."))
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=_("No such object in your scope (or no such page)."))
BAD_FILTER = OpenApiResponse(OpenApiTypes.OBJECT, description=_("A filter value is invalid: messages by parameter."))


def list_schema(serializer: type, summary: Any) -> Any:
    """``extend_schema`` of a list action: the page of results and the errors it may answer."""
    return extend_schema(
        summary=summary, responses={200: serializer, 400: BAD_FILTER, 401: UNAUTHENTICATED, 404: NOT_FOUND}
    )


def retrieve_schema(serializer: type, summary: Any, **kwargs: Any) -> Any:
    """``extend_schema`` of a retrieve action: the object, or 401/404."""
    return extend_schema(summary=summary, responses={200: serializer, 401: UNAUTHENTICATED, 404: NOT_FOUND}, **kwargs)
