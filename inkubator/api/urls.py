"""REST API v1, mounted at ``/api/v1/`` (namespace ``api``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from inkubator.assessments import api as assessments_api
from inkubator.incubation import api as incubation_api
from inkubator.mentoring import api as mentoring_api
from inkubator.people import api as people_api
from inkubator.training import api as training_api

from .views import CentreViewSet, HostInstitutionViewSet, SchemaView, VocationalFieldViewSet

app_name = "api"

router = SimpleRouter()
router.register("centres", CentreViewSet, basename="centre")
router.register("host-institutions", HostInstitutionViewSet, basename="host-institution")
router.register("vocational-fields", VocationalFieldViewSet, basename="vocational-field")
# Each domain app registers its own endpoints (its ``api.py``), so this file stays a table of contents.
for _app_api in (people_api, assessments_api, training_api, mentoring_api, incubation_api):
    _app_api.register(router)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    *router.urls,
]
