"""A page written as a function, with what every screen checks first (the class form is ScreenMixin).

``@page(allowed=can_manage, methods=("POST",))`` in place of ``@login_required``, ``@require_POST`` and
``if not can_manage(request.user): raise Http404`` at the top of each view: one place says in which order
a page checks who asks (sign-in, the method, the role — 404, never 403, so that a URL reveals nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

View = Callable[..., HttpResponse]


def page(
    *,
    allowed: Callable[[Any], bool] | None = None,
    methods: Iterable[str] | None = ("GET",),
    private: bool = False,
) -> Callable[[View], View]:
    """Sign-in (to the sign-in page and back), then the method (405; ``methods=None``: any), then the role
    (``allowed(user)`` false: 404); ``private`` answers ``Cache-Control: no-store`` (personal data)."""
    allowed_methods = None if methods is None else [m.upper() for m in methods]

    def decorate(view: View) -> View:
        def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if allowed_methods is not None and request.method not in allowed_methods:
                return HttpResponseNotAllowed(allowed_methods)
            if allowed is not None and not allowed(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = answer(request, *args, **kwargs)
            if private:
                add_never_cache_headers(response)  # the redirect to sign in too, as @never_cache did
            return response

        return checked

    return decorate
