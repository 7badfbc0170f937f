"""Home page per role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inkubator.core.roles import Role

from .selectors import home_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own home, with the figures of its own scope."""
    role = Role.MINISTRY_ADMIN if request.user.is_superuser else request.user.role
    context = {"role": role, "summary": home_summary(user=request.user)}
    return render(request, f"dashboards/home_{role}.html", context)
