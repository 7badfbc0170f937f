"""The tracer survey: who is due a call at 3 or 6 months after their batch ended, and the quick outcome form.

The form is short and phone-sized: a centre manager calls the graduate and taps the answer. With
htmx the form opens inside the worklist and the row turns into the recorded answer; without
JavaScript the same form is a page of its own.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from inkubator.core import concurrency
from inkubator.core.screens import ObjectEditView, page
from inkubator.people.permissions import can_reveal

from .choices import OutcomeWave
from .forms import OutcomeForm
from .permissions import can_manage_training
from .selectors import enrollment_get, tracer_worklist
from .services import outcome_record

PER_PAGE = 25
OUTCOME_FIELDS = ("status", "employer", "sector", "wage_band", "business_name", "wants_incubation", "surveyed_at")


def _wave(value: str | None) -> int:
    try:
        wave = int(value or OutcomeWave.THREE)
    except ValueError:
        wave = OutcomeWave.THREE
    return wave if wave in OutcomeWave.values else OutcomeWave.THREE


@page()
def tracer_view(request: HttpRequest) -> HttpResponse:
    """Graduates due a survey at the chosen wave (or already reached), oldest batch first."""
    wave = _wave(request.GET.get("wave"))
    done = request.GET.get("show") == "done"
    rows = tracer_worklist(user=request.user, wave=wave, done=done)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "wave": wave,
        "done": done,
        "waves": OutcomeWave.choices,
        "can_manage": can_manage_training(request.user),
        "can_reveal": can_reveal(request.user),
    }
    response = render(request, "training/tracer.html", context)
    add_never_cache_headers(response)
    return response


class OutcomeFormView(ObjectEditView):
    """Record a graduate's answer at ``wave``; an htmx request gets the form or the recorded row back."""

    allowed = staticmethod(can_manage_training)
    private = True  # a person's job and wage
    form_class = OutcomeForm
    service = staticmethod(outcome_record)
    template_name = "training/outcome_form.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.wave = kwargs["wave"]
        if self.wave not in OutcomeWave.values:
            raise Http404
        self.enrollment = enrollment_get(user=request.user, pk=kwargs["pk"])
        super().prepare(request, **kwargs)

    def get_object(self) -> Any:
        """The enrolment: its row is locked on save, and the version covers its answer at this wave
        (none yet, or its values), so two calls recording the same graduate never overwrite each other."""
        return self.enrollment

    def version_fields(self, form: Any) -> list[str]:
        return []

    def version_values(self) -> concurrency.Values:
        return concurrency.related_values(lambda e: e.outcomes.filter(wave=self.wave).first(), OUTCOME_FIELDS)

    def get_form_kwargs(self) -> dict[str, Any]:
        existing = self.enrollment.outcomes.filter(wave=self.wave).first()
        initial: dict[str, Any] = {"wave": self.wave, "surveyed_at": timezone.localdate()}
        if existing:
            initial.update({name: getattr(existing, name) for name in OUTCOME_FIELDS})
        return {"data": self.request.POST or None, "initial": initial}

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        data = {name: value for name, value in form.cleaned_data.items() if name != "wave"}
        return {**data, "enrollment": self.enrollment, "wave": self.wave, "user": self.request.user}

    def get_template_names(self) -> str:
        return "training/_outcome_form.html" if self.request.htmx else self.template_name

    def saved_response(self, saved: Any) -> HttpResponse:
        if self.request.htmx:
            return render(self.request, "training/_tracer_done.html", {"enrollment": self.enrollment, "outcome": saved})
        return super().saved_response(saved)

    def get_success_message(self, saved: Any) -> str:
        return _("Outcome of %(name)s recorded.") % {"name": self.enrollment.person.name}

    def get_success_url(self, saved: Any) -> str:
        return _tracer_url(self.wave)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"enrollment": self.enrollment, "wave": self.wave, "can_reveal": can_reveal(request.user)}


outcome_form_view = OutcomeFormView.as_view()


def _tracer_url(wave: int) -> str:
    from django.urls import reverse

    return f"{reverse('training:tracer')}?wave={wave}"
