"""The register of BLK Komunitas centres: the spine every other capability hangs on.

The foundation holds what scope needs (code, name, region, coordinates, cohort, status); the centre
registry capability adds host institutions, fields, staff and assets.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager

# Indonesia's bounding box, with a margin: coordinates outside it are typing errors.
LATITUDE_RANGE = (Decimal("-11.5"), Decimal("6.5"))
LONGITUDE_RANGE = (Decimal("94.5"), Decimal("141.5"))


class Centre(models.Model):
    """A community vocational training centre (BLK Komunitas, BLKK)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        CLOSED = "closed", _("Closed")

    code = models.CharField(_("registration code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey("regions.Province", models.PROTECT, related_name="centres", verbose_name=_("province"))
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="centres", verbose_name=_("regency/city")
    )
    district = models.ForeignKey(
        "regions.District",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("district"),
    )
    village = models.ForeignKey(
        "regions.Village",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("village"),
    )
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
    cohort_year = models.PositiveSmallIntegerField(
        _("cohort year (build aid)"), validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="regency", centre="pk")
    objects = ScopedManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("centre (BLKK)")
        verbose_name_plural = _("centres (BLKK)")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        """The region fields must name one chain village → district → regency → province."""
        errors: dict[str, str] = {}
        if self.regency_id and self.province_id and not self.regency_id.startswith(f"{self.province_id}."):
            errors["regency"] = _("This regency/city is not in the chosen province.")
        if self.district_id and self.regency_id and not self.district_id.startswith(f"{self.regency_id}."):
            errors["district"] = _("This district is not in the chosen regency/city.")
        if self.village_id and self.district_id and not self.village_id.startswith(f"{self.district_id}."):
            errors["village"] = _("This village is not in the chosen district.")
        if self.village_id and not self.district_id:
            errors["district"] = _("Choose the district of the village.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)
