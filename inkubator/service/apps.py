from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "inkubator.service"
    verbose_name = _("Laid-off workers' entrepreneurship service")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.indicators import register_indicator
        from inkubator.core.navigation import NavGroup, NavItem, register_menu
        from inkubator.core.roles import Role
        from inkubator.people.subject_data import register_person_data

        from . import indicators, models
        from .permissions import STAFF_ROLES

        auditlog.register(models.IntakeWave)
        auditlog.register(models.WaveQuota)
        auditlog.register(models.WaveFieldQuota)
        # Contact details and the proof are personal data: the trail records that they changed, not the
        # values; the registration code is a secret of the worker's and stays out of the trail.
        auditlog.register(
            models.Registration,
            mask_fields=["phone", "email", "proof", "former_employer"],
            exclude_fields=["code", "participant"],
        )
        auditlog.register(models.PreferredVenue)
        auditlog.register(models.EligibilityRule)
        auditlog.register(models.Participant)
        auditlog.register(models.CounsellingSession, mask_fields=["notes"])
        auditlog.register(models.SupportOffer, mask_fields=["amount"])
        # Free text about the person, blanked when their data are erased (the rows stay for the figures).
        register_person_data(models.Registration, erase=["phone", "email", "former_employer", "business_idea", "proof"])
        register_menu(
            NavItem(_("Registrations"), "service:registrations", "person-vcard", STAFF_ROLES, "service", order=270),
            NavItem(_("Intake waves"), "service:waves", "calendar-range", STAFF_ROLES, "service", order=272),
            NavItem(
                _("Eligibility rules"),
                "service:rules",
                "check2-square",
                frozenset({Role.MINISTRY_ADMIN}),
                "service",
                order=274,
            ),
            groups=[NavGroup("service", _("Laid-off workers"), "person-workspace")],
        )
        register_menu(NavItem(_("My training path"), "service:mine", "signpost-split", frozenset({Role.ENTREPRENEUR}),
                              order=252))  # fmt: skip
        register_indicator(*indicators.INDICATORS)
        # The public registration keeps the open wave, the rules and its reference data per process
        # (``kept``); a change saved in this process is seen at once, in another within seconds.
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from .kept import DEPENDS, forget_on_change

        for label in DEPENDS:
            model = apps.get_model(label)
            post_save.connect(forget_on_change, sender=model, dispatch_uid=f"service-kept-{label}")
            post_delete.connect(forget_on_change, sender=model, dispatch_uid=f"service-kept-delete-{label}")
