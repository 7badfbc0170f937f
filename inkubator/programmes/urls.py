from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.target_progress_view, name="progress"),
    path("export.<str:fmt>", views.target_export_view, name="export"),
    path("targets/new/", views.target_create_view, name="target_create"),
    path("targets/<int:pk>/", views.target_update_view, name="target_update"),
]
