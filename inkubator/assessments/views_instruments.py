"""Instrument pages (ministry administrators only; anyone else gets 404): list, detail, edit a draft, publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from inkubator.core import concurrency
from inkubator.core.screens import ObjectEditView, page

from . import services
from .forms import IndicatorAddForm, InstrumentEditForm, instrument_edit_layout
from .models import Gate, Indicator, Instrument
from .permissions import can_manage
from .selectors import instrument_get, instrument_list, instrument_parts


@page(allowed=can_manage)
def instrument_list_view(request: HttpRequest) -> HttpResponse:
    """Every instrument version with its status and how many rounds use it."""
    return render(request, "assessments/instrument_list.html", {"instruments": instrument_list(user=request.user)})


@page(allowed=can_manage)
def instrument_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's dimensions, indicators, cluster scheme and gates."""
    instrument = instrument_get(user=request.user, pk=pk)
    dimensions, levels = instrument_parts(instrument)
    context = {"instrument": instrument, "dimensions": dimensions, "levels": levels}
    return render(request, "assessments/instrument_detail.html", context)


@page(allowed=can_manage, methods=("POST",))
def instrument_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish a draft, retire a published version, or start a new draft version from any version."""
    instrument = instrument_get(user=request.user, pk=pk)
    try:
        if action == "publish":
            services.instrument_publish(instrument=instrument)
            messages.success(request, _("Version %(version)s is published.") % {"version": instrument.version})
        elif action == "retire":
            services.instrument_retire(instrument=instrument)
            messages.success(request, _("Version %(version)s is retired.") % {"version": instrument.version})
        elif action == "new-version":
            draft = services.instrument_new_version(instrument=instrument)
            messages.success(request, _("Draft version %(version)s created.") % {"version": draft.version})
            return redirect("assessments:instrument_edit", pk=draft.pk)
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("assessments:instrument_detail", pk=instrument.pk)


class InstrumentEditView(ObjectEditView):
    """Edit a draft version (a published one answers with its detail page and a message).

    One page edits many rows (dimensions, indicators, levels, gates): the version covers every value it
    shows, and the instrument's row is what is locked while a save checks and writes them.
    """

    allowed = staticmethod(can_manage)
    form_class = InstrumentEditForm
    template_name = "assessments/instrument_edit.html"
    part_values: concurrency.Values

    def get_object(self) -> Instrument:
        return instrument_get(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch_draft(self, handler: Any, request: HttpRequest) -> HttpResponse:
        if not self.object.is_draft:
            messages.warning(request, _("A published version cannot change: make a new version to edit it."))
            return redirect("assessments:instrument_detail", pk=self.object.pk)
        return handler(request)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.dispatch_draft(super().get, request)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.dispatch_draft(super().post, request)

    def get_form_kwargs(self) -> dict[str, Any]:
        dimensions, levels = instrument_parts(self.object)
        return {"data": self.request.POST or None, "dimensions": dimensions, "levels": levels}

    def get_form(self) -> InstrumentEditForm:
        form = self.form_class(**self.get_form_kwargs())
        self.part_values = _part_values(form)
        concurrency.add_version(form, self.object, (), values=self.part_values)
        return form

    def version_fields(self, form: Any) -> list[str]:
        return []

    def version_values(self) -> concurrency.Values:
        return self.part_values

    def write(self, form: Any) -> None:
        _apply(self.object, form.changes())

    def get_success_message(self, saved: Any) -> str:
        return _("The draft is saved.")

    def get_success_url(self, saved: Any) -> str:
        return reverse("assessments:instrument_detail", args=[self.object.pk])

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        self.form = form  # the layout groups the fields of the form shown (the posted one after a save failed)
        return super().render_form(form, status=status)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "instrument": self.object,
            "layout": instrument_edit_layout(self.form),
            "add_form": IndicatorAddForm(dimensions=self.object.dimensions.all()),
        }


instrument_edit_view = InstrumentEditView.as_view()


def _part_values(form: InstrumentEditForm) -> concurrency.Values:
    """Each field of the edit form → its value as stored now, read once per copy of the instrument (the
    values the form would open with, so the version and the form can never disagree)."""

    def stored(instrument: Instrument) -> dict[str, Any]:
        if "_version_parts" not in instrument.__dict__:
            dimensions, levels = instrument_parts(instrument)
            fresh = InstrumentEditForm(dimensions=dimensions, levels=levels)
            instrument.__dict__["_version_parts"] = {name: field.initial for name, field in fresh.fields.items()}
        return instrument.__dict__["_version_parts"]

    return {name: (lambda instrument, name=name: stored(instrument).get(name)) for name in list(form.fields)}


@page(allowed=can_manage, methods=("POST",))
def indicator_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an indicator to a dimension of a draft version."""
    instrument = instrument_get(user=request.user, pk=pk)
    form = IndicatorAddForm(request.POST, dimensions=instrument.dimensions.all())
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.indicator_create(
                dimension=data.pop("dimension"), code=data.pop("code"), question=data.pop("question"), **data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect("assessments:instrument_edit", pk=instrument.pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("assessments:instrument_edit", pk=instrument.pk)


def _apply(instrument: Instrument, changes: dict[str, dict[int, dict]]) -> None:
    """Hand each changed part of ``instrument`` to its service (each refuses a published version).

    Parts are looked up within the instrument the page edits (fetched through ``instrument_get``).
    """
    for pk, diff in changes["dimension"].items():
        services.dimension_update(dimension=instrument.dimensions.get(pk=pk), **diff)
    for pk, diff in changes["indicator"].items():
        indicator = Indicator.objects.select_related("dimension__instrument").get(
            dimension__instrument=instrument, pk=pk
        )
        services.indicator_update(indicator=indicator, **diff)
    for pk, diff in changes["level"].items():
        services.cluster_level_update(level=instrument.cluster_levels.get(pk=pk), **diff)
    for pk, diff in changes["gate"].items():
        gate = Gate.objects.select_related("level__instrument", "dimension").get(level__instrument=instrument, pk=pk)
        services.gate_set(level=gate.level, dimension=gate.dimension, min_score=diff["min_score"])
