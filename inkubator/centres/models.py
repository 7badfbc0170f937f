"""The register of BLK Komunitas centres: the spine every other capability hangs on.

A centre (``Centre``) is run by a host institution (``HostInstitution``), offers vocational fields
(``CentreField`` of the master list ``VocationalField``), has signed agreements (``Agreement``),
staff with certificates (``Staff``, ``Certificate``) and assets (``Asset``): the asset mapping.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager
from inkubator.core.uploads import validate_document

from .choices import (
    AssetCondition,
    AssetKind,
    AssetSource,
    CentreStatus,
    HostKind,
    Religion,
    StaffRole,
)

# Indonesia's bounding box, with a margin: coordinates outside it are typing errors.
LATITUDE_RANGE = (Decimal("-11.5"), Decimal("6.5"))
LONGITUDE_RANGE = (Decimal("94.5"), Decimal("141.5"))
FIRST_COHORT = 2017  # the first build aid for BLK Komunitas


class HostInstitution(models.Model):
    """The institution that runs a centre (lembaga pengelola): a pesantren, a union, …"""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=HostKind.choices)
    religion = models.CharField(_("religion"), max_length=20, choices=Religion.choices, blank=True)
    legal_registration = models.CharField(
        _("legal registration"),
        max_length=100,
        blank=True,
        help_text=_("e.g. AHU decree or pesantren statistics number"),
    )
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="host_institutions", verbose_name=_("regency/city")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="regency", centre="centres", distinct=True)
    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("host institution")
        verbose_name_plural = _("host institutions")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "regency",
                name="host_unique_name_in_regency",
                violation_error_message=_("A host institution with this name already exists in this regency/city."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A pesantren is Islamic; unions and community bodies have no religion.

        Another religious institution's religion may be empty: not known yet (a ministry list that
        says only "Lembaga Keagamaan"); the completeness list asks for it and the centre form
        requires it of a person entering one.
        """
        if self.kind == HostKind.PESANTREN:
            self.religion = Religion.ISLAM
        elif self.kind in (HostKind.UNION, HostKind.COMMUNITY):
            self.religion = ""


