from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def assigned_centres(user):  # noqa: ANN001, ANN201 - a scoping.CentreSource
    """Centres a facilitator assesses in an open round: they see them (and what hangs off them)."""
    from .choices import RoundStatus
    from .models import Assessment

    return Assessment.objects.filter(assessor_id=user.pk, round__status=RoundStatus.OPEN).values("centre")


class AssessmentsConfig(AppConfig):
    name = "inkubator.assessments"
    verbose_name = _("Assessments and clusters")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.centres.sections import CentreSection, register_section
        from inkubator.core.navigation import NavItem, register_menu
        from inkubator.core.roles import Role
        from inkubator.core.scoping import register_centre_source

        from . import models

        for model in (
            models.Instrument,
            models.Dimension,
            models.Indicator,
            models.ClusterLevel,
            models.Gate,
            models.Round,
            models.Assessment,
            models.Answer,
            models.Evidence,
            models.Selection,
        ):
            auditlog.register(model)
        register_centre_source(assigned_centres)
        register_section(
            CentreSection(
                _("Assessment and cluster"),
                "assessments:centre",
                "clipboard-data",
                frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER}),
                order=10,
            )
        )
        register_menu(
            NavItem(
                _("Assessments"),
                "assessments:list",
                "clipboard-data",
                frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.CENTRE_MANAGER}),
                "centres",
                order=120,
            ),
            NavItem(
                _("My assessments"),
                "assessments:worklist",
                "clipboard-check",
                frozenset({Role.FACILITATOR}),
                "centres",
                order=130,
            ),
        )

        # The lists of assessment scores this app imports (inkubator.imports runs the pages and the command).
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="assessments",
                importer="inkubator.assessments.importers.AssessmentImporter",
                spec="inkubator.assessments.importers.ASSESSMENT_SPEC",
                permission="inkubator.assessments.permissions.can_import_assessments",
                order=20,
            )
        )
