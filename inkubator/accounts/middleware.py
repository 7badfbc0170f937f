"""Session timeouts: idle and absolute, enforced on the server.

The idle timeout is checked against a "last seen" time kept in the session, which is written at most
once a minute, so that an ordinary page view does not write the session row on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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
