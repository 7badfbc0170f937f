"""The laid-off workers' entrepreneurship service (layanan kewirausahaan korban PHK, issue 12).

A worker who lost their job registers on a public page (no account) for an ``IntakeWave``. Their
``Registration`` points at the one ``people.Person`` of their NIK (created on first registration),
so that the privacy app finds it and a later enrolment or tenancy is the same person. One
registration per person per wave: a unique constraint, so that simultaneous submissions of one NIK
make one row. Scope: a registrant is seen by the coordinators of their home regency, by the staff of
the venue they are allocated to (and a BLKK venue's centre), and by the ministry.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager
from inkubator.core.uploads import validate_document

from .choices import (
    BpjsStatus,
    JobLossReason,
    OfferKind,
    OfferStatus,
    ParticipantStage,
    RegistrationStatus,
    RuleKind,
    WaveStatus,
)

# Registration codes avoid letters and digits a worker would confuse when reading them out (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8·10^14: not guessable, even before the status page's rate limit
MAX_PREFERRED_VENUES = 3


def new_registration_code() -> str:
    """A fresh registration code, e.g. ``K7QD-2MX9-PA``-like without dashes (``K7QD2MX9PA``)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def proof_path(instance: models.Model, filename: str) -> str:
    """Proofs are kept under a random name: the worker's file name may carry their name or NIK."""
    return f"service/proof/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class IntakeWave(models.Model):
    """An intake wave (gelombang): when registration is open and when its cohorts start training.

    Waves are programme-wide, like programme targets: not scoped data, read by staff through
    ``selectors``; what a user sees of a wave's registrants is scoped on ``Registration``.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    opens_on = models.DateField(_("registration opens"))
    closes_on = models.DateField(_("registration closes"))
    training_starts_on = models.DateField(_("training starts"))
    status = models.CharField(_("status"), max_length=12, choices=WaveStatus.choices, default=WaveStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("intake wave")
        verbose_name_plural = _("intake waves")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Registration closes after it opens, and training starts after registration closes."""
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Registration cannot close before it opens.")})
        if self.closes_on and self.training_starts_on and self.training_starts_on < self.closes_on:
            raise ValidationError({"training_starts_on": _("Training starts after registration closes.")})


