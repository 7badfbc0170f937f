from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inkubator.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import NavItem, register_menu
        from inkubator.core.roles import Role

        from . import checks  # noqa: F401  (registers the deployment check)
        from .models import User

        # Passwords and login timestamps are not audit material; role and scope changes are.
        auditlog.register(
            User,
            exclude_fields=["password", "last_login"],
            m2m_fields={"provinces", "regencies", "centres"},
        )
        register_menu(
            NavItem(_("Sign-in security"), "accounts:users_security", "shield-lock", frozenset({Role.MINISTRY_ADMIN}),
                    "admin", order=440)
        )  # fmt: skip
