from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "inkubator.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Partner

        auditlog.register(Partner)
