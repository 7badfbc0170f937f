"""The audit trail's filter as a FilterSet for the generic list: the form is ``AuditFilterForm``."""

from __future__ import annotations

from typing import Any

import django_filters
from auditlog.models import LogEntry
from django.db.models import QuerySet

from .forms import AuditFilterForm
from .selectors import audit_narrow


class AuditFilter(django_filters.FilterSet):
    """Who acted, on which kind of record, on which record (``audit_narrow``); choices follow the reader's scope."""

    class Meta:
        model = LogEntry
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    @property
    def form(self) -> AuditFilterForm:
        if not hasattr(self, "_form"):
            self._form = AuditFilterForm(self.data if self.is_bound else None, user=self.user)
        return self._form

    def filter_queryset(self, queryset: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
        data = self.form.cleaned_data
        return audit_narrow(
            queryset,
            actor_id=data["actor"].pk if data.get("actor") else None,
            content_type_id=data["content_type"].pk if data.get("content_type") else None,
            object_pk=data.get("object_pk") or None,
        )
