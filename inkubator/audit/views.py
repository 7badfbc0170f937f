"""The audit trail: per object and per user, for ministry admins only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import AuditFilterForm
from .selectors import audit_entries, can_read_audit, entry_changes


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """Who changed what and when; other roles get 404, as for anything outside their scope."""
    if not can_read_audit(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        user=request.user,
        actor_id=filters["actor"].pk if filters.get("actor") else None,
        content_type_id=filters["content_type"].pk if filters.get("content_type") else None,
        object_pk=filters.get("object_pk") or None,
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [(entry, entry_changes(entry)) for entry in page]
    return render(request, "audit/list.html", {"form": form, "page": page, "rows": rows})
