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

        # The partner register's import (inkubator.imports runs the pages and the command).
        from inkubator.imports.registry import ImportKind, register_importer

        register_importer(
            ImportKind(
                kind="partners",
                importer="inkubator.partners.importers.PartnerImporter",
                spec="inkubator.partners.importers.PARTNER_SPEC",
                permission="inkubator.partners.permissions.can_manage_partners",
                order=60,
            )
        )
