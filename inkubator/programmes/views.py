"""Programme pages: targets with their progress and early warning; targets set by the ministry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.core.exports import FORMATS, Column, export_response
from inkubator.core.periods import requested_year
from inkubator.core.roles import Role, effective_role
from inkubator.core.scoping import sees_everything

from .forms import TargetForm
from .indicators import INDICATORS
from .selectors import furthest_behind, progress_list, targets_for
from .services import target_delete, target_set

FIRST_TARGET_YEAR = 2017  # the first cohort of centres
TARGET_ROLES = {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR}


def _allowed(request: HttpRequest) -> None:
    role = effective_role(request.user)
    if role not in TARGET_ROLES:
        raise Http404


def _target_year(request: HttpRequest) -> int:
    """Targets go back to the first cohort and are set up to five years ahead."""
    return requested_year(request, back=timezone.localdate().year - FIRST_TARGET_YEAR, ahead=5)


@login_required
def target_progress_view(request: HttpRequest) -> HttpResponse:
    """Each target of the year: to date, expected by now, forecast, pace needed; who is furthest behind."""
    _allowed(request)
    year = _target_year(request)
    progress = progress_list(user=request.user, year=year)
    codes = [p.indicator.code for p in progress if p.target.level == "national"]
    chosen = request.GET.get("behind") if request.GET.get("behind") in codes else (codes[0] if codes else None)
    provinces, centres = ([], [])
    if chosen:
        provinces, centres = furthest_behind(user=request.user, indicator=INDICATORS[chosen], year=year)
    current = timezone.localdate().year
    context = {
        "year": year,
        "years": list(range(current + 1, current - 6, -1)),
        "progress": progress,
        "behind_codes": [(code, INDICATORS[code].label) for code in dict.fromkeys(codes)],
        "chosen": chosen,
        "behind_provinces": provinces,
        "behind_centres": centres,
        "can_edit": sees_everything(request.user),
    }
    return render(request, "programmes/progress.html", context)


@login_required
def target_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The targets of the year with their progress, as XLSX or CSV."""
    _allowed(request)
    if fmt not in FORMATS:
        raise Http404
    year = _target_year(request)
    columns = [
        Column(_("Programme"), lambda p: p.target.programme.name),
        Column(_("Indicator"), lambda p: str(p.indicator.label)),
        Column(_("Year"), lambda p: p.target.year),
        Column(_("Place"), lambda p: str(p.target.regency or p.target.province or _("National"))),
        Column(_("Target"), lambda p: p.target.value),
        Column(_("To date"), lambda p: p.actual),
        Column(_("Expected by now"), lambda p: round(p.expected)),
        Column(_("Forecast"), lambda p: p.forecast),
        Column(_("Needed per month"), lambda p: round(p.pace_needed) if p.pace_needed is not None else ""),
    ]
    return export_response(
        rows=progress_list(user=request.user, year=year), columns=columns, fmt=fmt, filename_stem=f"targets-{year}"
    )


def _form_page(request: HttpRequest, form: TargetForm, target: object | None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            target_set(user=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target is saved."))
            return HttpResponseRedirect(f"{reverse('programmes:progress')}?year={form.cleaned_data['year']}")
    return render(request, "programmes/target_form.html", {"form": form, "target": target})


@login_required
def target_create_view(request: HttpRequest) -> HttpResponse:
    """A new target (ministry admins only)."""
    if not sees_everything(request.user):
        raise Http404
    return _form_page(
        request,
        TargetForm(
            data=request.POST or None,
            initial={"year": _target_year(request)},
        ),
        None,
    )


@login_required
def target_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or remove a target (ministry admins only)."""
    if not sees_everything(request.user):
        raise Http404
    target = get_object_or_404(targets_for(user=request.user), pk=pk)
    if request.method == "POST" and "delete" in request.POST:
        year = target.year
        target_delete(user=request.user, target=target)
        messages.success(request, _("The target is removed."))
        return HttpResponseRedirect(f"{reverse('programmes:progress')}?year={year}")
    form = TargetForm(data=request.POST or None, instance=target)
    return _form_page(request, form, target)
