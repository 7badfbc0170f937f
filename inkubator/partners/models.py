"""Partners of the programme and their agreements: companies, SOEs, banks, ministries, donors, universities.

A partner user (role ``partner``) belongs to one organisation and sees that organisation's records
only. What partners give (contributions), publish (offers) and the business matches they answer live
in the ``matching`` app, which reads tenants and batches from the apps above this register.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager
from inkubator.core.uploads import validate_document

# Roles that may read the register of active partners (names, kinds, where they work): those who
# pick a partner for a contribution, an asset or a match. A partner's name is public in any case.
REGISTER_READERS = frozenset({Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER})


class Partner(models.Model):
    """An organisation that works with the programme (mitra)."""

    class Kind(models.TextChoices):
        STATE_COMPANY = "bumn", _("State-owned company (BUMN)")
        COMPANY = "company", _("Private company")
        BANK = "bank", _("Bank")
        MINISTRY = "ministry", _("Ministry or agency")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        DONOR = "donor", _("Donor")
        UNIVERSITY = "university", _("University")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("E.g. BRI, USAID, IPB."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.ForeignKey(
        "regions.Province",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Where the head office is."),
    )
    provinces = models.ManyToManyField(
        "regions.Province",
        blank=True,
        related_name="partners_working",
        verbose_name=_("provinces of work"),
        help_text=_("Leave empty for a partner that works nationwide."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Partners are national actors: coordinators do not get them by region; a partner sees itself.
    # Staff who name a partner (a gift, an offer, a match) read the register of active partners.
    scope = Scope(partner="pk", listed=(("active", True),), listed_roles=REGISTER_READERS)
    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class PartnerAgreement(models.Model):
    """A memorandum (MoU) or cooperation agreement (PKS) of a partner with the ministry, a province or a centre."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (MoU)")
        PKS = "pks", _("Cooperation agreement (PKS)")

    class Party(models.TextChoices):
        MINISTRY = "ministry", _("The ministry")
        PROVINCE = "province", _("A province")
        CENTRE = "centre", _("A centre")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("In force")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    partner = models.ForeignKey(Partner, models.PROTECT, related_name="agreements", verbose_name=_("partner"))
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    party = models.CharField(_("signed with"), max_length=10, choices=Party.choices, default=Party.MINISTRY)
    province = models.ForeignKey(
        "regions.Province", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("province")
    )
    centre = models.ForeignKey(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_agreements",
        verbose_name=_("centre"),
    )
    number = models.CharField(_("number"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    value = models.PositiveBigIntegerField(_("value (Rp)"), default=0, validators=[MinValueValidator(0)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    document = models.FileField(
        _("document"), upload_to="partner-agreements/%Y/", blank=True, validators=[validate_document]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # The partner and the ministry; a centre's people see the agreements their centre signed;
    # a coordinator those of the centres of their region.
    scope = Scope(region="centre__regency", centre="centre", partner="partner")
    objects = ScopedManager()

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("partner agreement")
        verbose_name_plural = _("partner agreements")
        constraints = [
            models.UniqueConstraint(
                "partner",
                "number",
                name="partner_agreement_number_once",
                violation_error_message=_("This agreement number is already recorded for the partner."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        """The counterpart the party names is given (and only it); the period runs forward."""
        if self.party == self.Party.PROVINCE and not self.province_id:
            raise ValidationError({"province": _("Choose the province that signed.")})
        if self.party == self.Party.CENTRE and not self.centre_id:
            raise ValidationError({"centre": _("Choose the centre that signed.")})
        if self.party != self.Party.PROVINCE:
            self.province = None
        if self.party != self.Party.CENTRE:
            self.centre = None
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The agreement must end after it starts.")})
