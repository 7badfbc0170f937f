from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "inkubator.programmes"
    verbose_name = _("Programmes and targets")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import STEERING, NavGroup, NavItem, register_menu

        from .models import Programme, Target

        auditlog.register(Programme)
        auditlog.register(Target)
        register_menu(
            NavItem(_("Targets"), "programmes:progress", "bullseye", STEERING, "steering", order=300),
            groups=[NavGroup("steering", _("Steering"), "bullseye")],
        )
