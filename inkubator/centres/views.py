"""Centre pages: the scoped list and a centre's profile."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from .filters import CentreFilter
from .selectors import centre_get, centre_list
from .tables import CentreTable


@login_required
def centre_list_view(request: HttpRequest) -> HttpResponse:
    """All centres in the user's scope, filtered, sorted and paginated."""
    filterset = CentreFilter(request.GET, queryset=centre_list(user=request.user))
    table = CentreTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "centres/list.html", {"filter": filterset, "table": table})


@login_required
def centre_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """One centre's profile; 404 outside the user's scope."""
    return render(request, "centres/detail.html", {"centre": centre_get(user=request.user, code=code)})
