"""Centre register pages: the scoped list and its export, the completeness list, create and edit.

Every page starts from ``centre_list(user=...)`` (``visible_to``): a centre outside the user's scope
is never listed, exported or editable, and answers 404. Pages a role has no business with answer 404
too, so that their existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Avg
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_tables2 import RequestConfig

from inkubator.core.exports import FORMATS, export_response
from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything

from .filters import CentreFilter, CompletenessFilter
from .forms import CentreForm
from .models import Centre
from .permissions import can_register_centres
from .selectors import centre_get, centre_list, centre_register_list, host_institution_list, with_completeness
from .tables import CENTRE_EXPORT_COLUMNS, CentreTable, CompletenessTable

PER_PAGE = 25
EXPORT_CHUNK = 1000  # rows read (and fields prefetched) per query while exporting
# Coordinators chase the gaps in their region; the ministry sees the whole country.
COMPLETENESS_ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


def _filtered_table(request: HttpRequest, *, paginate: bool) -> tuple[CentreFilter, CentreTable]:
    """The register filtered and sorted as the query string asks; no rows when a filter is invalid."""
    filterset = CentreFilter(request.GET or None, queryset=centre_register_list(user=request.user), user=request.user)
    rows = filterset.qs if filterset.is_valid_or_unbound else filterset.queryset.none()
    table = CentreTable(rows)
    RequestConfig(request, paginate={"per_page": PER_PAGE} if paginate else False).configure(table)
    return filterset, table


@login_required
@require_GET
def centre_list_view(request: HttpRequest) -> HttpResponse:
    """All centres in the user's scope, filtered, sorted and paginated, with export links."""
    filterset, table = _filtered_table(request, paginate=True)
    query = request.GET.copy()
    query.pop("page", None)  # an export holds every matching row, not one page
    context = {
        "filter": filterset,
        "table": table,
        "export_query": query.urlencode(),
        "can_create": can_register_centres(request.user),
        "can_see_completeness": _may_see_completeness(request.user),
    }
    return render(request, "centres/list.html", context)


@login_required
@require_GET
def centre_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """Exactly the rows the list shows for the same query string (every page), as XLSX or CSV.

    Headers are in the user's language. Centres are not personal data, so nothing is recorded in
    the audit trail; an export of personal data passes ``on_written`` to record itself.
    """
    if fmt not in FORMATS:
        raise Http404
    filterset, table = _filtered_table(request, paginate=False)
    if not filterset.is_valid_or_unbound:
        # Exporting more than asked would be worse than exporting nothing: name what is wrong.
        problems = [
            f"{filterset.form.fields[name].label}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        ]
        message = "\n".join([_("The filters are not valid."), *problems])
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    rows = table.data.data  # the filtered queryset in the table's sort order
    return export_response(
        rows=rows.iterator(chunk_size=EXPORT_CHUNK),
        columns=CENTRE_EXPORT_COLUMNS,
        fmt=fmt,
        filename_stem=slugify(_("centres")),
        sheet_title=_("Centres"),
    )


def _may_see_completeness(user: Any) -> bool:
    return sees_everything(user) or getattr(user, "role", None) in COMPLETENESS_ROLES


@login_required
@require_GET
def centre_completeness_view(request: HttpRequest) -> HttpResponse:
    """Centres in scope from the least to the most complete profile, with what each one lacks."""
    if not _may_see_completeness(request.user):
        raise Http404
    filterset = CompletenessFilter(request.GET or None, queryset=centre_list(user=request.user), user=request.user)
    rows = filterset.qs if filterset.is_valid_or_unbound else filterset.queryset.none()
    rows = with_completeness(rows).order_by("completeness", "code")
    table = CompletenessTable(rows)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    average = rows.order_by().aggregate(average=Avg("completeness"))["average"]
    context = {"filter": filterset, "table": table, "average": None if average is None else round(average)}
    return render(request, "centres/completeness.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def centre_create_view(request: HttpRequest) -> HttpResponse:
    """Register a new centre (ministry admins and regional coordinators, within their region)."""
    if not can_register_centres(request.user):
        raise Http404
    return _centre_form(request, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def centre_update_view(request: HttpRequest, code: str) -> HttpResponse:
    """Edit a centre's registration; 404 for other roles and for centres outside the user's scope."""
    if not can_register_centres(request.user):
        raise Http404
    return _centre_form(request, instance=centre_get(user=request.user, code=code))


def _centre_form(request: HttpRequest, *, instance: Centre | None) -> HttpResponse:
    if request.method == "GET" and request.GET.get("part") == "hosts":
        return _host_options(request)
    title = instance.name if instance is not None else None  # before a failed save changes the object
    form = CentreForm(request.POST or None, user=request.user, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            centre = form.save()
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            message = _("Centre %(name)s saved.") % {"name": centre.name}
            messages.success(request, message)
            return redirect("centres:detail", code=centre.code)
    return render(request, "centres/form.html", {"form": form, "centre": instance, "title": title})


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
