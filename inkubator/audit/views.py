"""The audit trail: per object and per user, for ministry admins only."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inkubator.core.screens import ObjectListView

from .filters import AuditFilter
from .selectors import audit_entries_visible_to, can_read_audit
from .tables import AuditTable


class AuditListView(ObjectListView):
    """Who changed what and when; other roles get 404, as for anything outside their scope."""

    allowed = staticmethod(can_read_audit)
    selector = staticmethod(audit_entries_visible_to)
    filterset_class = AuditFilter
    table_class = AuditTable
    per_page = 50
    title = _("Audit trail")
    testid = "audit"
    filter_col_class = "col-12 col-md-4 col-lg-3"


audit_list = AuditListView.as_view()
