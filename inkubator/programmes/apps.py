from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "inkubator.programmes"
    verbose_name = _("Programmes and targets")

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from inkubator.core.navigation import STEERING, NavGroup, NavItem, register_menu

        from .models import Programme, Target
        from .tasks import summaries_changed

        auditlog.register(Programme)
        auditlog.register(Target)
        # Every audited change (and each bulk import's entry) asks for the indicator summaries to be
        # brought up to date soon: the services need not know which indicators they touch.
        post_save.connect(summaries_changed, sender=LogEntry, dispatch_uid="inkubator-summaries-changed")
        register_menu(
            NavItem(_("Targets"), "programmes:progress", "bullseye", STEERING, "steering", order=300),
            groups=[NavGroup("steering", _("Steering"), "bullseye")],
        )
