from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "inkubator.regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from inkubator.core.navigation import STEERING, NavItem, register_menu

        register_menu(NavItem(_("Regions"), "regions:search", "geo-alt", STEERING, "admin", order=410))
