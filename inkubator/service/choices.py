"""Choice lists of the laid-off workers' entrepreneurship service."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WaveStatus(models.TextChoices):
    """Where an intake wave stands: registration opens, closes, then registrants are allocated."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    ALLOCATED = "allocated", _("Allocated")


class JobLossReason(models.TextChoices):
    """Why the worker lost their job (as they say it; the proof backs it)."""

    LAYOFF = "layoff", _("Laid off (PHK) by the employer")
    CLOSURE = "closure", _("The company closed down")
    CONTRACT_ENDED = "contract_ended", _("Contract ended and not renewed")
    OTHER = "other", _("Other")


class BpjsStatus(models.TextChoices):
    """BPJS Ketenagakerjaan membership and the job-loss benefit (JKP)."""

    JKP = "jkp", _("BPJS Ketenagakerjaan member, receiving JKP")
    MEMBER = "member", _("BPJS Ketenagakerjaan member, not receiving JKP")
    NONE = "none", _("Not a BPJS Ketenagakerjaan member")
    UNKNOWN = "unknown", _("I do not know")


class RegistrationStatus(models.TextChoices):
    """Where a registration stands, from submission to a place in a cohort."""

    SUBMITTED = "submitted", _("Received, being checked")
    ELIGIBLE = "eligible", _("Eligible, waiting for allocation")
    INELIGIBLE = "ineligible", _("Not eligible")
    ALLOCATED = "allocated", _("Allocated to a venue")
    WAITING = "waiting", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RuleKind(models.TextChoices):
    """The kinds of eligibility rule the ministry can set (each with its own parameters)."""

    JOB_LOSS_RECENT = "job_loss_recent", _("Job lost within the last N months")
    AGE_RANGE = "age_range", _("Age between a minimum and a maximum")
    NOT_IN_RUNNING_COHORT = "not_in_running_cohort", _("Not already in a running training cohort")
    PROOF_PRESENT = "proof_present", _("Proof of job loss uploaded")


class ParticipantStage(models.TextChoices):
    """A participant's path to a running business (issue 12.5), in order."""

    TRAINING = "training", _("Training")
    COUNSELLING = "counselling", _("Business counselling")
    MATCHING = "matching", _("Business matching")
    SUPPORT = "support", _("Capital, markets and licences")
    RUNNING = "running", _("Business running")
    DROPPED = "dropped", _("Dropped out")


class OfferKind(models.TextChoices):
    """What a business-matching offer brings."""

    CAPITAL = "capital", _("Capital (e.g. KUR, a grant)")
    MARKET = "market", _("Market access")
    LICENCE = "licence", _("Licences (NIB, PIRT, halal)")
    EQUIPMENT = "equipment", _("Equipment")
    MENTORING = "mentoring", _("Mentoring")


class OfferStatus(models.TextChoices):
    """Where an offer stands."""

    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    RECEIVED = "received", _("Received")
    DECLINED = "declined", _("Declined")