class Registration(models.Model):
    """One laid-off worker's registration for one intake wave, with what eligibility is decided on."""

    wave = models.ForeignKey(IntakeWave, models.PROTECT, related_name="registrations", verbose_name=_("intake wave"))
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="service_registrations", verbose_name=_("person")
    )
    code = models.CharField(_("registration code"), max_length=CODE_LENGTH, unique=True, editable=False)
    phone = models.CharField(_("phone"), max_length=16, help_text=_("Stored as +62…"))
    email = models.EmailField(_("e-mail"), blank=True)
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="+", verbose_name=_("home regency/city")
    )
    former_employer = models.CharField(_("former employer"), max_length=200)
    job_lost_on = models.DateField(_("date of job loss"))
    reason = models.CharField(_("reason"), max_length=20, choices=JobLossReason.choices)
    proof = models.FileField(
        _("proof of job loss"),
        upload_to=proof_path,
        blank=True,
        validators=[validate_document],
        help_text=_("Termination letter (surat PHK), a BPJS JKP statement or similar: PDF, JPG or PNG, at most 10 MB."),
    )
    bpjs_status = models.CharField(_("BPJS Ketenagakerjaan / JKP"), max_length=10, choices=BpjsStatus.choices)
    business_idea = models.TextField(_("business idea"), max_length=1000)
    field = models.ForeignKey(
        "centres.VocationalField", models.PROTECT, related_name="+", verbose_name=_("business field")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.SUBMITTED
    )
    venue = models.ForeignKey(
        "venues.Venue",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("allocated venue"),
    )
    # Eligibility: each rule's result as evaluated (``eligibility.explain`` words it in the reader's
    # language), the outcome, and the ministry's override with its reason.
    eligibility = models.JSONField(_("eligibility checks"), default=list, blank=True)
    eligible = models.BooleanField(_("eligible by the rules"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("checked"), null=True, blank=True)
    override = models.BooleanField(_("eligibility decided by the ministry"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the decision"), max_length=1000, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    # A registrant moved by hand keeps their venue when the allocation runs again.
    allocation_locked = models.BooleanField(_("moved by hand"), default=False)
    waiting_rank = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="regency", centre="venue__centre", venue="venue")
    objects = ScopedManager()

    class Meta:
        ordering = ["-submitted_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="registration_once_per_wave"),
        ]
        indexes = [models.Index(fields=["wave", "status"], name="registration_wave_status")]

    def __str__(self) -> str:
        return f"{self.wave} · {self.person}"

    @property
    def is_eligible(self) -> bool | None:
        """The ministry's decision where there is one, otherwise the rules' outcome."""
        return self.override if self.override is not None else self.eligible

    def clean(self) -> None:
        """The job was lost before registering, not in the future."""
        from django.utils import timezone

        if self.job_lost_on and self.job_lost_on > timezone.localdate():
            raise ValidationError({"job_lost_on": _("The date of job loss cannot be in the future.")})


class EligibilityRule(models.Model):
    """One eligibility rule the ministry sets (issue 12.3): its kind, its parameters, whether it applies.

    Programme-wide data, not scoped: every registration of every wave is checked against the active
    rules, and each result is kept with the registration, explained.
    """

    kind = models.CharField(_("rule"), max_length=30, choices=RuleKind.choices, unique=True)
    months = models.PositiveSmallIntegerField(
        _("months"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MinValueValidator(15), MaxValueValidator(100)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MinValueValidator(15), MaxValueValidator(100)]
    )
    active = models.BooleanField(_("applies"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        """Each kind has the parameters it needs."""
        if self.kind == RuleKind.JOB_LOSS_RECENT and not self.months:
            raise ValidationError({"months": _("Give the number of months.")})
        if self.kind == RuleKind.AGE_RANGE:
            if self.min_age is None or self.max_age is None:
                raise ValidationError({"max_age": _("Give the minimum and the maximum age.")})
            if self.max_age < self.min_age:
                raise ValidationError({"max_age": _("The maximum age is below the minimum.")})


class PreferredVenue(models.Model):
    """A venue the worker would like to be trained at, in order of preference (1 = first choice)."""

    registration = models.ForeignKey(
        Registration, models.CASCADE, related_name="preferences", verbose_name=_("registration")
    )
    venue = models.ForeignKey("venues.Venue", models.PROTECT, related_name="+", verbose_name=_("venue"))
    rank = models.PositiveSmallIntegerField(
        _("preference"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PREFERRED_VENUES)]
    )

    scope = Scope(region="registration__regency", centre="registration__venue__centre", venue="registration__venue")
    objects = ScopedManager()

    class Meta:
        ordering = ["registration", "rank"]
        verbose_name = _("preferred venue")
        verbose_name_plural = _("preferred venues")
        constraints = [
            models.UniqueConstraint(fields=["registration", "rank"], name="preference_rank_once"),
            models.UniqueConstraint(fields=["registration", "venue"], name="preference_venue_once"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.venue}"


class WaveQuota(models.Model):
    """How many places a venue offers in one wave, when not its usual capacity per wave."""

    wave = models.ForeignKey(IntakeWave, models.CASCADE, related_name="quotas", verbose_name=_("intake wave"))
    venue = models.ForeignKey("venues.Venue", models.CASCADE, related_name="+", verbose_name=_("venue"))
    places = models.PositiveIntegerField(_("places"), validators=[MaxValueValidator(10_000)])

    class Meta:
        ordering = ["wave", "venue"]
        verbose_name = _("wave quota")
        verbose_name_plural = _("wave quotas")
        constraints = [models.UniqueConstraint(fields=["wave", "venue"], name="wave_quota_once")]

    def __str__(self) -> str:
        return f"{self.wave} · {self.venue}: {self.places}"


class WaveFieldQuota(models.Model):
    """How many registrants of one business field a wave places, across its venues (issue 12.4).

    A field without a quota is not capped: its registrants are placed as far as the venues' places
    allow. The allocation keeps each field within its quota; the rest of the field waits.
    """

    wave = models.ForeignKey(IntakeWave, models.CASCADE, related_name="field_quotas", verbose_name=_("intake wave"))
    field = models.ForeignKey(
        "centres.VocationalField", models.CASCADE, related_name="+", verbose_name=_("business field")
    )
    places = models.PositiveIntegerField(_("places"), validators=[MaxValueValidator(100_000)])

    class Meta:
        ordering = ["wave", "field"]
        verbose_name = _("wave quota by field")
        verbose_name_plural = _("wave quotas by field")
        constraints = [models.UniqueConstraint(fields=["wave", "field"], name="wave_field_quota_once")]

    def __str__(self) -> str:
        return f"{self.wave} · {self.field}: {self.places}"


class AllocationRun(models.Model):
    """One run of the allocation of a wave: who ran it, with which quotas, and what came out.

    The registrations are written in bulk (auditlog does not see bulk writes), so the run is the
    record of the change; ``preview`` runs (what-ifs) are kept too, marked as such.
    """

    wave = models.ForeignKey(IntakeWave, models.CASCADE, related_name="allocation_runs", verbose_name=_("intake wave"))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("run by")
    )
    run_at = models.DateTimeField(_("run at"), auto_now_add=True)
    preview = models.BooleanField(_("what-if only"), default=False)
    quotas = models.JSONField(_("places by venue"), default=dict)
    # Keyed by the field's code (never an id: ids differ between databases); only capped fields.
    field_quotas = models.JSONField(_("places by business field"), default=dict, blank=True)
    candidates = models.PositiveIntegerField(_("eligible registrants"), default=0)
    allocated = models.PositiveIntegerField(_("allocated"), default=0)
    kept = models.PositiveIntegerField(_("moved by hand and kept"), default=0)
    waiting = models.PositiveIntegerField(_("on the waiting list"), default=0)
    total_km = models.DecimalField(_("total distance (km)"), max_digits=14, decimal_places=1, default=0)
    greedy_km = models.DecimalField(_("nearest-venue total (km)"), max_digits=14, decimal_places=1, default=0)
    seconds = models.DecimalField(_("seconds"), max_digits=8, decimal_places=2, default=0)

    class Meta:
        ordering = ["-run_at", "-pk"]
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")

    def __str__(self) -> str:
        return f"{self.wave} · {self.run_at:%Y-%m-%d %H:%M}"


PARTICIPANT_SCOPE = Scope(
    region="registration__regency",
    centre="registration__venue__centre",
    venue="registration__venue",
    owner="account",
)


class Participant(models.Model):
    """One laid-off worker on the path from training to a running business (issue 12.5).

    Made when their allocation becomes an enrolment; it links the person's registration, enrolment,
    counselling, offers and, at the end, their tenancy. ``account`` is the entrepreneur account the
    participant makes with their NIK and registration code; they then see their own path.
    """

    registration = models.OneToOneField(
        Registration, models.PROTECT, related_name="participant", verbose_name=_("registration")
    )
    enrollment = models.OneToOneField(
        "training.Enrollment", models.SET_NULL, null=True, blank=True, related_name="participant",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    stage = models.CharField(
        _("stage"), max_length=12, choices=ParticipantStage.choices, default=ParticipantStage.TRAINING
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="participant",
        verbose_name=_("participant's account"),
    )  # fmt: skip
    tenant = models.OneToOneField(
        "incubation.Tenant", models.SET_NULL, null=True, blank=True, related_name="participant",
        verbose_name=_("tenant"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = PARTICIPANT_SCOPE
    objects = ScopedManager()

    class Meta:
        ordering = ["registration__submitted_at", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return str(self.registration.person)


def _through_participant() -> Scope:
    return Scope(
        region="participant__registration__regency",
        centre="participant__registration__venue__centre",
        venue="participant__registration__venue",
        owner="participant__account",
    )


class CounsellingSession(models.Model):
    """A business counselling session (konsultasi usaha) with a participant."""

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="sessions", verbose_name=_("participant"))
    held_on = models.DateField(_("held on"))
    counsellor = models.CharField(_("counsellor"), max_length=150)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    scope = _through_participant()
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")

    def __str__(self) -> str:
        return f"{self.held_on} · {self.topic}"


class SupportOffer(models.Model):
    """An offer from business matching — capital, a market, licences — and what came of it.

    Recorded by staff until the partners/matching app offers them (issue 13); ``provider`` names the
    bank, buyer or office.
    """

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="offers", verbose_name=_("participant"))
    kind = models.CharField(_("kind"), max_length=12, choices=OfferKind.choices)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (Rp)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OFFERED)
    offered_on = models.DateField(_("offered on"))

    scope = _through_participant()
    objects = ScopedManager()

    class Meta:
        ordering = ["-offered_on", "-pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.provider}"


class AddressCount(models.Model):
    """How many requests of one kind came from one network address in one time window (rate limits).

    In the database, so that every web worker on every machine counts the same (cf. accounts'
    sign-in limit). The address is kept only as a keyed digest: it is personal data, and the limit
    needs to recognise it, not to read it.
    """

    key = models.CharField(_("address digest"), max_length=64)
    window = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("requests from an address")
        verbose_name_plural = _("requests from addresses")
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="address_count_once")]
        indexes = [models.Index(fields=["window"], name="address_count_window")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window:%H:%M} {self.count}"
