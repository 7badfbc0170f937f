"""Choices of the training app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    """Where a batch is trained: a BLK Komunitas or a government training centre."""

    CENTRE = "centre", _("BLK Komunitas")
    GOVERNMENT_BLK = "government_blk", _("Government BLK (UPTP/UPTD)")
    BPKK = "bpkk", _("BPKK")


class FundingSource(models.TextChoices):
    """Who pays for a batch."""

    MINISTRY = "ministry", _("Ministry budget (APBN)")
    REGIONAL = "regional", _("Regional budget (APBD)")
    PARTNER = "partner", _("Partner")
    OWN = "own", _("Own funds")


class EnrollmentStatus(models.TextChoices):
    """Where a trainee stands in a batch."""

    REGISTERED = "registered", _("Registered")
    ACTIVE = "active", _("In training")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped out")


class OutcomeWave(models.IntegerChoices):
    """When the tracer survey asks: months after the batch ended."""

    THREE = 3, _("3 months")
    SIX = 6, _("6 months")


class OutcomeStatus(models.TextChoices):
    """What a graduate does, as the tracer survey found."""

    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STUDYING = "studying", _("Studying")
    NOT_WORKING = "not_working", _("Not working")
    UNREACHABLE = "unreachable", _("Unreachable")


class WageBand(models.TextChoices):
    """Monthly wage bands (Rp), close to the provincial minimum wages."""

    BELOW_2M = "lt2", _("Below Rp 2 million")
    FROM_2M = "2to3", _("Rp 2–3 million")
    FROM_3M = "3to5", _("Rp 3–5 million")
    ABOVE_5M = "gt5", _("Above Rp 5 million")


class Sector(models.TextChoices):
    """Economic sector of a job or business (broad KBLI groups)."""

    AGRICULTURE = "agriculture", _("Agriculture, fishery")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction")
    TRADE = "trade", _("Trade, repair")
    FOOD = "food", _("Food and accommodation")
    TRANSPORT = "transport", _("Transport, logistics")
    ICT = "ict", _("Information and communication")
    SERVICES = "services", _("Other services")
    PUBLIC = "public", _("Government, education, health")
