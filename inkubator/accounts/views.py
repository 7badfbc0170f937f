"""Sign in and sign out. Throttling is django-axes' job (see settings: AXES_*)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    """The sign-in page; a signed-in user goes straight to their home."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(limit=settings.AXES_FAILURE_LIMIT, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires)."""
