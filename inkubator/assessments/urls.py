"""Assessment URLs, mounted at ``/assessments/``."""

from django.urls import path

from . import views_entry, views_instruments, views_results, views_rounds, views_selection

app_name = "assessments"
urlpatterns = [
    path("", views_rounds.assessment_list_view, name="list"),
    path("export.<str:fmt>", views_rounds.assessment_export_view, name="export"),
    path("worklist/", views_rounds.worklist_view, name="worklist"),
    path("distribution/", views_results.distribution_view, name="distribution"),
    path("centre/<str:code>/", views_results.centre_assessment_view, name="centre"),
    path("instruments/", views_instruments.instrument_list_view, name="instrument_list"),
    path("instruments/<int:pk>/", views_instruments.instrument_detail_view, name="instrument_detail"),
    path("instruments/<int:pk>/edit/", views_instruments.instrument_edit_view, name="instrument_edit"),
    path("instruments/<int:pk>/indicators/new/", views_instruments.indicator_add_view, name="indicator_add"),
    path("instruments/<int:pk>/<slug:action>/", views_instruments.instrument_action_view, name="instrument_action"),
    path("rounds/", views_rounds.round_list_view, name="round_list"),
    path("rounds/new/", views_rounds.round_create_view, name="round_create"),
    path("rounds/<int:pk>/", views_rounds.round_detail_view, name="round_detail"),
    path("rounds/<int:pk>/advance/", views_rounds.round_advance_view, name="round_advance"),
    path("rounds/<int:round_pk>/selection/", views_selection.selection_new_view, name="selection_new"),
    path("selections/", views_selection.selection_list_view, name="selection_list"),
    path("selections/<int:pk>/", views_selection.selection_detail_view, name="selection_detail"),
    path("selections/<int:pk>/export.<str:fmt>", views_selection.selection_export_view, name="selection_export"),
    path("<int:pk>/", views_entry.assessment_detail_view, name="assessment_detail"),
    path("<int:pk>/answers/<int:indicator_pk>/", views_entry.answer_save_view, name="answer_save"),
    path("<int:pk>/evidence/", views_entry.evidence_upload_view, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views_entry.evidence_download_view, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_pk>/remove/", views_entry.evidence_remove_view, name="evidence_remove"),
    path("<int:pk>/submit/", views_entry.assessment_submit_view, name="submit"),
    path("<int:pk>/review/<slug:decision>/", views_entry.assessment_review_view, name="review"),
]
