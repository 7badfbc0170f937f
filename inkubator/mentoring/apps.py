from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "inkubator.mentoring"
    verbose_name = _("Facilitators and mentoring")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.centres.sections import CentreSection, register_section
        from inkubator.core.navigation import STEERING, NavItem, register_menu
        from inkubator.core.roles import Role
        from inkubator.core.scoping import register_centre_source

        from . import models
        from .scope import assigned_centres

        for model in (models.Plan, models.PlanCentre, models.Assignment, models.VisitPhoto, models.ActionItem):
            auditlog.register(model)
        # Where a facilitator lives is personal data: the trail records that it changed, not where.
        auditlog.register(models.Facilitator, mask_fields=["latitude", "longitude"])
        # A visit's GPS point tells where a facilitator was: recorded as changed, not as a place.
        auditlog.register(models.Visit, mask_fields=["latitude", "longitude"])
        register_centre_source(assigned_centres)
        register_section(CentreSection(_("Mentoring"), "mentoring:centre_progress", "people", order=40))
        register_menu(
            NavItem(_("Mentoring"), "mentoring:plan_list", "people", STEERING, "centres", order=140),
            NavItem(
                _("My schedule"),
                "mentoring:schedule",
                "calendar-week",
                frozenset({Role.FACILITATOR}),
                "centres",
                order=150,
            ),
        )
