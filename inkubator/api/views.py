"""API v1 endpoints: thin read-only viewsets over the scoped selectors of ``selectors.py``.

Every endpoint authenticates by token (``Authorization: Token <key>``) or by the web session, and
requires a signed-in user: without credentials it answers 401 with ``WWW-Authenticate: Token``
(TokenAuthentication comes first so that DRF has a challenge to send). Objects outside the user's
scope are simply absent from the queryset, so they answer 404 like objects that do not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from inkubator.centres.models import Centre, HostInstitution, VocationalField

from .filters import CentreFilter, HostInstitutionFilter, StableOrderingFilter, VocationalFieldFilter
from .pagination import ApiPagination
from .selectors import api_centre_list, api_host_institution_list, api_vocational_field_list
from .serializers import CentreSerializer, ErrorSerializer, HostInstitutionSerializer, VocationalFieldSerializer

# Token first: its ``authenticate_header`` makes unauthenticated requests 401, not 403.
API_AUTHENTICATION = (TokenAuthentication, SessionAuthentication)
API_PERMISSIONS = (IsAuthenticated,)


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


class ApiViewMixin:
    """Authentication, permission, pagination, filtering and caching rules shared by every endpoint."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
    pagination_class = ApiPagination
    filter_backends = (DjangoFilterBackend, StableOrderingFilter)

    def finalize_response(self, request: HttpRequest, response: Response, *args: Any, **kwargs: Any) -> Response:
        """Answers depend on who asks and may name people: no shared or stored copies."""
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        patch_cache_control(response, private=True, no_store=True)
        return response


@extend_schema_view(
    list=list_schema(CentreSerializer, _("List the centres in your scope")),
    retrieve=retrieve_schema(
        CentreSerializer,
        _("One centre by registration code"),
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description=_("Registration code"))],
    ),
)
class CentreViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Centres (BLK Komunitas) the user may see, looked up by registration code."""

    serializer_class = CentreSerializer
    filterset_class = CentreFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    ordering_fields = ("code", "name", "cohort_year", "status", "updated_at", "province", "regency")
    ordering = ("code",)
    ordering_tiebreaker = "code"

    def get_queryset(self) -> QuerySet[Centre]:
        """The user's centres, with everything the serializer reads loaded."""
        return api_centre_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(HostInstitutionSerializer, _("List the host institutions in your scope")),
    retrieve=retrieve_schema(HostInstitutionSerializer, _("One host institution")),
)
class HostInstitutionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Institutions that run centres (lembaga pengelola), within the user's scope."""

    serializer_class = HostInstitutionSerializer
    filterset_class = HostInstitutionFilter
    ordering_fields = ("name", "kind", "regency", "updated_at")
    ordering = ("name",)
    ordering_tiebreaker = "pk"

    def get_queryset(self) -> QuerySet[HostInstitution]:
        """The user's host institutions with their regency and province."""
        return api_host_institution_list(user=self.request.user)


@extend_schema_view(
    list=list_schema(VocationalFieldSerializer, _("List the vocational fields")),
    retrieve=retrieve_schema(VocationalFieldSerializer, _("One vocational field by code")),
)
class VocationalFieldViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The master list of vocational fields (kejuruan): reference data for every signed-in user."""

    serializer_class = VocationalFieldSerializer
    filterset_class = VocationalFieldFilter
    lookup_field = "code"
    ordering_fields = ("code", "name")
    ordering = ("name",)
    ordering_tiebreaker = "code"

    def get_queryset(self) -> QuerySet[VocationalField]:
        """All fields, in use or retired, for a signed-in user."""
        return api_vocational_field_list(user=self.request.user)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of API v1 (YAML, or JSON with ``?format=json``), for signed-in users."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = API_PERMISSIONS
