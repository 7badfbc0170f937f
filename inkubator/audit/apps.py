from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "inkubator.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from inkubator.core.navigation import NavItem, register_menu
        from inkubator.core.roles import Role

        register_menu(
            NavItem(
                _("Audit trail"), "audit:list", "journal-text", frozenset({Role.MINISTRY_ADMIN}), "admin", order=420
            )
        )
