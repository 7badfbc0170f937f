"""Mentoring URLs: the team, plans, the what-if, a centre's mentoring, visits, action items, schedules."""

from django.urls import path

from . import views, views_visits

app_name = "mentoring"
urlpatterns = [
    path("facilitators/", views.facilitator_list_view, name="facilitator_list"),
    path("facilitators/export.<str:fmt>", views.facilitator_export_view, name="facilitator_export"),
    path("facilitators/new/", views.facilitator_create_view, name="facilitator_create"),
    path("facilitators/<int:pk>/", views.facilitator_update_view, name="facilitator_update"),
    path("facilitators/<int:pk>/schedule/", views_visits.schedule_view, name="facilitator_schedule"),
    path("schedule/", views_visits.schedule_view, name="schedule"),
    path("plans/", views.plan_list_view, name="plan_list"),
    path("plans/export.<str:fmt>", views.plan_export_view, name="plan_export"),
    path("actions/", views_visits.action_list_view, name="action_list"),
    path("actions/export.<str:fmt>", views_visits.action_export_view, name="action_export"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/propose/", views.plan_propose_view, name="plan_propose"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan_detail"),
    path("plans/<int:pk>/optimise/", views.plan_optimise_view, name="plan_optimise"),
    path("plans/<int:pk>/status/", views.plan_status_view, name="plan_status"),
    path("plans/<int:pk>/centres/<int:entry_pk>/", views.plan_entry_view, name="plan_entry"),
    path("plans/<int:pk>/what-if/", views.plan_whatif_view, name="plan_whatif"),
    path("centres/<str:code>/", views_visits.centre_progress_view, name="centre_progress"),
    path("centres/<str:code>/visits/new/", views_visits.visit_create_view, name="visit_create"),
    path("centres/<str:code>/photos/<int:pk>/", views_visits.visit_photo_view, name="visit_photo"),
    path("centres/<str:code>/actions/new/", views_visits.action_create_view, name="action_create"),
    path("centres/<str:code>/actions/<int:pk>/status/", views_visits.action_status_view, name="action_status"),
]
