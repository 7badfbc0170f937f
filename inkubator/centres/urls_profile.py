"""A centre's page and its asset mapping (fields, staff, certificates, assets, agreements)."""

from django.urls import path

from . import views_profile

urlpatterns = [
    path("", views_profile.centre_detail_view, name="detail"),
]
