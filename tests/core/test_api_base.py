"""The API base of the core layer: one scoped read-only viewset shape, authentication from settings."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.test import APIRequestFactory, force_authenticate

from inkubator.api.urls import router
from inkubator.centres.models import Centre
from inkubator.core.api import ScopedReadOnlyViewSet
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


class CentreCodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Centre
        fields = ["code"]


def active_centres(*, user: Any) -> QuerySet[Centre]:
    """A selector as apps write them: it starts from ``visible_to``."""
    return Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)


class ActiveCentreViewSet(ScopedReadOnlyViewSet):
    """Active centres by code (a test endpoint)."""

    selector = active_centres
    serializer_class = CentreCodeSerializer
    lookup_field = "code"
    ordering = ("code",)
    ordering_tiebreaker = "code"
    list_summary = "Active centres"
    retrieve_summary = "One active centre"


def test_every_published_endpoint_is_the_one_scoped_shape() -> None:
    assert router.registry, "no app registered an endpoint"
    for prefix, viewset, _basename in router.registry:
        assert issubclass(viewset, ScopedReadOnlyViewSet), prefix


def test_a_selector_is_called_with_the_user_and_scope_answers_404() -> None:
    bekasi = CentreFactory(regency=Regency.objects.get(code="32.16"))
    surabaya = CentreFactory(regency=Regency.objects.get(code="35.78"))
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    factory = APIRequestFactory()
    request = factory.get("/")
    force_authenticate(request, user=coordinator)
    listed = ActiveCentreViewSet.as_view({"get": "list"})(request)
    assert [row["code"] for row in listed.data["results"]] == [bekasi.code]
    assert "no-store" in listed["Cache-Control"]
    retrieve = ActiveCentreViewSet.as_view({"get": "retrieve"})
    request = factory.get("/")
    force_authenticate(request, user=coordinator)
    assert retrieve(request, code=surabaya.code).status_code == 404
    request = factory.get("/")
    force_authenticate(request, user=coordinator)
    assert retrieve(request, code=bekasi.code).data == {"code": bekasi.code}


def test_a_viewset_must_say_where_its_rows_come_from() -> None:
    with pytest.raises(ImproperlyConfigured, match="exactly one of `model` and `selector`"):

        class Nowhere(ScopedReadOnlyViewSet):
            serializer_class = CentreCodeSerializer
            list_summary = retrieve_summary = "x"

    with pytest.raises(ImproperlyConfigured, match="exactly one of `model` and `selector`"):

        class Twice(ScopedReadOnlyViewSet):
            model = Centre
            selector = active_centres
            serializer_class = CentreCodeSerializer
            list_summary = retrieve_summary = "x"


def test_a_viewset_must_document_its_actions() -> None:
    with pytest.raises(ImproperlyConfigured, match="must set `list_summary` and `retrieve_summary`"):

        class Undocumented(ScopedReadOnlyViewSet):
            model = Centre
            serializer_class = CentreCodeSerializer


class ChallengeOnly(BaseAuthentication):
    """Authenticates nobody; names its scheme so that the answer shows which classes were used."""

    def authenticate(self, request: Any) -> None:
        return None

    def authenticate_header(self, request: Any) -> str:
        return "Test-Scheme"


def test_authentication_classes_come_from_settings(client: Client) -> None:
    CentreFactory(regency=Regency.objects.get(code="32.16"))
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    url = reverse("api:centre-list")
    assert client.get(url).status_code == 200
    only_ours = {**settings.REST_FRAMEWORK, "DEFAULT_AUTHENTICATION_CLASSES": [f"{__name__}.ChallengeOnly"]}
    with override_settings(REST_FRAMEWORK=only_ours):
        # The session is no longer a way in, and the challenge is the configured class's.
        for name in ("api:centre-list", "api:schema"):
            response = client.get(reverse(name))
            assert (response.status_code, response["WWW-Authenticate"]) == (401, "Test-Scheme")
    assert client.get(url).status_code == 200


def test_a_filter_set_is_built_only_when_a_request_names_one_of_its_filters() -> None:
    import django_filters
    from django.http import QueryDict

    from inkubator.centres.api import CentreApiFilter
    from inkubator.core.api.filtering import _asked

    assert not _asked(CentreApiFilter, QueryDict("page=2&ordering=-name&page_size=5"))
    assert _asked(CentreApiFilter, QueryDict("province=35"))
    assert _asked(CentreApiFilter, QueryDict("q="))  # an empty text filter is still the set's to read

    class Required(django_filters.FilterSet):
        code = django_filters.CharFilter(required=True)

        class Meta:
            model = Centre
            fields: list[str] = []

    class OwnWay(CentreApiFilter):
        def filter_queryset(self, queryset: QuerySet) -> QuerySet:
            return queryset.none()

    # A required filter answers 400 when left out; a set that filters its own way may filter anyway.
    assert _asked(Required, QueryDict("page=2")) and _asked(OwnWay, QueryDict(""))


@pytest.mark.django_db
def test_a_list_without_filter_parameters_is_the_unfiltered_list(client: Client) -> None:
    CentreFactory(code="BLKK-3578-001", regency=Regency.objects.get(code="35.78"))
    CentreFactory(code="BLKK-3216-001", regency=Regency.objects.get(code="32.16"))
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    every = client.get(reverse("api:centre-list"), {"ordering": "-code"}).json()
    east_java = client.get(reverse("api:centre-list"), {"province": "35"}).json()
    assert [row["code"] for row in every["results"]] == ["BLKK-3578-001", "BLKK-3216-001"]
    assert [row["code"] for row in east_java["results"]] == ["BLKK-3578-001"]


def test_list_operations_are_described_by_their_viewsets() -> None:
    """The shared ``list`` has no docstring: drf-spectacular would publish it for every list operation."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    centres = schema["paths"]["/api/v1/centres/"]["get"]
    assert centres["description"] == "Centres (BLK Komunitas) the user may see, looked up by registration code."
