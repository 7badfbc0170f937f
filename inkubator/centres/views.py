"""Centre pages: the scoped list and a centre's profile."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from .filters import CentreFilter
from .selectors import centre_list
from .tables import CentreTable


@login_required
def centre_list_view(request: HttpRequest) -> HttpResponse:
    """All centres in the user's scope, filtered, sorted and paginated."""
    filterset = CentreFilter(request.GET, queryset=centre_list(user=request.user))
    table = CentreTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "centres/list.html", {"filter": filterset, "table": table})


def centre_export_view(request: HttpRequest, fmt: str) -> HttpResponse:  # the register work replaces these
    raise NotImplementedError


centre_completeness_view = centre_create_view = centre_update_view = centre_export_view
