from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list_view, name="list"),
    path("<uuid:pk>/", views.report_job_view, name="job"),
    path("<uuid:pk>/download/", views.report_download_view, name="download"),
    path("centres/<str:code>/profile.pdf", views.centre_profile_view, name="centre_profile"),
]
