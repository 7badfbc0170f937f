from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "inkubator.centres"
    verbose_name = _("Centres (BLK Komunitas)")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (models.HostInstitution, models.Centre, models.Agreement, models.Certificate, models.Asset):
            auditlog.register(model)
        # Staff phone numbers are personal data: the trail records that they changed, not the numbers.
        auditlog.register(models.Staff, mask_fields=["phone"])
        auditlog.register(models.CentreField)
        auditlog.register(models.VocationalField)
