"""Choices of the mentoring app, and the default focus of each cluster (DESIGN.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.centres.choices import Cluster, MentoringFocus


class PlanStatus(models.TextChoices):
    """Where a mentoring plan stands: only an active plan opens centres to its facilitators."""

    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ActionStatus(models.TextChoices):
    """Where an action item stands."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# The programme's default: fostered centres map their people and assets, empowered ones work on
# management, independent ones on the incubator programme. Plans copy the focus onto each entry,
# so a coordinator can change one centre's focus by hand without changing the rule.
DEFAULT_FOCUS: dict[str, str] = {
    Cluster.BINAAN: MentoringFocus.PEOPLE_ASSETS,
    Cluster.BERDAYA: MentoringFocus.MANAGEMENT,
    Cluster.MANDIRI: MentoringFocus.INCUBATOR,
}
# Centres not assessed yet are mentored like fostered ones: the mapping of people and assets comes first.
UNASSESSED_FOCUS = MentoringFocus.PEOPLE_ASSETS

# The order in which clusters are served when there is not enough team: fostered centres need help most.
CLUSTER_PRIORITY: dict[str, int] = {Cluster.BINAAN: 1, Cluster.BERDAYA: 2, Cluster.MANDIRI: 3, "": 4}


def focus_for(cluster: str) -> str:
    """The default mentoring focus of a cluster (a blank cluster counts as not yet assessed)."""
    return DEFAULT_FOCUS.get(cluster, UNASSESSED_FOCUS)


# Model field of a facilitator's skill in each focus.
SKILL_FIELDS: dict[str, str] = {
    MentoringFocus.PEOPLE_ASSETS: "skill_people_assets",
    MentoringFocus.MANAGEMENT: "skill_management",
    MentoringFocus.INCUBATOR: "skill_incubator",
}
