from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "inkubator.centres"
    verbose_name = _("Centres (BLK Komunitas)")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Centre

        auditlog.register(Centre)
