"""What partners give and offer, and the matches of entrepreneurs to offers.

* ``Contribution``: equipment, training of instructors or managers, certification, funding, mentors
  or a market channel a partner gave to a centre, a training batch (a laid-off workers' service
  cohort is a batch at a venue) or a tenant, with its value.
* ``Offer``: market access, finance (e.g. KUR through a bank), licence facilitation or mentoring that
  a partner (or the ministry, with no partner) publishes, with the regions, stages and readiness it
  requires.
* ``Match``: a tenant proposed to an offer and where it stands (proposed → contacted → agreed →
  outcome), with the partner's answer and the outcome (deal value, loan disbursed, licence issued).
* ``Suggestion``: the nightly ranking of offers for each tenant (``ranking.py``), kept so that a
  list of the tenants that fit an offer needs no ranking at request time.

This app sits with the domain apps: it reads tenants (incubation) and batches (training).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager

from .choices import READINESS_LICENCES, READINESS_MILESTONES, ContributionKind, MatchStatus, OfferKind, OfferStatus

MAX_RUPIAH = 1_000_000_000_000  # Rp 1 trillion: past it, a typing error
# Who browses published offers besides their partner and the ministry: the coaches who propose a
# match, coordinators who follow them, entrepreneurs looking for a market or a loan, and the venue
# staff who put offers to the laid-off workers' service participants.
OFFER_BROWSERS = frozenset(
    {Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.ENTREPRENEUR, Role.VENUE_STAFF}
)
READINESS_KEYS = READINESS_LICENCES + READINESS_MILESTONES


class Contribution(models.Model):
    """Something a partner gave to a centre, a training batch or service cohort, or a tenant: value and date."""

    partner = models.ForeignKey(
        "partners.Partner", models.PROTECT, related_name="contributions", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    title = models.CharField(_("what was given"), max_length=200)
    centre = models.ForeignKey(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("centre"),
    )
    batch = models.ForeignKey(
        "training.TrainingBatch",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("training batch"),
    )
    tenant = models.ForeignKey(
        "incubation.Tenant",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("tenant"),
    )
    # Where the contribution lies, set from the recipient by the service: the paths scope reads.
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("regency/city")
    )
    asset = models.ForeignKey(
        "centres.Asset",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("asset"),
        help_text=_("For equipment: the centre's asset it became."),
    )
    value = models.PositiveBigIntegerField(_("value (Rp)"), default=0, validators=[MaxValueValidator(MAX_RUPIAH)])
    people = models.PositiveIntegerField(
        _("people reached"), default=0, help_text=_("Instructors or managers trained, mentors, certificates.")
    )
    given_on = models.DateField(_("given on"))
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # A gift to a laid-off workers' cohort (a batch at a venue) is seen by that venue's staff too.
    scope = Scope(region="regency", centre="centre", partner="partner", venue="batch__venue")
    objects = ScopedManager()

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["partner", "given_on"]), models.Index(fields=["centre", "given_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """One recipient at least; a batch or tenant belongs to the centre named; an asset is that centre's."""
        if not (self.centre_id or self.batch_id or self.tenant_id):
            raise ValidationError(_("Choose the centre, training batch or tenant that received it."))
        if self.batch_id and self.centre_id and self.batch.centre_id not in (None, self.centre_id):
            raise ValidationError({"batch": _("The batch belongs to another centre.")})
        if self.tenant_id and self.centre_id and self.tenant.incubator_id not in (None, self.centre_id):
            raise ValidationError({"tenant": _("The tenant is incubated at another centre.")})
        if self.asset_id:
            if self.kind != ContributionKind.EQUIPMENT:
                raise ValidationError({"asset": _("Only equipment becomes an asset of the centre.")})
            if self.asset.centre_id != self.centre_id:
                raise ValidationError({"asset": _("The asset belongs to another centre.")})


