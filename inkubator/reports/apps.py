from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "inkubator.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import STAFF, NavItem, register_menu

        from .models import ReportJob

        # Who asked for which report, and when it was ready: downloads of figures are on record.
        auditlog.register(ReportJob, exclude_fields=["progress"])
        register_menu(NavItem(_("Reports"), "reports:list", "file-earmark-pdf", STAFF, "steering", order=310))
