"""Training venues: every place a laid-off workers' cohort can be trained (issue 12).

Government BLK (the ministry's UPTP, provincial and regency/city UPTD), BPKK Bekasi, and the BLK
Komunitas centres designated as incubators. A venue has a region (which decides a coordinator's
scope), coordinates (the allocation measures distances from them), the vocational fields it trains,
and how many trainees it takes per intake wave. A BLKK venue points at its centre, so the centre's
manager and facilitators see it; a government venue is seen by its own staff (``User.venues``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager

from .choices import VenueKind

LATITUDE_RANGE = (-11.5, 6.5)  # Indonesia, with a margin (cf. centres.models)
LONGITUDE_RANGE = (94.5, 141.5)
MAX_CAPACITY = 10_000


class Venue(models.Model):
    """A place where cohorts of the laid-off workers' service are trained, with its capacity per wave."""

    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Capital letters, digits and dashes only."))],
        help_text=_("A short unique code, e.g. BPKK-BEKASI."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=VenueKind.choices)
    centre = models.OneToOneField(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="venue",
        verbose_name=_("BLK Komunitas centre"),
        help_text=_("For a BLK Komunitas incubator: the centre of the register."),
    )
    regency = models.ForeignKey("regions.Regency", models.PROTECT, related_name="+", verbose_name=_("regency/city"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
    )
    fields = models.ManyToManyField(
        "centres.VocationalField", blank=True, related_name="venues", verbose_name=_("vocational fields")
    )
    capacity_per_wave = models.PositiveIntegerField(
        _("capacity per intake wave"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("How many trainees the venue takes in one intake wave."),
    )
    active = models.BooleanField(_("taking cohorts"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="regency", centre="centre", venue="pk")
    objects = ScopedManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("training venue")
        verbose_name_plural = _("training venues")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A BLKK venue names its centre (and lies in its regency); a government venue names none."""
        errors: dict[str, str] = {}
        if self.kind == VenueKind.BLKK_INCUBATOR:
            if not self.centre_id:
                errors["centre"] = _("Choose the BLK Komunitas centre this venue is.")
            elif self.regency_id and self.centre.regency_id != self.regency_id:
                errors["regency"] = _("The regency/city must be the centre's.")
        elif self.centre_id:
            errors["centre"] = _("Only a BLK Komunitas incubator is a centre of the register.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)
