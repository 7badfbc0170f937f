"""Language choice: Indonesian unless the user chose English with the switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is ignored.

    Staff computers often run English browsers; the programme's working language is Indonesian,
    so only an explicit choice (the language cookie set by the switch) changes it.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ApiQueryLimitMiddleware:
    """An API request whose query string is longer than ``API_MAX_QUERY_LENGTH`` answers 414 in JSON.

    gunicorn refuses request lines over 8190 bytes itself, with a plain-text 414 that no API client
    expects; this limit lies well below it, so an over-long query is refused here, in the API's
    documented error shape. No filter value needs more than a few hundred characters.
    """

    def __init__(self, get_response):  # noqa: ANN001, ANN204
        self.get_response = get_response

    def __call__(self, request: HttpRequest):  # noqa: ANN204
        from django.utils.translation import gettext as _

        from .views import api_error, is_api

        if is_api(request) and len(request.META.get("QUERY_STRING", "")) > settings.API_MAX_QUERY_LENGTH:
            return api_error(
                _("The query string is too long (at most %(max)s characters).")
                % {"max": settings.API_MAX_QUERY_LENGTH},
                414,
            )
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """``Permissions-Policy`` on every answer, and ``Cache-Control: no-store`` on every answer that may
    hold personal or financial data.

    * Permissions-Policy: the browser features no page uses are off for the site and anything it
      embeds; geolocation stays for the site itself (a facilitator's visit form takes the phone's
      position).
    * no-store: every page and export answered to a signed-in user (what they see is scoped to them
      and names people, businesses and their finances) and every answer to a POST (a form shown
      again holds what was typed, e.g. a NIK). A browser, a proxy or a shared computer keeps no
      copy. Anonymous GETs (the sign-in page, the public dashboard) keep their own caching.
    """

    PERMISSIONS_POLICY = (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), "
        "geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
    )

    def __init__(self, get_response):  # noqa: ANN001, ANN204
        self.get_response = get_response

    def __call__(self, request: HttpRequest):  # noqa: ANN204
        from django.utils.cache import patch_cache_control

        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.method not in ("GET", "HEAD"):
            patch_cache_control(response, no_store=True, private=True)
        return response
