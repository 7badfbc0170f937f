"""Reads of the audit trail (django-auditlog's LogEntry). Only ministry admins read it."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet

from inkubator.core.roles import Role


def can_read_audit(user: Any) -> bool:
    """Ministry admins (and superusers) read the trail; nobody else does."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.MINISTRY_ADMIN))


def audit_entries_visible_to(user: Any) -> QuerySet[LogEntry]:
    """The audit entries ``user`` may read: all for ministry admins, none for anyone else."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    return entries if can_read_audit(user) else entries.none()


def audit_entries(
    *, user: Any, actor_id: int | None = None, content_type_id: int | None = None, object_pk: str | None = None
) -> QuerySet[LogEntry]:
    """The trail narrowed to one user's actions and/or one object's history."""
    entries = audit_entries_visible_to(user)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if content_type_id is not None:
        entries = entries.filter(content_type_id=content_type_id)
    if object_pk:
        entries = entries.filter(object_pk=object_pk)
    return entries
