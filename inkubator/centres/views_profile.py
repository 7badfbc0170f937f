"""A centre's page with tabs, and the asset-mapping forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import centre_get


@login_required
def centre_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    """One centre's profile; 404 outside the user's scope."""
    return render(request, "centres/detail.html", {"centre": centre_get(user=request.user, code=code)})
