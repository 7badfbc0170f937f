"""URL map. Every page lives in its app's ``urls.py``; error pages come from ``inkubator.core``."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("inkubator.dashboards.urls")),
    path("accounts/", include("inkubator.accounts.urls")),
    path("centres/", include("inkubator.centres.urls")),
    path("venues/", include("inkubator.venues.urls")),
    path("service/", include("inkubator.service.urls")),
    path("notifications/", include("inkubator.notifications.urls")),
    # The Indonesian address a worker is told on the radio or a poster.
    path("layanan/", RedirectView.as_view(pattern_name="service:register"), name="layanan"),
    path("assessments/", include("inkubator.assessments.urls")),
    path("people/", include("inkubator.people.urls")),
    path("training/", include("inkubator.training.urls")),
    path("mentoring/", include("inkubator.mentoring.urls")),
    path("incubation/", include("inkubator.incubation.urls")),
    path("partners/", include("inkubator.partners.urls")),
    path("matching/", include("inkubator.matching.urls")),
    path("programmes/", include("inkubator.programmes.urls")),
    path("reports/", include("inkubator.reports.urls")),
    path("regions/", include("inkubator.regions.urls")),
    path("audit/", include("inkubator.audit.urls")),
    path("privacy/", include("inkubator.privacy.urls")),
    path("imports/", include("inkubator.imports.urls")),
    path("api/v1/", include("inkubator.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
]

handler400 = "inkubator.core.views.error_400"
handler403 = "inkubator.core.views.error_403"
handler404 = "inkubator.core.views.error_404"
handler500 = "inkubator.core.views.error_500"
