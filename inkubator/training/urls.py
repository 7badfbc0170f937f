from django.urls import path

from . import views, views_import, views_output, views_tracer

app_name = "training"
urlpatterns = [
    path("", views.batch_list_view, name="batches"),
    path("export/<str:fmt>/", views.batch_export_view, name="export"),
    path("new/", views.batch_create_view, name="batch_create"),
    path("<int:pk>/", views.batch_detail_view, name="batch"),
    path("<int:pk>/enrol/", views.enrol_view, name="enrol"),
    path("trainee/<int:pk>/", views.enrollment_view, name="enrollment"),
    path("tracer/", views_tracer.tracer_view, name="tracer"),
    path("trainee/<int:pk>/outcome/<int:wave>/", views_tracer.outcome_form_view, name="outcome"),
    path("output/", views_output.output_view, name="output"),
    path("output/centre/<str:code>/", views_output.centre_output_view, name="centre_output"),
    path("outcomes/", views_output.outcomes_view, name="outcomes"),
    path("import/", views_import.import_view, name="import"),
]
