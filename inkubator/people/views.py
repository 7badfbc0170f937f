"""People pages: a person's record (masked), the audited reveal of NIK and phone, duplicates and merge.

Every page starts from ``Person.objects.visible_to`` (through the selectors): a person never enrolled
at the user's centres or region answers 404. Pages send ``Cache-Control: no-store``; NIKs never
appear in a URL (people are addressed by their record number).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from inkubator.core.screens import ObjectFormView, page

from .forms import MergeForm
from .permissions import can_merge, can_reveal
from .selectors import duplicate_groups, person_get, person_list
from .services import person_merge, person_reveal


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@page()
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


@page(allowed=can_reveal, methods=("POST",))
def person_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The full NIK and phone (htmx fragment), for roles that need them; each reveal is audited."""
    person = person_reveal(person=person_get(user=request.user, pk=pk), user=request.user)
    return _private(render(request, "people/_revealed.html", {"person": person}))


class DuplicatesView(ObjectFormView):
    """Records that may be one person (same name, birth date and regency, one without NIK), to merge by
    hand: each group is a form of its own posting two records here; the page comes back with a message
    either way (a refused merge too), so a reload never posts a merge twice."""

    allowed = staticmethod(can_merge)
    private = True
    form_class = MergeForm
    service = staticmethod(person_merge)  # person_merge(keep=, other=, user=)
    refusal_redirect = True
    template_name = "people/duplicates.html"
    success_url = reverse_lazy("people:duplicates")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "people": person_list(user=self.request.user)}

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"groups": duplicate_groups(user=request.user)} if request.method == "GET" else {}

    def get_success_message(self, saved: Any) -> str:
        return _("Records merged into %(name)s.") % {"name": self.form.cleaned_data["keep"].name}


duplicates_view = DuplicatesView.as_view()
