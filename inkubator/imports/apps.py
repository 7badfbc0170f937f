from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "inkubator.imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from inkubator.core.navigation import STEERING, NavItem, register_menu
        from inkubator.core.roles import Role

        register_menu(
            NavItem(_("Imports"), "imports:index", "upload", STEERING | {Role.CENTRE_MANAGER}, "admin", order=400)
        )
