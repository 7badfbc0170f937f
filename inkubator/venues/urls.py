"""Venues register URLs."""

from django.urls import path

from . import views

app_name = "venues"
urlpatterns = [
    path("", views.venue_list_view, name="list"),
    path("new/", views.venue_create_view, name="create"),
    path("<str:code>/", views.venue_detail_view, name="detail"),
    path("<str:code>/edit/", views.venue_update_view, name="update"),
]
