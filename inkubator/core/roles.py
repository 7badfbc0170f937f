"""The roles of Inkubator's users. Scope rules in ``scoping.py`` are written against these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user is in the programme; decides what they may see (see DESIGN.md, "Who uses it")."""

    MINISTRY_ADMIN = "ministry_admin", _("Ministry administrator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    FACILITATOR = "facilitator", _("Facilitator")
    CENTRE_MANAGER = "centre_manager", _("Centre manager")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    PARTNER = "partner", _("Partner")
