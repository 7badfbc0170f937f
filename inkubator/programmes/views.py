"""Programme pages: targets with their progress and early warning; targets set by the ministry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core.exports import FORMATS, Column, export_response
from inkubator.core.periods import requested_year
from inkubator.core.roles import Role, effective_role
from inkubator.core.scoping import sees_everything
from inkubator.core.screens import ObjectEditView, page

from .forms import TargetForm
from .indicators import INDICATORS
from .models import Target
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


@page(methods=None)
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


@page(methods=None)
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


class TargetCreateView(ObjectEditView):
    """A new target (ministry admins only); ``target_set`` checks it is one per indicator, year and place."""

    allowed = staticmethod(sees_everything)
    form_class = TargetForm
    service = staticmethod(target_set)
    object_kwarg = "target"
    form_testid = "target-form"
    template_name = "programmes/target_form.html"
    title = gettext_lazy("New target")
    success_message = gettext_lazy("The target is saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.object is None:
            kwargs["initial"] = {"year": _target_year(self.request)}
        return kwargs

    def service_kwargs(self, form: TargetForm) -> dict[str, Any]:
        return {**super().service_kwargs(form), "user": self.request.user}

    def get_success_url(self, saved: Target | None) -> str:
        year = saved.year if saved is not None else _target_year(self.request)
        return f"{reverse('programmes:progress')}?year={year}"


class TargetUpdateView(TargetCreateView):
    """Change a target, or remove it with the form's Remove button (ministry admins only)."""

    title = gettext_lazy("Edit target")

    def get_object(self) -> Target:
        return get_object_or_404(targets_for(user=self.request.user), pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "delete" not in request.POST:
            return super().post(request, *args, **kwargs)
        # Remove sits in the edit form (one page for a target), so it posts here, not to a page of its own.
        year = self.object.year
        target_delete(user=request.user, target=self.object)
        messages.success(request, _("The target is removed."))
        return HttpResponseRedirect(f"{reverse('programmes:progress')}?year={year}")


target_create_view = TargetCreateView.as_view()
target_update_view = TargetUpdateView.as_view()
