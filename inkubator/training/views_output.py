"""What training produced: a centre's output over the years, the national output against the year's
target by province and field, and graduates' outcome rates by centre, field and cohort. Aggregates
of the user's scope only (a coordinator's figures are their region's)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.centres.selectors import centre_get
from inkubator.core.screens import page

from .choices import OutcomeWave
from .filters import year_choices
from .selectors import OUTCOME_GROUPS, batch_list, outcome_rates, output_by, output_by_year, output_total

CENTRE_BATCHES_SHOWN = 50


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    valid = {year for year, _label in year_choices()}
    return int(value) if value in valid else timezone.localdate().year


@page()
def centre_output_view(request: HttpRequest, code: str) -> HttpResponse:
    """One centre's trainees and graduates by year and its latest batches (404 outside the scope)."""
    centre = centre_get(user=request.user, code=code)
    context = {
        "centre": centre,
        "years": output_by_year(user=request.user, centre=centre),
        "batches": batch_list(user=request.user).filter(centre=centre).order_by("-start_date")[:CENTRE_BATCHES_SHOWN],
    }
    return render(request, "training/centre_output.html", context)


@page()
def output_view(request: HttpRequest) -> HttpResponse:
    """Trainees and graduates of a year in the user's scope against the national yearly target."""
    year = _year(request)
    totals = output_total(user=request.user, year=year)
    target = totals["target"]
    fields = output_by(user=request.user, year=year, group="field")
    chart = {
        "labels": [row.label for row in fields],
        "trainees": [row.trainees for row in fields],
        "graduates": [row.graduates for row in fields],
        "trainees_label": _("Trainees"),
        "graduates_label": _("Graduates"),
    }
    context = {
        "year": year,
        "years": year_choices(),
        "totals": totals,
        "progress": round(totals["trainees"] * 100 / target) if target else None,
        "provinces": output_by(user=request.user, year=year, group="province"),
        "fields": fields,
        "chart": chart,
    }
    return render(request, "training/output.html", context)


@page()
def outcomes_view(request: HttpRequest) -> HttpResponse:
    """Employed and self-employed among graduates reached, by centre, field or cohort, at 3 or 6 months."""
    group = request.GET.get("by", "field")
    group = group if group in OUTCOME_GROUPS else "field"
    try:
        wave = int(request.GET.get("wave", OutcomeWave.THREE))
    except ValueError:
        wave = OutcomeWave.THREE
    wave = wave if wave in OutcomeWave.values else OutcomeWave.THREE
    rows = outcome_rates(user=request.user, wave=wave, group=group)
    totals = {
        "surveyed": sum(r.surveyed for r in rows),
        "reached": sum(r.reached for r in rows),
        "employed": sum(r.employed for r in rows),
        "self_employed": sum(r.self_employed for r in rows),
    }
    context = {"rows": rows, "group": group, "wave": wave, "waves": OutcomeWave.choices, "totals": totals}
    return render(request, "training/outcomes.html", context)
