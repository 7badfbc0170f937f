from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "inkubator.incubation"
    verbose_name = _("Incubation")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.centres.sections import CentreSection, register_section
        from inkubator.core.indicators import register_indicator
        from inkubator.core.navigation import STAFF, NavItem, register_menu
        from inkubator.core.roles import Role

        from . import indicators, models

        # The person's name copied for sorting is not a change of the tenant's: not in the trail.
        auditlog.register(models.Tenant, exclude_fields=["person_name"])
        for model in (
            models.TenantMember,
            models.Licence,
            models.StageGate,
            models.StageMove,
            models.Milestone,
            models.CoachingSession,
            models.CoachingAction,
            models.Diagnosis,
            models.DiagnosedProblem,
            models.Equipment,
        ):
            auditlog.register(model)
        # The business's address is personal data of a micro entrepreneur (often their home).
        auditlog.register(models.Business, mask_fields=["address"])
        # Business finances: the trail records that they changed, not the amounts.
        auditlog.register(models.MonthlyReport, mask_fields=["revenue", "costs"])
        auditlog.register(models.ReportLock)
        auditlog.register(models.Grant, mask_fields=["amount"])
        auditlog.register(models.Loan, mask_fields=["amount"])
        # The person's own account, and the free text about them that erasure blanks (rows stay).
        from inkubator.people.subject_data import register_person_data

        register_person_data(models.Tenant, accounts=["entrepreneur"])
        from inkubator.people.name_copies import register_name_copy

        register_name_copy(models.Tenant, person="person", copy="person_name")
        register_person_data(models.Business, erase=["address"])
        register_person_data(models.CoachingSession, erase=["notes"])
        register_person_data(models.Diagnosis, erase=["notes"])
        register_section(CentreSection(_("Incubation"), "incubation:centre_board", "rocket-takeoff", order=50))
        register_menu(
            NavItem(_("Incubation"), "incubation:board", "rocket-takeoff", STAFF, "people", order=230),
            NavItem(_("My business"), "incubation:mine", "shop", frozenset({Role.ENTREPRENEUR}), order=250),
        )
        register_indicator(*indicators.INDICATORS)

        # The lists of tenants (TKM recipients) this app imports (inkubator.imports runs the pages and the command).
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="tenants",
                importer="inkubator.incubation.importers.TenantImporter",
                spec="inkubator.incubation.importers.TENANT_SPEC",
                permission="inkubator.incubation.permissions.can_import_tenants",
                order=40,
            )
        )
