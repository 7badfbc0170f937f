"""People pages: a person's record (masked), the audited reveal of NIK and phone, duplicates and merge.

Every page starts from ``Person.objects.visible_to`` (through the selectors): a person never enrolled
at the user's centres or region answers 404. Pages send ``Cache-Control: no-store``; NIKs never
appear in a URL (people are addressed by their record number).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import MergeForm
from .permissions import can_merge, can_reveal
from .selectors import duplicate_groups, person_get, person_list
from .services import person_merge, person_reveal


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's record with NIK and phone masked, and their enrolments in the user's scope."""
    from inkubator.training.models import Enrollment

    person = person_get(user=request.user, pk=pk)
    enrolments = (
        Enrollment.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("batch", "batch__centre", "batch__field")
        .order_by("-batch__start_date")
    )
    context = {"person": person, "enrolments": enrolments, "can_reveal": can_reveal(request.user)}
    return _private(render(request, "people/detail.html", context))


@login_required
@require_POST
def person_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The full NIK and phone (htmx fragment), for roles that need them; each reveal is audited."""
    if not can_reveal(request.user):
        raise Http404
    person = person_reveal(person=person_get(user=request.user, pk=pk), user=request.user)
    return _private(render(request, "people/_revealed.html", {"person": person}))


@login_required
@require_http_methods(["GET", "POST"])
def duplicates_view(request: HttpRequest) -> HttpResponse:
    """Records that may be one person (same name, birth date and regency, one without NIK), to merge by hand."""
    if not can_merge(request.user):
        raise Http404
    if request.method == "POST":
        form = MergeForm(request.POST, people=person_list(user=request.user))
        if form.is_valid():
            try:
                person_merge(keep=form.cleaned_data["keep"], other=form.cleaned_data["other"], user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Records merged into %(name)s.") % {"name": form.cleaned_data["keep"].name})
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("people:duplicates")
    groups = duplicate_groups(user=request.user)
    return _private(render(request, "people/duplicates.html", {"groups": groups}))
