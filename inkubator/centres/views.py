"""Centre register pages: the scoped list and its export, the completeness list, create and edit.

Every page starts from ``centre_list(user=...)`` (``visible_to``): a centre outside the user's scope
is never listed, exported or editable, and answers 404. Pages a role has no business with answer 404
too, so that their existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from inkubator.core.roles import Role, effective_role
from inkubator.core.scoping import sees_everything
from inkubator.core.screens import ObjectEditView, ObjectListView

from .filters import CentreFilter, CompletenessFilter
from .forms import CentreForm
from .models import Centre
from .permissions import can_register_centres
from .selectors import centre_get, centre_list, centre_register_list, host_institution_list, with_completeness
from .tables import CENTRE_EXPORT_COLUMNS, CENTRE_PAGE_FIELDS, CentreTable, CompletenessTable

# Coordinators chase the gaps in their region; the ministry sees the whole country.
COMPLETENESS_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


def _may_see_completeness(user: Any) -> bool:
    return sees_everything(user) or effective_role(user) in COMPLETENESS_ROLES


class CentreListView(ObjectListView):
    """All centres in the user's scope, filtered, sorted and paginated, with export links.

    The export holds exactly the rows the list shows for the same query string (every page). Centres
    are not personal data, so nothing is recorded in the audit trail.
    """

    selector = staticmethod(centre_register_list)
    filterset_class = CentreFilter
    table_class = CentreTable
    template_name = "centres/list.html"
    title = gettext_lazy("Centres")
    testid = "centre"
    count_label = ngettext_lazy("%(counter)s centre", "%(counter)s centres", "counter")
    export_columns = CENTRE_EXPORT_COLUMNS
    export_url_name = "centres:export"
    export_filename = gettext_lazy("centres")
    create = (gettext_lazy("New centre"), "centres:create", "centre-create")
    may_create = staticmethod(can_register_centres)

    def page_rows(self, rows: QuerySet) -> QuerySet:
        # What the table shows (CentreTable; the fields come prefetched): a page builds no district or
        # village, and no centre field it does not show.
        return rows.select_related(None).select_related("host", "regency", "province").only(*CENTRE_PAGE_FIELDS)

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_see_completeness": _may_see_completeness(request.user)}


class CentreCompletenessView(ObjectListView):
    """Centres in scope from the least to the most complete profile, with what each one lacks."""

    allowed = staticmethod(_may_see_completeness)
    selector = staticmethod(centre_list)
    filterset_class = CompletenessFilter
    table_class = CompletenessTable
    template_name = "centres/completeness.html"
    title = gettext_lazy("Profile completeness")
    testid = "completeness"

    def arrange(self, rows: Any) -> Any:
        return with_completeness(rows).order_by("completeness", "code")

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        average = self.table.data.data.order_by().aggregate(average=Avg("completeness"))["average"]
        return {"average": None if average is None else round(average)}


class CentreEditView(ObjectEditView):
    """Register a new centre or edit one's registration (ministry admins and regional coordinators).

    404 for other roles and for centres outside the user's scope. ``CentreForm.save`` writes the
    centre (and a new host) through the services in one transaction.
    """

    allowed = staticmethod(can_register_centres)
    form_class = CentreForm
    template_name = "centres/form.html"

    def get_object(self) -> Centre | None:
        code = self.kwargs.get("code")
        return centre_get(user=self.request.user, code=code) if code else None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("part") == "hosts":
            return _host_options(request)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST or None, "user": self.request.user, "instance": self.object}

    def get_title(self) -> str:
        # Read before a failed save changes the object.
        return self.object.name if self.object is not None else ""

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"centre": self.object}

    def get_success_message(self, saved: Centre) -> str:
        return _("Centre %(name)s saved.") % {"name": saved.name}

    def get_success_url(self, saved: Centre | None) -> str:
        return reverse("centres:detail", args=[saved.code]) if saved is not None else reverse("centres:list")


centre_list_view = CentreListView.as_view()
centre_export_view = CentreListView.as_view()
centre_completeness_view = CentreCompletenessView.as_view()
centre_create_view = CentreEditView.as_view()
centre_update_view = CentreEditView.as_view()


def _host_options(request: HttpRequest) -> HttpResponse:
    """The ``<option>``s of the host select for the chosen regency/city (htmx), within the scope."""
    regency = request.GET.get("regency", "")
    hosts = host_institution_list(user=request.user).filter(regency_id=regency) if regency else []
    selected = request.GET.get("host", "")
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((h.pk, mark_safe(" selected") if str(h.pk) == selected else "", h.name) for h in hosts),  # noqa: S308
    )
    return HttpResponse(format_html('<option value="">{}</option>', "---------") + options)
