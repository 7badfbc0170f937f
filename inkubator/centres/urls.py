from django.urls import path

from . import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list_view, name="list"),
    path("<str:code>/", views.centre_detail_view, name="detail"),
]
