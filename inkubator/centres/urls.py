"""Centre register URLs. Everything under a centre's code lives in ``urls_profile.py``."""

from django.urls import include, path

from . import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list_view, name="list"),
    path("export.<str:fmt>", views.centre_export_view, name="export"),
    path("completeness/", views.centre_completeness_view, name="completeness"),
    path("new/", views.centre_create_view, name="create"),
    path("<str:code>/edit/", views.centre_update_view, name="update"),
    path("<str:code>/", include("inkubator.centres.urls_profile")),
]
