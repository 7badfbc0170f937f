from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "inkubator.centres"
    verbose_name = _("Centres (BLK Komunitas)")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.indicators import register_indicator
        from inkubator.core.navigation import STAFF, STEERING, NavGroup, NavItem, register_menu

        from . import indicators, models

        for model in (models.HostInstitution, models.Centre, models.Agreement, models.Certificate, models.Asset):
            auditlog.register(model)
        # Staff phone numbers are personal data: the trail records that they changed, not the numbers.
        auditlog.register(models.Staff, mask_fields=["phone"])
        auditlog.register(models.CentreField)
        auditlog.register(models.VocationalField)
        # The "centres" group also holds what other apps do with centres (assessment, mentoring).
        register_menu(
            NavItem(_("Centres"), "centres:list", "building", STAFF, "centres", order=100),
            NavItem(_("Completeness"), "centres:completeness", "list-check", STEERING, "centres", order=110),
            groups=[NavGroup("centres", _("Centres"), "building")],
        )
        register_indicator(*indicators.INDICATORS)
        # The centre page's sections carry their icons as data: the icon sprite must hold them too.
        from inkubator.core.icons import register_icon_names

        from .sections import section_icons

        register_icon_names(section_icons)

        # The lists of centres this app imports (inkubator.imports runs the pages and the command).
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="centres",
                importer="inkubator.centres.importers.CentreImporter",
                spec="inkubator.centres.importers.CENTRE_SPEC",
                permission="inkubator.centres.permissions.can_register_centres",
                order=10,
            )
        )
