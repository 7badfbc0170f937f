"""The audit trail as a table (rows from ``selectors.audit_entries_visible_to``)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from auditlog.models import LogEntry
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from inkubator.core.screens.columns import DateTimeColumn

from .selectors import entry_changes


class AuditTable(tables.Table):
    """When, who (a link to their actions), what, on which record (a link to its history), the changes."""

    timestamp = DateTimeColumn(verbose_name=_("When"), attrs={"td": {"class": "text-nowrap"}})
    actor = tables.Column(verbose_name=_("Who"), empty_values=())
    action = tables.Column(verbose_name=_("Action"))
    record = tables.Column(verbose_name=_("Record"), empty_values=(), accessor="object_repr")
    changes = tables.Column(verbose_name=_("Changes"), empty_values=(), attrs={"td": {"class": "small"}})

    class Meta:
        model = LogEntry
        fields = ("timestamp", "actor", "action", "record", "changes")
        attrs = {"class": "table table-sm align-middle", "data-testid": "audit-table"}
        empty_text = _("No entries.")
        orderable = False

    def render_actor(self, record: LogEntry) -> str:
        if record.actor is None:
            return format_html('<span class="text-muted">{}</span>', _("system"))
        return format_html('<a href="?{}">{}</a>', urlencode({"actor": record.actor_id}), record.actor)

    def render_action(self, record: LogEntry) -> str:
        return record.get_action_display()

    def render_record(self, record: LogEntry) -> str:
        query = urlencode({"content_type": record.content_type_id, "object_pk": record.object_pk})
        return format_html('<a href="?{}">{} · {}</a>', query, record.content_type.name, record.object_repr)

    def render_changes(self, record: Any) -> str:
        return format_html_join(
            "",
            "<div><strong>{}</strong>: {}{}</div>",
            (
                (change.label, format_html("{} → ", change.before) if change.before else "", change.after)
                for change in entry_changes(record)
            ),
        )
