"""Sign in and sign out. Throttling: django-axes per account, ``throttling`` per address (see settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .forms import LoginForm
from .throttling import LIMITED_FLAG


class LoginView(auth_views.LoginView):
    """The sign-in page; a signed-in user goes straight to their home."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(limit=settings.AXES_FAILURE_LIMIT, **kwargs)

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        if getattr(self.request, LIMITED_FLAG, False):
            # Said plainly, and without telling whether the password was right: nothing was checked.
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed sign-ins from your network address. For everyone's security, signing in "
                    "from this address is paused for %(minutes)s minutes. Try again later."
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires)."""
