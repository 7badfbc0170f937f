"""Results: a centre's assessment page (scores, cluster, explanation, radar, history) and the cluster distribution."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inkubator.centres.selectors import centre_get

from .choices import AssessmentStatus
from .models import Assessment
from .permissions import can_see_results
from .selectors import (
    centre_assessments,
    centre_history,
    cluster_distribution,
    cluster_labels,
    cluster_level_labels,
    dimension_names,
    indicator_questions,
)


def _explanation(assessment: Assessment) -> dict[str, Any] | None:
    """The stored explanation with names and questions to show."""
    data = assessment.explanation or {}
    if not data:
        return None
    instrument = assessment.round.instrument
    names = dimension_names(instrument)
    questions = indicator_questions(instrument)
    levels = cluster_labels(instrument)
    target = levels.get(data.get("target") or "")
    return {
        "target": target,
        "shortfalls": [
            {**s, "name": _(names.get(s["dimension"], s["dimension"])) if s["dimension"] else _("Total score")}
            for s in data.get("shortfalls", [])
        ],
        "raises": [{**r, "indicator_obj": questions.get(r["indicator"])} for r in data.get("raises", [])],
    }


def result_context(assessment: Assessment) -> dict[str, Any]:
    """What the scores block shows for a scored assessment: dimension scores, cluster, explanation, radar."""
    if not assessment.is_scored:
        return {}
    instrument = assessment.round.instrument
    names = dimension_names(instrument)
    return {
        "level": cluster_labels(instrument).get(assessment.cluster_code),
        "explanation": _explanation(assessment),
        "dimension_rows": [
            (code, _(names.get(code, code)), score) for code, score in assessment.dimension_scores.items()
        ],
        "radar": {
            "labels": [_(names.get(code, code)) for code in assessment.dimension_scores],
            "values": list(assessment.dimension_scores.values()),
            "label": assessment.round.name,
        },
    }


@login_required
@require_GET
def centre_assessment_view(request: HttpRequest, code: str) -> HttpResponse:
    """The centre's latest scored assessment, its cluster and what holds it back, and its cluster history."""
    if not can_see_results(request.user):
        raise Http404
    centre = centre_get(user=request.user, code=code)
    assessments = list(centre_assessments(user=request.user, centre=centre))
    scored = [a for a in assessments if a.status == AssessmentStatus.VERIFIED] or [
        a for a in assessments if a.is_scored
    ]
    latest = scored[-1] if scored else None
    context: dict[str, Any] = {"centre": centre, "assessments": assessments, "latest": latest}
    if latest is not None:
        context.update(result_context(latest))
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
