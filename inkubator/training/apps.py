from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "inkubator.training"
    verbose_name = _("Training and outcomes")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.centres.sections import CentreSection, register_section
        from inkubator.core.indicators import register_indicator
        from inkubator.core.navigation import STAFF, NavItem, register_menu
        from inkubator.core.roles import Role

        from . import indicators, models

        for model in (models.TrainingBatch, models.Enrollment, models.CompetencyCertificate):
            auditlog.register(model)
        # A graduate's employer, wage and business are personal (business finances: specific) data.
        auditlog.register(models.Outcome, mask_fields=["employer", "wage_band", "business_name"])
        # What erasing a person's data blanks here (rows stay, so counts and indicators stay).
        from inkubator.people.subject_data import register_person_data

        register_person_data(models.Outcome, erase=["employer", "business_name"])
        register_section(CentreSection(_("Training output"), "training:centre_output", "mortarboard", order=40))
        register_menu(
            NavItem(_("Training"), "training:batches", "mortarboard", STAFF, "people", order=200),
            NavItem(
                _("Tracer survey"),
                "training:tracer",
                "telephone",
                frozenset({Role.MINISTRY_ADMIN, Role.CENTRE_MANAGER}),
                "people",
                order=210,
            ),
            NavItem(
                _("Training output"),
                "training:output",
                "bar-chart",
                frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR}),
                "people",
                order=220,
            ),
        )
        register_indicator(*indicators.INDICATORS)

        # The lists of trainees this app imports (inkubator.imports runs the pages and the command).
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="trainees",
                importer="inkubator.training.importers.TraineeImporter",
                spec="inkubator.training.trainee_rows.TRAINEE_SPEC",
                permission="inkubator.training.permissions.can_import_trainees",
                limits="inkubator.training.trainee_rows.TRAINEE_LIMITS",
                # A year's national intake (232,000 rows) streams: one page and one command path.
                page="training:import",
                file_import="inkubator.training.bulk.trainee_import",
                order=30,
            )
        )
