"""The roles of Inkubator's users. Scope rules in ``scoping.py`` are written against these."""

from typing import Any

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
    # Staff of a government training venue (BLK UPTP/UPTD, BPKK) in the laid-off workers' service:
    # they see the cohorts and registrants of their venues only.
    VENUE_STAFF = "venue_staff", _("Venue staff")


def effective_role(user: Any) -> str | None:
    """What ``user`` counts as: the only place that says so (a superuser counts as a ministry admin).

    ``None`` for anonymous and inactive users.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    if getattr(user, "is_superuser", False):
        return Role.MINISTRY_ADMIN
    return getattr(user, "role", None) or None


def is_admin_role(role: str | None) -> bool:
    """Whether ``role`` is the ministry admin's: the one comparison with it in the tree.

    ``tests/core/test_roles.py`` reads the tree and fails when another module compares a role (or a
    user's ``is_superuser``) to it, so that "who counts as a ministry admin" cannot drift apart.
    """
    return role == Role.MINISTRY_ADMIN


def is_ministry_admin(user: Any) -> bool:
    """Whether ``user`` is an active ministry admin (a superuser counts as one)."""
    return is_admin_role(effective_role(user))
