"""The drill-down dashboard: nation → province → regency/city → centre, for the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.core.exports import FORMATS, Column, export_response
from inkubator.core.periods import requested_year
from inkubator.core.roles import Role, effective_role
from inkubator.regions.maps import ATTRIBUTION

from .selectors_national import ChildRow, dashboard_build, place_get

YEARS_OFFERED = 6
STAFF_ROLES = {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER}


@login_required
def dashboard_view(request: HttpRequest, level: str = "national", code: str = "") -> HttpResponse:
    """Figures of one place with its targets, its children to drill into, the funnel, trends and the map."""
    role = effective_role(request.user)
    if role not in STAFF_ROLES:
        raise Http404
    place = place_get(user=request.user, level=level, code=code)
    year = requested_year(request, back=20, ahead=1)
    board = dashboard_build(user=request.user, place=place, year=year, map_indicator=request.GET.get("map"))
    current = timezone.localdate().year
    context = {
        "board": board,
        "years": list(range(current, current - YEARS_OFFERED, -1)),
        "is_centre": place.level == "centre",
        "map_attribution": ATTRIBUTION,
    }
    return render(request, "dashboards/national.html", context)


@login_required
def dashboard_export_view(request: HttpRequest, fmt: str, level: str = "national", code: str = "") -> HttpResponse:
    """The dashboard's table (each place one level down with every figure) as XLSX or CSV."""
    role = effective_role(request.user)
    if role not in STAFF_ROLES or fmt not in FORMATS:
        raise Http404
    place = place_get(user=request.user, level=level, code=code)
    year = requested_year(request, back=20, ahead=1)
    board = dashboard_build(user=request.user, place=place, year=year)
    columns = [Column(_("Name"), lambda row: row.name)]
    for index, figure in enumerate(board.figures):
        columns.append(Column(figure.indicator.label, lambda row, i=index: row.values[i]))
    rows = board.children or [ChildRow(place.code, place.name, "", [figure.value for figure in board.figures])]
    stem = f"dashboard-{place.level}-{place.code or 'id'}-{year}"
    return export_response(rows=rows, columns=columns, fmt=fmt, filename_stem=stem)
