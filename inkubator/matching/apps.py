from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "inkubator.matching"
    verbose_name = _("Partners' contributions and business matching")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from inkubator.core.indicators import register_indicator
        from inkubator.core.navigation import STAFF, NavGroup, NavItem, register_menu
        from inkubator.core.panels import Panel, register_panel
        from inkubator.core.roles import Role
        from inkubator.people.subject_data import register_person_data

        from . import indicators, models, panels

        auditlog.register(models.Contribution)
        auditlog.register(models.Offer, m2m_fields={"provinces"})
        # A match's amounts are a business's finances: the trail records that they changed, not the figures.
        auditlog.register(models.Match, mask_fields=["deal_value", "loan_amount"])
        # The coach's note and the answers may describe the entrepreneur: blanked on erasure (rows stay).
        register_person_data(models.Match, erase=["note", "decline_reason", "outcome_note"])
        register_person_data(models.Contribution, erase=["notes"])
        register_person_data(models.Suggestion, walk=False)
        register_panel(Panel("incubation.tenant", "matching", "matching/_tenant_panel.html", panels.tenant_panel))
        register_panel(Panel("partners.partner", "matching", "matching/_partner_panel.html", panels.partner_panel))
        register_panel(Panel("centres.centre", "matching", "matching/_centre_panel.html", panels.centre_panel))
        partner = frozenset({Role.PARTNER})
        register_menu(
            NavItem(_("Partners"), "partners:list", "building", STAFF, "centres", order=180),
            NavItem(_("My partnership"), "matching:partner_home", "briefcase", partner, order=20),
            NavItem(_("Business offers"), "matching:offers", "megaphone", STAFF | partner, "matching", order=240),
            NavItem(_("Business matches"), "matching:matches", "shuffle", STAFF | partner, "matching", order=241),
            groups=[NavGroup("matching", _("Business matching"), "shuffle")],
        )
        register_indicator(*indicators.INDICATORS)
        # The partner's to-do on its home (issue 17's list): the matches waiting for its answer.
        from inkubator.dashboards.todo import TodoSource, register_todo

        register_todo(TodoSource("matching.waiting", partner, panels.todo_waiting, order=10))
