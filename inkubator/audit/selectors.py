"""Reads of the audit trail (django-auditlog's LogEntry). Only ministry admins read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import is_ministry_admin


def can_read_audit(user: Any) -> bool:
    """Ministry admins (and superusers) read the trail; nobody else does."""
    return is_ministry_admin(user)


def audit_entries_visible_to(user: Any) -> QuerySet[LogEntry]:
    """The audit entries ``user`` may read: all for ministry admins, none for anyone else."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    return entries if can_read_audit(user) else entries.none()


def audit_entries(
    *, user: Any, actor_id: int | None = None, content_type_id: int | None = None, object_pk: str | None = None
) -> QuerySet[LogEntry]:
    """The trail narrowed to one user's actions and/or one object's history."""
    return audit_narrow(
        audit_entries_visible_to(user), actor_id=actor_id, content_type_id=content_type_id, object_pk=object_pk
    )


def audit_narrow(
    entries: QuerySet[LogEntry],
    *,
    actor_id: int | None = None,
    content_type_id: int | None = None,
    object_pk: str | None = None,
) -> QuerySet[LogEntry]:
    """``entries`` of one user's actions and/or one object's history."""
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if content_type_id is not None:
        entries = entries.filter(content_type_id=content_type_id)
    if object_pk:
        entries = entries.filter(object_pk=object_pk)
    return entries


@dataclass(frozen=True)
class Change:
    """One field's change in an audit entry, ready to show."""

    label: str
    before: str
    after: str


M2M_OPERATIONS = {"add": _("added"), "delete": _("removed"), "clear": _("cleared")}


def _shown(value: Any, choices: dict[str, str]) -> str:
    if value in (None, "None", ""):
        return "—"
    return str(choices.get(value, value))


def entry_changes(entry: LogEntry) -> list[Change]:
    """The changes of ``entry`` with field labels and choice names, without a query per value."""
    model = entry.content_type.model_class()
    changes = []
    for name, values in entry.changes_dict.items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", name))
        if isinstance(values, dict) and values.get("type") == "m2m":
            operation = M2M_OPERATIONS.get(values.get("operation"), values.get("operation"))
            changes.append(Change(label, "", f"{operation}: {', '.join(map(str, values.get('objects', [])))}"))
            continue
        choices = {str(k): v for k, v in getattr(field, "flatchoices", [])} if field else {}
        before, after = (list(values) + [None, None])[:2]
        changes.append(Change(label, _shown(before, choices), _shown(after, choices)))
    return changes
