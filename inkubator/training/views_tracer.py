"""The tracer survey: who is due a call at 3 or 6 months after their batch ended, and the quick outcome form.

The form is short and phone-sized: a centre manager calls the graduate and taps the answer. With
htmx the form opens inside the worklist and the row turns into the recorded answer; without
JavaScript the same form is a page of its own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inkubator.people.permissions import can_reveal

from .choices import OutcomeWave
from .forms import OutcomeForm
from .permissions import can_manage_training
from .selectors import enrollment_get, tracer_worklist
from .services import outcome_record

PER_PAGE = 25


def _wave(value: str | None) -> int:
    try:
        wave = int(value or OutcomeWave.THREE)
    except ValueError:
        wave = OutcomeWave.THREE
    return wave if wave in OutcomeWave.values else OutcomeWave.THREE


@login_required
@require_GET
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


@login_required
@require_http_methods(["GET", "POST"])
def outcome_form_view(request: HttpRequest, pk: int, wave: int) -> HttpResponse:
    """Record a graduate's answer at ``wave``; an htmx request gets the form or the recorded row back."""
    if not can_manage_training(request.user) or wave not in OutcomeWave.values:
        raise Http404
    enrollment = enrollment_get(user=request.user, pk=pk)
    existing = enrollment.outcomes.filter(wave=wave).first()
    initial = {"wave": wave, "surveyed_at": timezone.localdate()}
    if existing:
        initial.update(
            status=existing.status,
            employer=existing.employer,
            sector=existing.sector,
            wage_band=existing.wage_band,
            business_name=existing.business_name,
            wants_incubation=existing.wants_incubation,
            surveyed_at=existing.surveyed_at,
        )
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("wave")
        try:
            outcome = outcome_record(enrollment=enrollment, wave=wave, user=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if request.htmx:
                return render(request, "training/_tracer_done.html", {"enrollment": enrollment, "outcome": outcome})
            messages.success(request, _("Outcome of %(name)s recorded.") % {"name": enrollment.person.name})
            return redirect(_tracer_url(wave))
    template = "training/_outcome_form.html" if request.htmx else "training/outcome_form.html"
    context = {"form": form, "enrollment": enrollment, "wave": wave, "can_reveal": can_reveal(request.user)}
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


def _tracer_url(wave: int) -> str:
    from django.urls import reverse

    return f"{reverse('training:tracer')}?wave={wave}"
