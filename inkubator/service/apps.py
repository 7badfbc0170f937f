from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "inkubator.service"
    verbose_name = _("Laid-off workers' entrepreneurship service")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.people.subject_data import register_person_data

        from . import models

        auditlog.register(models.IntakeWave)
        # Contact details and the proof are personal data: the trail records that they changed, not the
        # values; the registration code is a secret of the worker's and stays out of the trail.
        auditlog.register(
            models.Registration, mask_fields=["phone", "email", "proof", "former_employer"], exclude_fields=["code"]
        )
        auditlog.register(models.PreferredVenue)
        # Free text about the person, blanked when their data are erased (the rows stay for the figures).
        register_person_data(models.Registration, erase=["phone", "email", "former_employer", "business_idea", "proof"])
