"""The application's URLs plus ``/bench/one-query/`` and ``/bench/one-write/``: served only with
``config.settings.bench``.

The one-query view is the ceiling list pages and API lists are measured against (DESIGN.md,
"Scale"): the same middleware, session and user, then one scoped query and a few bytes of HTML.
The one-write view is the registration surge's ceiling (``benchmarks/service_surge.py``): an
anonymous form with its CSRF token, and a POST that inserts one row, through the same middleware.
"""

import secrets

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_http_methods

from inkubator.centres.models import Centre
from inkubator.service.models import AddressCount

from .urls import handler400, handler403, handler404, handler500
from .urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_required
def one_query_view(request: HttpRequest) -> HttpResponse:
    """The first centre the user may see: the least a scoped page can do."""
    first = Centre.objects.visible_to(request.user).order_by("code").values_list("code", "name").first()
    return HttpResponse(f"<!doctype html><title>bench</title><p>{escape(first or '')}</p>")


@require_http_methods(["GET", "POST"])
def one_write_view(request: HttpRequest) -> HttpResponse:
    """GET: a form with its CSRF token; POST: one row inserted (a row of the public pages' rate-limit
    table, a key of its own, which the surge benchmark empties). The least a public form can do."""
    if request.method == "POST":
        AddressCount.objects.create(key=secrets.token_hex(32), window=timezone.now(), count=1)
        return HttpResponse("<!doctype html><title>bench</title><p>ok</p>", status=201)
    token = escape(get_token(request))
    return HttpResponse(
        f'<!doctype html><title>bench</title><form method="post">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}"><button>ok</button></form>'
    )


urlpatterns = [
    path("bench/one-query/", one_query_view, name="bench_one_query"),
    path("bench/one-write/", one_write_view, name="bench_one_write"),
    *app_urlpatterns,
]
