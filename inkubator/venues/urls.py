"""Venues register URLs."""

from django.urls import path

from . import views

app_name = "venues"
urlpatterns = [
    path("", views.VenueListView.as_view(), name="list"),
    path("new/", views.VenueEditView.as_view(), name="create"),
    path("<str:code>/", views.venue_detail_view, name="detail"),
    path("<str:code>/edit/", views.VenueEditView.as_view(), name="update"),
]
