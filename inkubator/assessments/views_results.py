"""Results: a centre's assessment page (scores, cluster, explanation, radar, history) and the cluster distribution."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inkubator.centres.selectors import centre_get

from .permissions import can_see_results
from .selectors import (
    centre_assessments,
    centre_history,
    centre_latest_result,
    cluster_distribution,
    cluster_level_labels,
)


@login_required
@require_GET
def centre_assessment_view(request: HttpRequest, code: str) -> HttpResponse:
    """The centre's latest scored assessment, its cluster and what holds it back, and its cluster history."""
    if not can_see_results(request.user):
        raise Http404
    centre = centre_get(user=request.user, code=code)
    assessments = list(centre_assessments(user=request.user, centre=centre))
    latest, result = centre_latest_result(user=request.user, centre=centre)
    context: dict[str, Any] = {"centre": centre, "assessments": assessments, "latest": latest, **result}
    context["history"] = centre_history(assessments)
    return render(request, "assessments/centre.html", context)


@login_required
@require_GET
def distribution_view(request: HttpRequest) -> HttpResponse:
    """Centres in scope by province and current cluster: a table and a stacked bar chart."""
    if not can_see_results(request.user):
        raise Http404
    columns, rows = cluster_distribution(user=request.user)
    labels = cluster_level_labels(columns)
    headers = [labels.get(code, code) if code else _("Not assessed") for code in columns]
    totals = [sum(row["cells"][i] for row in rows) for i in range(len(columns))]
    chart = {
        "labels": [row["name"] for row in rows],
        "datasets": [{"label": header, "data": [row["cells"][i] for row in rows]} for i, header in enumerate(headers)],
    }
    context = {"headers": headers, "rows": rows, "totals": totals, "grand_total": sum(totals), "chart": chart}
    return render(request, "assessments/distribution.html", context)
