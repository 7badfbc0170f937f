from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data-subject rights (UU 27/2022): export, correction, erasure of one person's data; retention."""

    name = "inkubator.privacy"
    verbose_name = _("Personal data rights")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import NavItem, register_menu
        from inkubator.core.roles import Role
        from inkubator.people.subject_data import register_person_data

        from . import models

        # The register of requests points at the person but is the record of the acts, not data about them.
        register_person_data(models.DataSubjectRequest, walk=False)
        auditlog.register(models.DataSubjectRequest)
        register_menu(
            NavItem(_("Personal data rights"), "privacy:index", "person-lock", frozenset({Role.MINISTRY_ADMIN}),
                    "admin", order=430)
        )  # fmt: skip
