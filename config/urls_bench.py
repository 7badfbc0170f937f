"""The application's URLs plus ``/bench/one-query/``: served only with ``config.settings.bench``.

The one-query view is the ceiling list pages and API lists are measured against (DESIGN.md,
"Scale"): the same middleware, session and user, then one scoped query and a few bytes of HTML.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from inkubator.centres.models import Centre

from .urls import handler400, handler403, handler404, handler500
from .urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_required
def one_query_view(request: HttpRequest) -> HttpResponse:
    """The first centre the user may see: the least a scoped page can do."""
    first = Centre.objects.visible_to(request.user).order_by("code").values_list("code", "name").first()
    return HttpResponse(f"<!doctype html><title>bench</title><p>{escape(first or '')}</p>")


urlpatterns = [path("bench/one-query/", one_query_view, name="bench_one_query"), *app_urlpatterns]
