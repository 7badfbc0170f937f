"""REST API v1, mounted at ``/api/v1/`` (namespace ``api``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import CentreViewSet, HostInstitutionViewSet, SchemaView, VocationalFieldViewSet

app_name = "api"

router = SimpleRouter()
router.register("centres", CentreViewSet, basename="centre")
router.register("host-institutions", HostInstitutionViewSet, basename="host-institution")
router.register("vocational-fields", VocationalFieldViewSet, basename="vocational-field")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    *router.urls,
]
