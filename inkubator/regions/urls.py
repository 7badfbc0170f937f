from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.region_search, name="search"),
    path("options/", views.region_options, name="options"),
]
