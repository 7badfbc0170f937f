"""The public dashboard and its open-data download: aggregates only, small cells withheld."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.core.exports import safe_text
from inkubator.core.periods import requested_year
from inkubator.regions.maps import ATTRIBUTION, nation_svg

from .selectors_public import MIN_CELL, public_figures, public_rows
from .views_national import YEARS_OFFERED


def public_view(request: HttpRequest) -> HttpResponse:
    """National totals, a map and a table by province for anyone; cells under 5 shown as "<5"."""
    year = requested_year(request, back=YEARS_OFFERED - 1)
    figures = public_figures(year=year)
    codes = [indicator.code for indicator in figures.indicators]
    chosen = request.GET.get("map") if request.GET.get("map") in codes else (codes[0] if codes else None)
    map_svg = ""
    if chosen:
        index = codes.index(chosen)
        values = {code: cells[index].value for code, _name, cells in figures.provinces}
        labels = {code: name for code, name, _cells in figures.provinces}
        map_svg = nation_svg(values=values, labels=labels, links={}, title=str(figures.indicators[index].label))
    current = timezone.localdate().year
    context = {
        "figures": figures,
        "chosen": chosen,
        "map_svg": map_svg,
        "min_cell": MIN_CELL,
        "years": list(range(current, current - YEARS_OFFERED, -1)),
        "attribution": ATTRIBUTION,
    }
    return render(request, "dashboards/public.html", context)


def public_data_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public figures as open data: ``data.csv`` or ``data.json`` (suppressed cells empty/null)."""
    if fmt not in ("csv", "json"):
        raise Http404
    year = requested_year(request, back=YEARS_OFFERED - 1)
    rows = public_rows(public_figures(year=year))
    if fmt == "json":
        response: HttpResponse = JsonResponse(
            {"year": year, "min_cell": MIN_CELL, "note": _("Cells under 5 are withheld (null)."), "rows": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["year"])
        writer.writeheader()
        for row in rows:
            writer.writerow({key: safe_text(value) if isinstance(value, str) else value for key, value in row.items()})
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="inkubator-public-{year}.csv"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response
