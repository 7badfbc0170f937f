"""Incubator selection (ministry administrators only; 404 for anyone else).

The page ranks a round's centres under the constraints typed in (a preview, with the sensitivity
of the choice to each dimension weight) and records the decision when asked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from inkubator.centres.choices import HostKind
from inkubator.centres.models import Centre
from inkubator.core.exports import FORMATS, export_response
from inkubator.core.screens import ObjectFormView, page

from . import services
from .choices import SelectionReason
from .forms import SelectionForm
from .models import Selection, SelectionEntry
from .permissions import can_manage
from .selection import Constraints, select, sensitivity
from .selectors import instrument_parts, round_get, selection_candidates, selection_get, selection_list
from .tables import SELECTION_EXPORT_COLUMNS


@page(allowed=can_manage)
def selection_list_view(request: HttpRequest) -> HttpResponse:
    """Recorded selections."""
    return render(request, "assessments/selection_list.html", {"selections": selection_list(user=request.user)})


def _centres(ids: set[int]) -> dict[int, Centre]:
    return Centre.objects.select_related("province", "host").in_bulk(ids)


class SelectionNewView(ObjectFormView):
    """Set constraints, preview the ranking with reasons and sensitivity, and record the decision.

    The constraints may come in the query string (a link to a preview); "Rank and preview" posts them
    back with the ranking shown (``acts`` is false), "Record this decision" records it (one service).
    """

    allowed = staticmethod(can_manage)
    form_class = SelectionForm
    template_name = "assessments/selection_new.html"
    form_testid = "selection-form"
    grid = True
    the_round: Any = None

    def get_object(self) -> Any:
        self.the_round = round_get(user=self.request.user, pk=self.kwargs["round_pk"])
        self.dimensions, self.levels = instrument_parts(self.the_round.instrument)
        return None  # nothing is edited: the round is what the selection is about

    def get_form(self) -> SelectionForm:
        request = self.request
        data = request.POST if request.method == "POST" else (request.GET if "count" in request.GET else None)
        return SelectionForm(data, levels=self.levels, dimensions=self.dimensions)

    def acts(self, form: SelectionForm) -> bool:
        return "record" in self.request.POST

    def ranking(self, form: SelectionForm) -> tuple[Constraints, Any, dict[str, float], str, Any]:
        """The form's constraints, the candidates, weights and method, and the ranking they give."""
        constraints = Constraints(
            count=form.cleaned_data["count"],
            min_cluster_rank=form.min_cluster_rank(),
            max_per_province=form.cleaned_data["max_per_province"],
            min_per_host=form.min_per_host(),
        )
        candidates = selection_candidates(self.the_round)
        weights, method = form.weights(), form.cleaned_data["method"]
        return constraints, candidates, weights, method, select(candidates, constraints, weights, method)

    def write(self, form: SelectionForm) -> Selection:
        constraints, _candidates, weights, method, result = self.ranking(form)
        self.selected_count = len(result.selected_ids())
        return services.selection_record(
            round=self.the_round,
            constraints=constraints,
            min_cluster=form.cleaned_data["min_cluster"],
            weights=weights,
            method=method,
            result=result,
            user=self.request.user,
            note=form.cleaned_data["note"],
        )

    def get_success_message(self, saved: Selection) -> str:
        return _("Selection recorded: %(count)s centres designated incubators.") % {"count": self.selected_count}

    def get_success_url(self, saved: Selection) -> str:
        return reverse("assessments:selection_detail", args=[saved.pk])

    def get_back_url(self) -> str:
        return reverse("assessments:selection_list")

    def get_title(self) -> str:
        return f"{_('Select incubators')}: {self.the_round.name}"

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        context: dict[str, Any] = {"round": self.the_round}
        form = self.form
        if form is None or not form.is_bound or not form.is_valid():
            return context
        constraints, candidates, weights, method, result = self.ranking(form)
        centres = _centres({o.centre_id for o in result.outcomes})
        names = {d.code: _(d.name) for d in self.dimensions}
        context.update(
            outcomes=[(o, centres[o.centre_id]) for o in result.outcomes],
            selected_count=len(result.selected_ids()),
            shortfalls={HostKind(kind).label: missing for kind, missing in result.shortfalls.items()},
            sensitivity=[
                (names.get(row.dimension, row.dimension), row)
                for row in sensitivity(candidates, constraints, weights, method)
            ],
            reasons=dict(SelectionReason.choices),
        )
        return context


selection_new_view = SelectionNewView.as_view()


def _entries(selection: Selection) -> QuerySet[SelectionEntry]:
    """Every candidate in rank order; the ineligible (no rank) last, by code on every database."""
    return selection.entries.select_related("centre", "centre__province", "centre__host").order_by(
        F("rank").asc(nulls_last=True), "centre__code"
    )


@page(allowed=can_manage)
def selection_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The recorded ranking with every centre's decision, as XLSX or CSV."""
    if fmt not in FORMATS:
        raise Http404
    selection = selection_get(user=request.user, pk=pk)
    return export_response(
        rows=_entries(selection).iterator(chunk_size=1000),
        columns=SELECTION_EXPORT_COLUMNS,
        fmt=fmt,
        filename_stem=slugify(f"{_('incubator selection')} {selection.round.name}"),
        sheet_title=_("Incubator selection"),
    )


@page(allowed=can_manage)
def selection_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A recorded decision: constraints, who decided and when, every candidate with rank and reason."""
    selection = selection_get(user=request.user, pk=pk)
    entries = _entries(selection)
    host_minimums = {HostKind(kind).label: n for kind, n in selection.min_per_host.items() if kind in HostKind.values}
    context = {"selection": selection, "entries": entries, "host_minimums": host_minimums}
    return render(request, "assessments/selection_detail.html", context)
