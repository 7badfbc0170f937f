from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "inkubator.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Partner, PartnerAgreement

        # A contact's phone is personal data: the trail records that it changed, masked.
        auditlog.register(Partner, mask_fields=["contact_phone"], m2m_fields={"provinces"})
        auditlog.register(PartnerAgreement)
