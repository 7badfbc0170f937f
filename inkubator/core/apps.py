from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inkubator.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from .navigation import NavGroup, check_menu, register_menu

        checks.register(check_menu)
        # The one group that belongs to no domain: imports, regions and the audit trail sit in it.
        register_menu(groups=[NavGroup("admin", _("Administration"), "gear")])
