from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "inkubator.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import STEERING, NavGroup, NavItem, register_menu

        from . import models

        # NIK, phone and address are personal data: the trail records that they changed, not the values.
        auditlog.register(models.Person, mask_fields=["nik", "phone", "address"], exclude_fields=["name_key"])
        auditlog.register(models.PersonMerge)
        # The "people" group holds the programmes people go through (training, incubation, …).
        register_menu(
            NavItem(_("Possible duplicates"), "people:duplicates", "people", STEERING, "people", order=240),
            groups=[NavGroup("people", _("Training and incubation"), "mortarboard")],
        )

        from .subject_data import register_person_data

        # The name of a record merged into this person is theirs too: blanked when they are erased.
        register_person_data(models.PersonMerge, erase=["other_name"])
