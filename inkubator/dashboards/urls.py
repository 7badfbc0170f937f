from django.urls import path

from . import views, views_national, views_public

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views_national.dashboard_view, name="national"),
    path("dashboard/<str:level>/<str:code>/", views_national.dashboard_view, name="place"),
    path("dashboard/export.<str:fmt>", views_national.dashboard_export_view, name="national_export"),
    path(
        "dashboard/<str:level>/<str:code>/export.<str:fmt>", views_national.dashboard_export_view, name="place_export"
    ),
    path("public/", views_public.public_view, name="public"),
    path("public/data.<str:fmt>", views_public.public_data_view, name="public_data"),
]
