"""Choices of the incubation app: where tenants come from, the stages, and the taxonomies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceProgramme(models.TextChoices):
    """The programme a tenant came from."""

    TKM_PEMULA = "tkm_pemula", _("TKM beginner (pemula)")
    TKM_LANJUTAN = "tkm_lanjutan", _("TKM advanced (lanjutan)")
    LAID_OFF = "laid_off", _("Laid-off workers' service")
    GRADUATE = "graduate", _("BLKK graduate")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    """Where a tenant stands in the incubation pipeline (in pipeline order)."""

    PRE = "pre_incubation", _("Pre-incubation")
    INCUBATION = "incubation", _("Incubation")
    POST = "post_incubation", _("Post-incubation")
    GRADUATED = "graduated", _("Graduated")
    DROPPED = "dropped", _("Dropped")


class LegalForm(models.TextChoices):
    """The legal form of a business."""

    INDIVIDUAL = "individual", _("Individual business")
    UD = "ud", _("Trading business (UD)")
    CV = "cv", _("Limited partnership (CV)")
    PT = "pt", _("Company (PT / PT Perorangan)")
    COOPERATIVE = "cooperative", _("Cooperative")
    OTHER = "other", _("Other")


class LicenceKind(models.TextChoices):
    """Kinds of business licence."""

    NIB = "nib", _("NIB (business number)")
    PIRT = "pirt", _("PIRT (home-food permit)")
    HALAL = "halal", _("Halal certificate")
    OTHER = "other", _("Other licence")


class MilestoneKind(models.TextChoices):
    """What a tenant's milestone is about; gates and the readiness checklist read some of them."""

    BUSINESS_PLAN = "business_plan", _("Business plan written")
    BOOKKEEPING = "bookkeeping", _("Bookkeeping in place")
    BANK_ACCOUNT = "bank_account", _("Business bank account opened")
    FIRST_SALE = "first_sale", _("First sale")
    OTHER = "other", _("Other")


class GateKind(models.TextChoices):
    """What a stage gate asks for."""

    LICENCE = "licence", _("A licence of a kind")
    MILESTONE = "milestone", _("A milestone achieved")
    REPORTS = "reports", _("Monthly figures reported for the last months")


class ProblemKind(models.TextChoices):
    """Internal problems are the business's own; external ones come from outside."""

    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class ProblemArea(models.TextChoices):
    """The problem taxonomy of a diagnosis."""

    BOOKKEEPING = "bookkeeping", _("Bookkeeping")
    PRODUCTION = "production", _("Production")
    PRODUCT_QUALITY = "product_quality", _("Product quality")
    PEOPLE = "people", _("People")
    MANAGEMENT = "management", _("Management")
    MARKET_ACCESS = "market_access", _("Market access")
    FINANCE = "finance", _("Finance")
    LICENSING = "licensing", _("Licensing")
    SUPPLY = "supply", _("Supply")
    COMPETITION = "competition", _("Competition")


INTERNAL_AREAS = frozenset(
    {
        ProblemArea.BOOKKEEPING,
        ProblemArea.PRODUCTION,
        ProblemArea.PRODUCT_QUALITY,
        ProblemArea.PEOPLE,
        ProblemArea.MANAGEMENT,
    }
)


def problem_kind(area: str) -> str:
    """Internal or external, from the area of the taxonomy."""
    return ProblemKind.INTERNAL if area in INTERNAL_AREAS else ProblemKind.EXTERNAL


class Severity(models.IntegerChoices):
    """How badly a problem holds the business back."""

    LOW = 1, _("1 – minor")
    MEDIUM = 2, _("2 – serious")
    HIGH = 3, _("3 – critical")


class LoanStatus(models.TextChoices):
    """Where a loan application stands."""

    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    DISBURSED = "disbursed", _("Disbursed")
    REJECTED = "rejected", _("Rejected")
    REPAID = "repaid", _("Repaid")
