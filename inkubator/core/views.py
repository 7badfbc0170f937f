"""Error pages in the user's language (400, 403, 404, 500); JSON under ``/api/``.

An API client gets the same ``{"detail": …}`` body for every error, whether DRF answered (a bad
filter, a throttled client) or Django did before any API view ran (a URL no route matches, a
malformed id, a server error), so a client never has to parse an HTML page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    """Whether ``request`` is for the API (answered in JSON, never with an HTML page)."""
    return request.path.startswith(API_PREFIX)


def api_error(detail: str, status: int) -> JsonResponse:
    """The API's error body (``ErrorSerializer``): nothing cached, like every API answer."""
    response = JsonResponse({"detail": detail}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(_("Bad request."), 400)
    return render(request, "errors/400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(_("You do not have permission to perform this action."), 403)
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(_("Not found."), 404)
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return api_error(_("Server error: it has been logged."), 500)
    return render(request, "errors/500.html", status=500)
