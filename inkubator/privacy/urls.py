from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("requests/", views.requests_view, name="requests"),
    path("people/<int:pk>/", views.person_view, name="person"),
    path("people/<int:pk>/export/", views.export_view, name="export"),
    path("people/<int:pk>/correct/", views.correct_view, name="correct"),
    path("people/<int:pk>/erase/", views.erase_view, name="erase"),
]
