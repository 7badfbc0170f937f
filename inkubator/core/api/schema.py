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


TOO_LONG = _("The query string is too long.")
NO_NUL = "^[^\\x00]*$"  # what ``check_query_values`` refuses, said in the schema
THROTTLED = _("Too many requests: wait as long as the Retry-After header says.")


def _error_response(description: Any) -> dict[str, Any]:
    return {
        "description": str(description),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _blank_or(schema: dict[str, Any]) -> None:
    """A string with a ``format`` that may also be blank (``Centre.email = ""``): say both."""
    fmt = schema.pop("format")
    schema["anyOf"] = [{"format": fmt}, {"maxLength": 0}]


def document_common_answers(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing: what every operation may answer besides its own results.

    * 400 (a bad parameter), 414 (an over-long query string, ``core.middleware``) and 429 (throttled)
      on every operation, with the ``Error`` body;
    * every string query parameter's ``maxLength`` (``core.api.filtering.MAX_VALUE_LENGTH``) and that
      it holds no NUL character;
    * an e-mail or URL that may be blank (our models keep ``""`` for "none") as "format or empty".
    """
    from .filtering import MAX_VALUE_LENGTH

    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", {"type": "object", "properties": {"detail": {"type": "string", "readOnly": True}},
                                 "required": ["detail"]})  # fmt: skip
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "400",
                {
                    "description": str(_("A parameter is invalid: messages by parameter.")),
                    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {}}}},
                },
            )
            responses.setdefault("414", _error_response(TOO_LONG))
            responses.setdefault("429", _error_response(THROTTLED))
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and schema.get("type") == "string" and "enum" not in schema:
                    schema.setdefault("maxLength", MAX_VALUE_LENGTH)
                    schema.setdefault("pattern", NO_NUL)
    for component in schemas.values():
        for prop in component.get("properties", {}).values():
            if prop.get("type") == "string" and prop.get("format") in ("email", "uri"):
                _blank_or(prop)
    return result
