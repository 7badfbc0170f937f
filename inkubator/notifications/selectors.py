"""Reading notifications: an account's own, newest first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Channel, Notification


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The messages ``user`` received in the application (their own only, whatever their role)."""
    return Notification.objects.visible_to(user).filter(recipient=user, channel=Channel.IN_APP, sent_at__isnull=False)
