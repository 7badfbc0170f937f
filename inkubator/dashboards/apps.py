from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "inkubator.dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from inkubator.core.navigation import STAFF, NavItem, register_menu

        from .todo_items import register_builtin

        register_menu(
            NavItem(_("Home"), "dashboards:home", "house", order=10),
            NavItem(_("Dashboard"), "dashboards:national", "speedometer2", STAFF, order=20),
        )
        register_builtin()
