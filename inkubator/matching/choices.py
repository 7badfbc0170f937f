"""Choices of the matching app: what partners give, what they offer, and where a match stands."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionKind(models.TextChoices):
    """What a partner gave."""

    EQUIPMENT = "equipment", _("Equipment")
    INSTRUCTOR_TRAINING = "instructor_training", _("Instructor training")
    MANAGER_TRAINING = "manager_training", _("Manager training")
    CERTIFICATION = "certification", _("Certification")
    FUNDING = "funding", _("Funding")
    MENTORS = "mentors", _("Mentors")
    MARKET_CHANNEL = "market_channel", _("Market channel")


class OfferKind(models.TextChoices):
    """What an offer opens to an entrepreneur."""

    MARKET = "market", _("Market access")
    FINANCE = "finance", _("Finance")
    LICENCE = "licence", _("Licence facilitation")
    MENTORING = "mentoring", _("Mentoring")


class OfferStatus(models.TextChoices):
    """An offer is seen by coaches only once published; a closed offer takes no new matches."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class MatchStatus(models.TextChoices):
    """The match pipeline: proposed → contacted → agreed → outcome; declined and withdrawn end it."""

    PROPOSED = "proposed", _("Proposed")
    CONTACTED = "contacted", _("Contacted")
    AGREED = "agreed", _("Agreed")
    OUTCOME = "outcome", _("Outcome recorded")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Matches that wait for the partner's answer; those that hold a slot of the offer.
WAITING = (MatchStatus.PROPOSED, MatchStatus.CONTACTED)
HOLDS_SLOT = (MatchStatus.AGREED, MatchStatus.OUTCOME)
OPEN = (MatchStatus.PROPOSED, MatchStatus.CONTACTED, MatchStatus.AGREED)

# The readiness items an offer may require (incubation's checklist keys, licences and milestones).
READINESS_LICENCES = ("nib", "pirt", "halal")
READINESS_MILESTONES = ("bookkeeping", "bank_account")
