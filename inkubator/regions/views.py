"""The region search page: what a name in a file or a form resolves to, and what lies inside it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inkubator.core.roles import Role

from .forms import RegionSearchForm
from .selectors import region_children, region_lookup, region_point

# The roles that check region names (imports, coordinators' provinces); everyone else gets a 404,
# as for any page outside their role, so the page's existence is not revealed.
SEARCH_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


@login_required
@require_GET
def region_search(request: HttpRequest) -> HttpResponse:
    """Look a region up by name or code; show the match (or the candidates) and its children.

    Regions are public reference data (the Kemendagri list), so no ``visible_to`` scope applies:
    a regional coordinator may look up any region. Only the role decides who sees the page.
    """
    user = request.user
    if not (user.is_superuser or getattr(user, "role", None) in SEARCH_ROLES):
        raise Http404
    form = RegionSearchForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = region_lookup(name=form.cleaned_data["q"], level=form.cleaned_data["level"] or None)
        context["result"] = result
        if result.match is not None:
            context["children"] = region_children(code=result.match.code)
            context["point"] = region_point(code=result.match.code)
    return render(request, "regions/search.html", context)
