from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "inkubator.training"
    verbose_name = _("Training and outcomes")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.centres.sections import CentreSection, register_section

        from . import models

        for model in (models.TrainingBatch, models.Enrollment, models.CompetencyCertificate):
            auditlog.register(model)
        # A graduate's employer, wage and business are personal (business finances: specific) data.
        auditlog.register(models.Outcome, mask_fields=["employer", "wage_band", "business_name"])
        register_section(CentreSection(_("Training output"), "training:centre_output", "mortarboard", order=40))
