"""Session timeouts (idle and absolute) and the second factor, enforced on the server.

The idle timeout is checked against a "last seen" time kept in the session, which is written at most
once a minute, so that an ordinary page view does not write the session row on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "inkubator_session_started"
SESSION_SEEN_KEY = "inkubator_session_seen"
SEEN_RESOLUTION_SECONDS = 60


class SessionLifetimeMiddleware:
    """Sign a user out after ``SESSION_IDLE_SECONDS`` without a request or ``SESSION_ABSOLUTE_SECONDS`` in all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SESSION_STARTED_KEY, now)
            seen = session.get(SESSION_SEEN_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS or now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                return redirect(settings.LOGIN_URL)
            if now - seen >= SEEN_RESOLUTION_SECONDS or SESSION_SEEN_KEY not in session:
                session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


# Pages a signed-in user may reach before passing the second factor.
TWO_FACTOR_OPEN_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "set_language",
        "javascript-catalog",
    }
)


class TwoFactorMiddleware:
    """Roles in ``TWO_FACTOR_REQUIRED_ROLES`` pass a second factor before anything else (after django-otp's
    ``OTPMiddleware``). Without an authenticator they are sent to set one up; with one, to type a code.
    Every page is closed until then (closed unless opened), the API answers 403. API tokens are a separate
    credential and are checked by the API itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict) -> Any:
        from .selectors import totp_device, two_factor_required

        user = request.user
        if not user.is_authenticated or not two_factor_required(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_OPEN_VIEWS:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Two-factor sign-in is required: finish it on the sign-in page.")}, status=403
            )
        target = "accounts:two_factor" if totp_device(user) else "accounts:two_factor_setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(target)
        if next_url and next_url != "/":
            url += "?" + urlencode({"next": next_url})
        return redirect(url)
