"""Import pages: ``/imports/<kind>/`` to upload, then ``/imports/run/<id>/…`` for the uploader's steps."""

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("run/<uuid:run_id>/map/", views.import_mapping_view, name="mapping"),
    path("run/<uuid:run_id>/", views.import_preview_view, name="preview"),
    path("run/<uuid:run_id>/errors.<str:fmt>", views.import_error_report_view, name="error_report"),
    path("run/<uuid:run_id>/commit/", views.import_commit_view, name="commit"),
    path("run/<uuid:run_id>/values/", views.import_values_view, name="values"),
    path("run/<uuid:run_id>/done/", views.import_result_view, name="result"),
    path("<slug:kind>/", views.import_upload_view, name="upload"),
]
