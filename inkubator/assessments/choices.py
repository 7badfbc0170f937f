"""Choices of the assessments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentStatus(models.TextChoices):
    """Life of an instrument version: drafted, published (frozen), retired (no new rounds)."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class IndicatorKind(models.TextChoices):
    """How an indicator is answered."""

    SCALE = "scale", _("Scale")
    YES_NO = "yes_no", _("Yes/no")


class RoundStatus(models.TextChoices):
    """Life of an assessment round: prepared, open for entry, closed."""

    DRAFT = "draft", _("In preparation")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AssessmentStatus(models.TextChoices):
    """Where one centre's assessment in a round stands."""

    ASSIGNED = "assigned", _("Assigned")
    DRAFT = "draft", _("In draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    VERIFIED = "verified", _("Verified")


class SelectionMethod(models.TextChoices):
    """How the candidates of a selection are ranked."""

    WEIGHTED = "weighted", _("Weighted score")
    TOPSIS = "topsis", _("TOPSIS")


class SelectionReason(models.TextChoices):
    """Why a centre was or was not selected."""

    SELECTED = "selected", _("Selected")
    SELECTED_HOST_QUOTA = "selected_host_quota", _("Selected to meet the minimum for its host type")
    NOT_VERIFIED = "not_verified", _("No verified assessment in this round")
    BELOW_MIN_CLUSTER = "below_min_cluster", _("Cluster below the minimum")
    PROVINCE_FULL = "province_full", _("Its province already has the maximum number of incubators")
    BELOW_CUT = "below_cut", _("Ranked below the number to select")