class Offer(models.Model):
    """Market access, finance, licence facilitation or mentoring offered to entrepreneurs."""

    partner = models.ForeignKey(
        "partners.Partner",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("partner"),
        help_text=_("Leave empty for an offer of the ministry itself."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT)
    # Market access
    buyer = models.CharField(_("buyer or channel"), max_length=200, blank=True)
    kbli_prefixes = models.CharField(
        _("product categories (KBLI)"),
        max_length=200,
        blank=True,
        help_text=_("KBLI codes or their first digits, separated by spaces (e.g. 10 11 for food and drink)."),
    )
    volume = models.CharField(_("volume"), max_length=200, blank=True)
    # Finance
    scheme = models.CharField(_("scheme"), max_length=60, blank=True, help_text=_("E.g. KUR Mikro."))
    amount_min = models.PositiveBigIntegerField(
        _("smallest amount (Rp)"), null=True, blank=True, validators=[MaxValueValidator(MAX_RUPIAH)]
    )
    amount_max = models.PositiveBigIntegerField(
        _("largest amount (Rp)"), null=True, blank=True, validators=[MaxValueValidator(MAX_RUPIAH)]
    )
    interest_rate = models.DecimalField(
        _("interest a year (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    collateral = models.CharField(_("collateral"), max_length=200, blank=True)
    requirements = models.TextField(_("what the partner asks for"), blank=True)
    # Licence facilitation
    licence_kind = models.CharField(_("licence facilitated"), max_length=10, blank=True)
    # What a tenant needs to fit
    provinces = models.ManyToManyField(
        "regions.Province",
        blank=True,
        related_name="offers",
        verbose_name=_("provinces"),
        help_text=_("Leave empty for an offer open nationwide."),
    )
    stages = models.JSONField(_("stages"), default=list, blank=True, help_text=_("Empty: any open stage."))
    required = models.JSONField(_("readiness required"), default=list, blank=True)
    min_months_figures = models.PositiveSmallIntegerField(
        _("months of figures required"), default=0, validators=[MaxValueValidator(36)]
    )
    min_monthly_revenue = models.PositiveBigIntegerField(
        _("average monthly revenue required (Rp)"), default=0, validators=[MaxValueValidator(MAX_RUPIAH)]
    )
    slots = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("How many entrepreneurs it can take; empty: no limit.")
    )
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Its partner and the ministry see every offer; coaches, coordinators and entrepreneurs the
    # published ones. Another partner sees none of them.
    scope = Scope(partner="partner", listed=(("status", OfferStatus.PUBLISHED),), listed_roles=OFFER_BROWSERS)
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        """The partner's name, or the ministry's for its own offers."""
        return self.partner.name if self.partner_id else str(_("The ministry"))

    @property
    def kbli_list(self) -> list[str]:
        return self.kbli_prefixes.split()

    def clean(self) -> None:
        """Known stages and readiness keys; a finance range that runs forward; a licence offer names one."""
        from inkubator.incubation.choices import LicenceKind, Stage

        errors: dict[str, str] = {}
        if any(stage not in Stage.values for stage in self.stages or []):
            errors["stages"] = _("Unknown stage.")
        if any(key not in READINESS_KEYS for key in self.required or []):
            errors["required"] = _("Unknown readiness item.")
        if any(not part.isdigit() or len(part) > 5 for part in self.kbli_list):
            errors["kbli_prefixes"] = _("Give KBLI codes as digits (one to five), separated by spaces.")
        if self.amount_min and self.amount_max and self.amount_max < self.amount_min:
            errors["amount_max"] = _("The largest amount must not be below the smallest.")
        if self.kind == OfferKind.LICENCE and self.licence_kind not in LicenceKind.values:
            errors["licence_kind"] = _("Choose the licence the offer facilitates.")
        if self.kind != OfferKind.LICENCE:
            self.licence_kind = ""
        if errors:
            raise ValidationError(errors)


MATCH_SCOPE = Scope(
    region="tenant__regency", centre="tenant__incubator", owner="tenant__entrepreneur", partner="offer__partner"
)


class Match(models.Model):
    """A tenant proposed to an offer: the pipeline, the partner's answer and the outcome."""

    tenant = models.ForeignKey("incubation.Tenant", models.CASCADE, related_name="matches", verbose_name=_("tenant"))
    offer = models.ForeignKey(Offer, models.PROTECT, related_name="matches", verbose_name=_("offer"))
    status = models.CharField(_("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    score = models.PositiveSmallIntegerField(_("fit"), default=0, validators=[MaxValueValidator(100)])
    note = models.TextField(_("note"), blank=True, help_text=_("Why this tenant, for the partner."))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    deal_value = models.PositiveBigIntegerField(
        _("deal value (Rp)"), null=True, blank=True, validators=[MaxValueValidator(MAX_RUPIAH)]
    )
    loan_amount = models.PositiveBigIntegerField(
        _("loan disbursed (Rp)"), null=True, blank=True, validators=[MaxValueValidator(MAX_RUPIAH)]
    )
    licence_number = models.CharField(_("licence number"), max_length=60, blank=True)
    outcome_note = models.CharField(_("outcome"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = MATCH_SCOPE
    objects = ScopedManager()

    class Meta:
        ordering = ["-proposed_at", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                "tenant",
                "offer",
                name="match_once_per_offer",
                violation_error_message=_("This tenant is already matched to this offer."),
            )
        ]
        indexes = [models.Index(fields=["offer", "status"]), models.Index(fields=["status", "proposed_at"])]

    def __str__(self) -> str:
        return f"{self.tenant_id} → {self.offer}"


class Suggestion(models.Model):
    """One of the best offers for a tenant, from the last nightly ranking (``ranking.rerank_all``)."""

    tenant = models.ForeignKey(
        "incubation.Tenant", models.CASCADE, related_name="suggestions", verbose_name=_("tenant")
    )
    offer = models.ForeignKey(Offer, models.CASCADE, related_name="suggestions", verbose_name=_("offer"))
    score = models.PositiveSmallIntegerField(_("fit"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    computed_at = models.DateTimeField(_("computed at"))

    # Staff of the tenant's place only: a partner learns of a tenant when it is proposed to it.
    scope = Scope(region="tenant__regency", centre="tenant__incubator")
    objects = ScopedManager()

    class Meta:
        ordering = ["tenant", "rank"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["offer", "score"]), models.Index(fields=["tenant", "rank"])]

    def __str__(self) -> str:
        return f"{self.tenant_id} → {self.offer_id} ({self.score})"
