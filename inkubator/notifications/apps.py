from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "inkubator.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from inkubator.core.navigation import NavItem, register_menu
        from inkubator.core.roles import Role
        from inkubator.people.subject_data import register_person_data

        from . import models

        # The address and the text name the person: blanked when their data are erased (the row stays as
        # the record that a message went out).
        register_person_data(models.Notification, erase=["address", "subject", "body"])
        register_menu(
            NavItem(_("Notifications"), "notifications:list", "bell", frozenset({Role.ENTREPRENEUR}), order=254)
        )
