"""The rules every API endpoint shares, and the one read-only viewset shape that apps configure.

An app's ``api.py`` declares its endpoints as subclasses of :class:`ScopedReadOnlyViewSet`: which
rows (a ``model`` read through ``visible_to``, or a ``selector`` that starts from it), the serializer,
the filter set, the ordering, the lookup and two summaries for the schema. Nothing else is written per
endpoint, so scope, authentication, paging, ordering, caching and the documented errors are the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import viewsets
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .. import listcache
from ..concurrency import etag
from .filtering import ApiFilterBackend
from .filters import StableOrderingFilter
from .pagination import ApiPagination
from .rows import Column, row_reader
from .schema import list_schema, retrieve_schema

Selector = Callable[..., QuerySet]
"""A scoped read: called as ``selector(user=request.user)``; it starts from ``Model.objects.visible_to(user)``."""


class ApiAuthenticationMixin:
    """Who may call an endpoint: a signed-in, active user, authenticated as the settings say.

    Authentication classes are read from ``settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]``
    at each request, not fixed here: the token class is the accounts app's to choose. The token class
    must come first so that a request without credentials answers 401 with a challenge, not 403.
    """

    permission_classes = (IsAuthenticated,)

    def get_authenticators(self) -> list[BaseAuthentication]:
        """One instance of each configured authentication class (settings read now, so overrides apply)."""
        return [authentication() for authentication in api_settings.DEFAULT_AUTHENTICATION_CLASSES]


class ApiViewMixin(ApiAuthenticationMixin):
    """Authentication, permission, pagination, filtering and caching rules shared by every endpoint."""

    pagination_class = ApiPagination
    filter_backends = (ApiFilterBackend, StableOrderingFilter)

    def finalize_response(self, request: HttpRequest, response: Response, *args: Any, **kwargs: Any) -> Response:
        """Answers depend on who asks and may name people: no shared or stored copies."""
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        patch_cache_control(response, private=True, no_store=True)
        return response


class ScopedReadOnlyViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail over the rows the user may see, configured by class attributes.

    Set ``model`` (rows are ``model.objects.visible_to(user)``) or ``selector`` (a function of
    ``user=`` from the app's ``selectors.py`` that starts from ``visible_to``), then
    ``serializer_class``, ``filterset_class`` (or ``filterset_fields``), ``ordering_fields``,
    ``ordering``, ``ordering_tiebreaker`` (a unique key, default ``pk``), ``lookup_field`` (and
    ``lookup_value_regex``, ``lookup_description`` for a key other than the primary key),
    ``select_related``/``prefetch_related`` for what the serializer reads, and ``list_summary`` and
    ``retrieve_summary`` for the schema. Objects outside the user's scope are absent from the
    queryset, so they answer 404 like objects that do not exist.

    A list page is read as ``values()`` rows shaped as the serializer shapes an object
    (``core.api.rows``): a field the serializer computes (a ``SerializerMethodField``, a model
    property) needs a ``Column`` in ``list_columns``, else the list keeps DRF's way.
    """

    model: ClassVar[type[Model] | None] = None
    selector: ClassVar[Selector | None] = None
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    ordering_tiebreaker: ClassVar[str] = "pk"
    lookup_description: ClassVar[str | Promise | None] = None
    list_summary: ClassVar[str | Promise | None] = None
    retrieve_summary: ClassVar[str | Promise | None] = None
    list_columns: ClassVar[dict[str, Column]] = {}
    list_by_rows: ClassVar[bool] = True  # False: DRF's way (model instances through the serializer)
    # Lists answered from the user's list cache (core/listcache.py) while the tables they read are
    # unchanged. False for a list whose rows depend on more than the database and today's date.
    cache_lists: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Check the declaration and attach its schema (summaries, documented errors, lookup parameter)."""
        super().__init_subclass__(**kwargs)
        selector = cls.__dict__.get("selector")
        if selector is not None and not isinstance(selector, staticmethod):
            # A plain function stored on a class would be bound as a method: keep it a plain function.
            cls.selector = staticmethod(selector)  # type: ignore[assignment]
        if cls.serializer_class is None:
            return  # an intermediate base, configured further down
        name = f"{cls.__module__}.{cls.__qualname__}"
        if (cls.model is None) == (cls.selector is None):
            raise ImproperlyConfigured(f"{name} must set exactly one of `model` and `selector`.")
        if cls.list_summary is None or cls.retrieve_summary is None:
            raise ImproperlyConfigured(f"{name} must set `list_summary` and `retrieve_summary` for the schema.")
        parameters = []
        if cls.lookup_description is not None:
            key = cls.lookup_url_kwarg or cls.lookup_field
            parameters.append(OpenApiParameter(key, str, OpenApiParameter.PATH, description=cls.lookup_description))
        extend_schema_view(
            list=list_schema(cls.serializer_class, cls.list_summary),
            retrieve=retrieve_schema(cls.serializer_class, cls.retrieve_summary, parameters=parameters or None),
        )(cls)

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # A page of the rows in scope, filtered and ordered; read as rows when the serializer allows it;
        # the stored JSON when this user asked for it before and none of the tables it read changed.
        # (No docstring: drf-spectacular would publish it as every list operation's description.)
        scope = f"{type(self).__module__}.{type(self).__qualname__}"
        visit = listcache.api_visit(request, scope=scope) if self.cache_lists else None
        if visit is None:
            return self.list_page(request)
        stored = visit.stored(request)
        if stored is not None:
            return stored
        with visit.recording():
            response = self.list_page(request)
        # Stored once rendered (the JSON is written after the view returns); every query ran above.
        response.add_post_render_callback(visit.store)
        return response

    def list_page(self, request: Any) -> Response:
        """The list's page as read from the database (what ``list`` answers when nothing is stored)."""
        queryset = self.filter_queryset(self.get_queryset())
        reader = row_reader(self, queryset) if self.list_by_rows else None
        if reader is None:
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        page = self.paginator.paginate_queryset(queryset, request, view=self, reader=reader)
        return self.get_paginated_response(page)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        """One object, with an ``ETag`` of what it says (``core.concurrency.etag``).

        The API is read-only (other methods answer 405): a client keeps the tag to tell whether an
        object changed. Should writes come, they take ``If-Match`` with this tag and answer 412 when
        it is stale, like the edit pages answer 409.
        """
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag(response.data)
        return response

    def get_queryset(self) -> QuerySet:
        """The rows the signed-in user may see, with what the serializer reads loaded."""
        user = self.request.user
        if self.selector is not None:
            rows = self.selector(user=user)
        else:
            assert self.model is not None  # checked when the class was declared
            rows = self.model.objects.visible_to(user)  # type: ignore[attr-defined]
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        if self.prefetch_related:
            rows = rows.prefetch_related(*self.prefetch_related)
        return rows