class VocationalField(models.Model):
    """A vocational field (kejuruan) of the master list, e.g. Teknik Otomotif."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Indonesian)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    active = models.BooleanField(_("in use"), default=True)

    # The master list is public reference data: every signed-in user may read it.
    class Meta:
        ordering = ["name"]
        verbose_name = _("vocational field")
        verbose_name_plural = _("vocational fields")

    def __str__(self) -> str:
        return self.name


class Centre(models.Model):
    """A community vocational training centre (BLK Komunitas, BLKK)."""

    Status = CentreStatus

    code = models.CharField(_("registration code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    host = models.ForeignKey(
        HostInstitution, models.PROTECT, related_name="centres", verbose_name=_("host institution")
    )
    province = models.ForeignKey("regions.Province", models.PROTECT, related_name="centres", verbose_name=_("province"))
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="centres", verbose_name=_("regency/city")
    )
    district = models.ForeignKey(
        "regions.District", models.PROTECT, null=True, blank=True, related_name="centres", verbose_name=_("district")
    )
    village = models.ForeignKey(
        "regions.Village", models.PROTECT, null=True, blank=True, related_name="centres", verbose_name=_("village")
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
        _("cohort year (build aid)"), validators=[MinValueValidator(FIRST_COHORT), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=CentreStatus.choices, default=CentreStatus.ACTIVE)
    # Set by the assessment and selection capabilities, never typed in here.
    # The cluster scheme is data of the assessment instrument (binaan/berdaya/mandiri by default, or
    # e.g. tumbuh/berkembang/mandiri): the code of the cluster of the latest verified assessment.
    cluster = models.CharField(_("cluster"), max_length=20, blank=True, editable=False)
    is_incubator = models.BooleanField(_("designated incubator"), default=False, editable=False)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    fields = models.ManyToManyField(
        VocationalField, through="CentreField", related_name="centres", verbose_name=_("vocational fields")
    )
    # What an import could not match, as the file wrote it ({"village": "Ds. Sukamaju"}): the value
    # itself stays empty rather than blocking the row, and the completeness list shows the text so
    # that someone can pick the right one. A key goes away when its field is set.
    import_notes = models.JSONField(_("unmatched import values"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="regency", centre="pk")
    objects = ScopedManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("centre (BLKK)")
        verbose_name_plural = _("centres (BLKK)")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "regency",
                name="centre_unique_name_in_regency",
                violation_error_message=_("A centre with this name already exists in this regency/city."),
            )
        ]
        indexes = [models.Index(fields=["province", "status"]), models.Index(fields=["cohort_year"])]

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


class CentreField(models.Model):
    """A vocational field a centre offers, with how many trainees a batch can take."""

    centre = models.ForeignKey(Centre, models.CASCADE, related_name="centre_fields", verbose_name=_("centre"))
    field = models.ForeignKey(VocationalField, models.PROTECT, related_name="+", verbose_name=_("vocational field"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity per batch"), default=16, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["field__name"]
        verbose_name = _("centre's vocational field")
        verbose_name_plural = _("centre's vocational fields")
        constraints = [
            models.UniqueConstraint(
                "centre",
                "field",
                name="centre_field_once",
                violation_error_message=_("The centre already offers this field."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.field} ({self.capacity})"


class Agreement(models.Model):
    """A signed agreement (PKS) of a centre, with its document."""

    centre = models.ForeignKey(Centre, models.CASCADE, related_name="agreements", verbose_name=_("centre"))
    number = models.CharField(_("agreement (PKS) number"), max_length=100)
    signed_on = models.DateField(_("signed on"))
    subject = models.CharField(_("scope"), max_length=255)
    document = models.FileField(_("document"), upload_to="agreements/%Y/", blank=True, validators=[validate_document])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                "centre",
                "number",
                name="agreement_number_once",
                violation_error_message=_("This agreement number is already recorded for the centre."),
            )
        ]

    def __str__(self) -> str:
        return self.number


class Staff(models.Model):
    """A manager, instructor or administrator of a centre."""

    centre = models.ForeignKey(Centre, models.CASCADE, related_name="staff", verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    field = models.ForeignKey(
        VocationalField,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vocational field"),
        help_text=_("For instructors: the field they teach."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.role == StaffRole.INSTRUCTOR and not self.field_id:
            raise ValidationError({"field": _("Give the field the instructor teaches.")})


class Certificate(models.Model):
    """A competency certificate of a staff member (e.g. BNSP), with its expiry."""

    staff = models.ForeignKey(Staff, models.CASCADE, related_name="certificates", verbose_name=_("staff member"))
    name = models.CharField(_("competency"), max_length=200)
    number = models.CharField(_("certificate number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    scope = Scope(region="staff__centre__regency", centre="staff__centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["expires_on"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def clean(self) -> None:
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            raise ValidationError({"expires_on": _("The expiry date must come after the issue date.")})


class Asset(models.Model):
    """A building or piece of equipment of a centre: the asset mapping."""

    centre = models.ForeignKey(Centre, models.CASCADE, related_name="assets", verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=20, choices=AssetKind.choices)
    name = models.CharField(_("name"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])
    condition = models.CharField(_("condition"), max_length=20, choices=AssetCondition.choices)
    year_acquired = models.PositiveSmallIntegerField(
        _("year acquired"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    source = models.CharField(_("source"), max_length=20, choices=AssetSource.choices)
    partner = models.ForeignKey(
        "partners.Partner", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    estimated_value = models.DecimalField(
        _("estimated value (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    notes = models.CharField(_("notes"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.source == AssetSource.PARTNER and not self.partner_id:
            raise ValidationError({"partner": _("Name the partner that gave the asset.")})
        if self.source != AssetSource.PARTNER:
            self.partner = None
