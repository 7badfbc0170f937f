"""What every generic screen shares: sign-in, the role check (404, never 403), extra context, headers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class ScreenMixin:
    """Signed-in users only; ``allowed(user)`` false answers 404 so that a URL reveals nothing.

    In this order, as ``@login_required`` + ``@require_http_methods`` did: sign-in, the method, the role
    (``allowed``), then ``prepare`` (the scoped look-ups of the URL's objects: 404 outside the scope),
    then ``answer_instead`` (a redirect where the objects' state says this page is not the one to show).
    ``private = True`` sends ``Cache-Control: no-store`` (pages with personal data).
    """

    allowed: ClassVar[Callable[[Any], bool] | None] = None
    private: ClassVar[bool] = False
    http_method_names: ClassVar[list[str]] = ["get"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.method is None or request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)  # type: ignore[attr-defined]
        self.check_allowed(request)
        self.prepare(request, **kwargs)
        response = self.answer_instead(request) or super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if self.private:
            add_never_cache_headers(response)  # the redirect after a save too, as @never_cache did
        return response

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        """Look up what the URL names (through scoped selectors), before the handler runs."""

    def answer_instead(self, request: HttpRequest) -> HttpResponse | None:
        """An answer instead of the page, once ``prepare`` has found its objects: a step of a multi-step
        page that is done already (or not reached yet) sends on to the right one. None: the page."""
        return None

    def check_allowed(self, request: HttpRequest) -> None:
        allowed = type(self).allowed
        if allowed is not None and not allowed(request.user):
            raise Http404

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        """What the page's own template adds (its buttons' permissions, a count, links)."""
        return {}


def show_service_error(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError on ``form``: at the fields it names, the rest on top.

    A form with its own ``add_service_errors`` / ``add_service_error`` (marking fields invalid, moving a
    constraint's message to the field the user changes) is asked first.
    """
    for name in ("add_service_errors", "add_service_error"):
        method = getattr(form, name, None)
        if method is not None:
            method(error)
            return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
