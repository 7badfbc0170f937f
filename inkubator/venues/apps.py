from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "inkubator.venues"
    verbose_name = _("Training venues")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.navigation import NavItem, register_menu

        from . import models
        from .permissions import VIEW_ROLES

        auditlog.register(models.Venue, m2m_fields={"fields"})
        # In the "centres" group (registered by the centres app): the places cohorts are trained.
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="venues",
                importer="inkubator.venues.importers.VenueImporter",
                spec="inkubator.venues.importers.SPEC",
                permission="inkubator.venues.permissions.can_register_venues",
                order=50,
            )
        )
        register_menu(NavItem(_("Training venues"), "venues:list", "buildings", VIEW_ROLES, "centres", order=120))
