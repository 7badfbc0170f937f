"""An account's notifications: the list of what the system told them, marked read as it is shown."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from inkubator.core.screens import page

from .selectors import notification_list


@page()
def notification_list_view(request: HttpRequest) -> HttpResponse:
    """Own notifications, 20 a page; those shown are marked read (the unread stay highlighted this once)."""
    shown = Paginator(notification_list(user=request.user), 20).get_page(request.GET.get("page"))
    unread = [row.pk for row in shown if row.read_at is None]
    response = render(request, "notifications/list.html", {"page": shown, "unread": set(unread)})
    notification_list(user=request.user).filter(pk__in=unread).update(read_at=timezone.now())
    return response
