"""Training: batches at a centre or a government venue, enrolments, certificates and tracer outcomes.

Scope follows the batch: its centre (centre managers, facilitators) and its regency (regional
coordinators). A batch at a government venue has no centre and is seen by the ministry and the
coordinators of its region.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager

from .choices import EnrollmentStatus, FundingSource, OutcomeStatus, OutcomeWave, Sector, VenueKind, WageBand

DEFAULT_QUOTA = 16  # one training package is 16 trainees (PROGRAMME_FACTS.md)


class TrainingBatch(models.Model):
    """One training run (pelatihan, angkatan): a field, a venue, dates, hours and a quota."""

    code = models.CharField(_("batch code"), max_length=40, unique=True)
    venue_kind = models.CharField(_("venue"), max_length=20, choices=VenueKind.choices, default=VenueKind.CENTRE)
    centre = models.ForeignKey(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="training_batches",
        verbose_name=_("centre"),
    )
    venue_name = models.CharField(
        _("government venue"), max_length=200, blank=True, help_text=_("For a government BLK or BPKK.")
    )
    # The venue of the register (issue 12): set for the laid-off workers' cohorts; its staff see the batch.
    venue = models.ForeignKey(
        "venues.Venue",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="training_batches",
        verbose_name=_("training venue"),
    )
    # The venue's regency: the centre's for a centre batch; decides a coordinator's scope.
    regency = models.ForeignKey("regions.Regency", models.PROTECT, related_name="+", verbose_name=_("regency/city"))
    field = models.ForeignKey(
        "centres.VocationalField", models.PROTECT, related_name="+", verbose_name=_("vocational field")
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    hours = models.PositiveSmallIntegerField(
        _("hours"), default=240, validators=[MinValueValidator(8), MaxValueValidator(2000)]
    )
    quota = models.PositiveSmallIntegerField(
        _("quota"), default=DEFAULT_QUOTA, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    funding = models.CharField(
        _("funding source"), max_length=10, choices=FundingSource.choices, default=FundingSource.MINISTRY
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(region="regency", centre="centre", venue="venue")
    objects = ScopedManager()

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("training batch")
        verbose_name_plural = _("training batches")
        indexes = [
            models.Index(fields=["centre", "start_date"], name="batch_centre_start"),
            models.Index(fields=["end_date"], name="batch_end"),
            # The lists' order (newest first): a page read from the index, not a sort of 73,000 batches
            # at each page view (issue 14).
            models.Index(fields=["-start_date", "code"], name="batch_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.field}"

    def clean(self) -> None:
        """Dates in order; a centre batch names its centre, a government one its venue."""
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The batch cannot end before it starts.")
        if self.venue_kind == VenueKind.CENTRE:
            if not self.centre_id:
                errors["centre"] = _("Choose the centre where the batch is trained.")
            else:
                self.regency_id = self.centre.regency_id
            self.venue_name = ""
        else:
            self.centre = None
            if self.venue_id and not self.venue_name.strip():
                self.venue_name = self.venue.name
            if not self.venue_name.strip():
                errors["venue_name"] = _("Give the name of the government training centre.")
        if errors:
            raise ValidationError(errors)


class Enrollment(models.Model):
    """A person in a batch (peserta); completed means graduated (lulusan)."""

    Status = EnrollmentStatus

    # No index of their own: (person, batch) is unique and (batch, status) indexed, and each index's
    # head serves lookups by the person or the batch alone. Every bulk trainee import (232,000 rows
    # a year) maintains every index of this table, so none is kept twice (issue 15).
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="enrollments", verbose_name=_("trainee"), db_index=False
    )
    batch = models.ForeignKey(
        TrainingBatch, models.PROTECT, related_name="enrollments", verbose_name=_("batch"), db_index=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EnrollmentStatus.choices, default=EnrollmentStatus.REGISTERED
    )
    attendance = models.PositiveSmallIntegerField(
        _("attendance (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="batch__regency", centre="batch__centre", venue="batch__venue")
    objects = ScopedManager()

    class Meta:
        ordering = ["batch", "person__name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                "person",
                "batch",
                name="enrollment_once_per_batch",
                violation_error_message=_("This person is already enrolled in the batch."),
            )
        ]
        indexes = [models.Index(fields=["batch", "status"], name="enrollment_batch_status")]

    def __str__(self) -> str:
        return f"{self.person} · {self.batch.code}"


class CompetencyCertificate(models.Model):
    """A competency certificate a graduate received (e.g. BNSP scheme)."""

    enrollment = models.OneToOneField(
        Enrollment, models.CASCADE, related_name="certificate", verbose_name=_("enrolment")
    )
    number = models.CharField(_("certificate number"), max_length=100)
    scheme = models.CharField(_("certification scheme"), max_length=200)
    issued_on = models.DateField(_("issued on"))

    scope = Scope(
        region="enrollment__batch__regency", centre="enrollment__batch__centre", venue="enrollment__batch__venue"
    )
    objects = ScopedManager()

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("competency certificate")
        verbose_name_plural = _("competency certificates")

    def __str__(self) -> str:
        return self.number


class Outcome(models.Model):
    """What a graduate did 3 or 6 months after the batch ended (tracer survey, penelusuran alumni)."""

    Status = OutcomeStatus

    enrollment = models.ForeignKey(Enrollment, models.CASCADE, related_name="outcomes", verbose_name=_("enrolment"))
    wave = models.PositiveSmallIntegerField(_("survey wave"), choices=OutcomeWave.choices)
    status = models.CharField(_("outcome"), max_length=16, choices=OutcomeStatus.choices)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    wage_band = models.CharField(_("monthly wage"), max_length=6, choices=WageBand.choices, blank=True)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    wants_incubation = models.BooleanField(
        _("interested in incubation"),
        default=False,
        help_text=_("A self-employed graduate who could be taken into a centre's incubator."),
    )
    surveyed_at = models.DateField(_("surveyed on"))
    surveyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("surveyed by"),
    )

    scope = Scope(
        region="enrollment__batch__regency", centre="enrollment__batch__centre", venue="enrollment__batch__venue"
    )
    objects = ScopedManager()

    class Meta:
        ordering = ["-surveyed_at"]
        verbose_name = _("tracer outcome")
        verbose_name_plural = _("tracer outcomes")
        constraints = [
            models.UniqueConstraint(
                "enrollment",
                "wave",
                name="outcome_once_per_wave",
                violation_error_message=_("This graduate already has an outcome for this survey wave."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} · {self.wave} · {self.status}"

    def clean(self) -> None:
        """Employed names the employer; self-employed names the business; other answers neither."""
        errors: dict[str, str] = {}
        if self.status == OutcomeStatus.EMPLOYED:
            if not self.employer.strip():
                errors["employer"] = _("Give the employer.")
        else:
            self.employer, self.wage_band = "", ""
        if self.status == OutcomeStatus.SELF_EMPLOYED:
            if not self.business_name.strip():
                errors["business_name"] = _("Give the name of the business.")
        else:
            self.business_name, self.wants_incubation = "", False
        if self.status not in (OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED):
            self.sector = ""
        if errors:
            raise ValidationError(errors)
