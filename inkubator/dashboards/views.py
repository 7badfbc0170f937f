"""Home page per role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from inkubator.core.roles import Role, effective_role
from inkubator.incubation.selectors import tenant_of

from .selectors import home_summary
from .selectors_national import dashboard_url, home_headline, home_place
from .views_national import STAFF_ROLES


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own home, with the figures of its own scope (the dashboard of its place)."""
    role = effective_role(request.user)
    context = {"role": role, "summary": home_summary(user=request.user)}
    if role in STAFF_ROLES:
        year = timezone.localdate().year
        place = home_place(user=request.user)
        headline, as_of = home_headline(user=request.user, place=place, year=year)
        context.update(
            place=place,
            year=year,
            headline=headline,
            as_of=as_of,
            dashboard_link=dashboard_url(place.level, place.code, year),
        )
    if role == Role.ENTREPRENEUR:
        context["tenant"] = tenant_of(user=request.user)
    return render(request, f"dashboards/home_{role}.html", context)
