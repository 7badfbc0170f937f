"""Results: a centre's assessment page (scores, cluster, explanation, radar, history) and the cluster distribution."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from inkubator.centres.selectors import centre_get
from inkubator.core.screens import page

from .permissions import can_see_results
from .selectors import (
    centre_assessments,
    centre_history,
    centre_latest_result,
    cluster_distribution,
    cluster_level_labels,
)


@page(allowed=can_see_results)
def centre_assessment_view(request: HttpRequest, code: str) -> HttpResponse:
    """The centre's latest scored assessment, its cluster and what holds it back, and its cluster history."""
    centre = centre_get(user=request.user, code=code)
    assessments = list(centre_assessments(user=request.user, centre=centre))
    latest, result = centre_latest_result(user=request.user, centre=centre)
    context: dict[str, Any] = {"centre": centre, "assessments": assessments, "latest": latest, **result}
    context["history"] = centre_history(assessments)
    return render(request, "assessments/centre.html", context)


@page(allowed=can_see_results)
def distribution_view(request: HttpRequest) -> HttpResponse:
    """Centres in scope by province and current cluster: a table and a stacked bar chart."""
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
