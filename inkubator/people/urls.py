from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("<int:pk>/", views.person_detail_view, name="detail"),
    path("<int:pk>/reveal/", views.person_reveal_view, name="reveal"),
    path("duplicates/", views.duplicates_view, name="duplicates"),
]
