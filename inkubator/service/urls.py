"""URLs of the laid-off workers' service. ``register/`` and ``status/`` are public (no sign-in)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views_public

app_name = "service"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="service:register"), name="home"),
    path("register/", views_public.register_view, name="register"),
    path("status/", views_public.status_view, name="status"),
]
