"""Mentoring (pendampingan): the facilitator team, mentoring plans and their assignment, visits, action items.

A ``Plan`` lists centres (``PlanCentre``, each with the cluster it had when planned and the focus of
its mentoring); the optimiser pairs each with a ``Facilitator`` (``Assignment``; a pair set by hand
is kept when the plan is optimised again). Facilitators log ``Visit``s and agree ``ActionItem``s
with centres. A facilitator user reaches the centres assigned to them in an *active* plan.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.centres.models import LATITUDE_RANGE, LONGITUDE_RANGE
from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager

from .choices import SKILL_FIELDS, ActionStatus, PlanStatus
from .uploads import validate_photo


def latitude_field(label: str | None = None) -> models.DecimalField:
    """A latitude inside Indonesia (five decimals: about a metre)."""
    return models.DecimalField(
        label or _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
    )


def longitude_field(label: str | None = None) -> models.DecimalField:
    """A longitude inside Indonesia."""
    return models.DecimalField(
        label or _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
    )


class Facilitator(models.Model):
    """A member of the mentoring team (pendamping): home base, skills by focus, capacity, availability."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitator_profile",
        limit_choices_to={"role": Role.FACILITATOR},
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=150)
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="facilitators", verbose_name=_("home regency/city")
    )
    latitude = latitude_field(_("home latitude"))
    longitude = longitude_field(_("home longitude"))
    skill_people_assets = models.BooleanField(_("people and asset mapping"), default=False)
    skill_management = models.BooleanField(_("management"), default=False)
    skill_incubator = models.BooleanField(_("incubator programme"), default=False)
    capacity_centres = models.PositiveSmallIntegerField(
        _("centres at once"), default=5, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    days_per_month = models.PositiveSmallIntegerField(
        _("days a month"), default=10, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    active = models.BooleanField(_("available for assignment"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Coordinators see the team based in their region; a facilitator sees their own record.
    scope = Scope(region="regency", owner="user", owner_roles=frozenset({Role.FACILITATOR}))
    objects = ScopedManager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")

    def __str__(self) -> str:
        return self.name

    @property
    def skills(self) -> frozenset[str]:
        """The foci this facilitator can mentor."""
        return frozenset(focus for focus, field in SKILL_FIELDS.items() if getattr(self, field))

    @property
    def skill_labels(self) -> str:
        """The skills as a comma list of their labels."""
        return ", ".join(str(MentoringFocus(f).label) for f in MentoringFocus.values if f in self.skills)

    def clean(self) -> None:
        """A facilitator has at least one skill, both coordinates or none, and a facilitator account."""
        errors: dict[str, object] = {}
        if not self.skills:
            errors["skill_people_assets"] = _("Tick at least one mentoring skill.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.user_id and self.user.role != Role.FACILITATOR:
            errors["user"] = _("The user account must have the facilitator role.")
        if errors:
            raise ValidationError(errors)


class Plan(models.Model):
    """A mentoring plan: a period and the centres to mentor in it, with their assignment."""

    Status = PlanStatus

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_plans",
        verbose_name=_("created by"),
    )
    # Figures of the last optimisation, kept so the plan page needs no solver run to show them.
    solved_at = models.DateTimeField(_("last optimised"), null=True, blank=True)
    total_km = models.DecimalField(_("total travel (km)"), max_digits=12, decimal_places=1, null=True, blank=True)
    greedy_km = models.DecimalField(
        _("travel of a greedy assignment (km)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    greedy_unassigned = models.PositiveIntegerField(_("centres greedy left unassigned"), default=0)
    # Largest number of centres on one facilitator: the price greedy pays for short trips, shown beside them.
    max_load = models.PositiveIntegerField(_("largest load (optimised)"), default=0)
    greedy_max_load = models.PositiveIntegerField(_("largest load (greedy)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # A plan is seen by whoever sees one of its centres: coordinators in their region, facilitators
    # through their assigned centres. Who may *change* it is decided in permissions.py.
    scope = Scope(region="entries__centre__regency", centre="entries__centre", distinct=True)
    objects = ScopedManager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("mentoring plan")
        verbose_name_plural = _("mentoring plans")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The period ends after it starts."""
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})

    @property
    def saving_percent(self) -> Decimal | None:
        """How much less the optimised assignment travels than the greedy one, in percent."""
        if self.total_km is None or not self.greedy_km:
            return None
        return ((self.greedy_km - self.total_km) * 100 / self.greedy_km).quantize(Decimal("0.1"))


class PlanCentre(models.Model):
    """A centre in a plan, with its cluster when planned, the focus of its mentoring and its priority."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="entries", verbose_name=_("plan"))
    centre = models.ForeignKey(
        "centres.Centre", models.PROTECT, related_name="mentoring_entries", verbose_name=_("centre")
    )
    cluster = models.CharField(_("cluster when planned"), max_length=20, choices=Cluster.choices, blank=True)
    focus = models.CharField(_("mentoring focus"), max_length=20, choices=MentoringFocus.choices)
    priority = models.PositiveIntegerField(
        _("priority"), default=1, help_text=_("1 is served first when the team is too small.")
    )

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["priority", "centre__code"]
        verbose_name = _("centre in a plan")
        verbose_name_plural = _("centres in a plan")
        constraints = [
            models.UniqueConstraint(
                "plan",
                "centre",
                name="plan_centre_once",
                violation_error_message=_("This centre is already in the plan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.centre}"


class Assignment(models.Model):
    """Which facilitator mentors a centre of a plan; ``is_manual`` pairs survive re-optimising."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="assignments", verbose_name=_("plan"))
    plan_centre = models.OneToOneField(
        PlanCentre, models.CASCADE, related_name="assignment", verbose_name=_("centre in the plan")
    )
    facilitator = models.ForeignKey(
        Facilitator, models.PROTECT, related_name="assignments", verbose_name=_("facilitator")
    )
    is_manual = models.BooleanField(_("set by hand"), default=False)
    travel_km = models.DecimalField(_("distance from home base (km)"), max_digits=8, decimal_places=1, default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(region="plan_centre__centre__regency", centre="plan_centre__centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["facilitator__name", "plan_centre__priority", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.facilitator} → {self.plan_centre.centre}"

    def clean(self) -> None:
        """The facilitator has the skill the centre's focus needs, and the pair belongs to the plan."""
        if self.plan_centre_id and self.plan_id and self.plan_centre.plan_id != self.plan_id:
            raise ValidationError({"plan_centre": _("This centre is not in the plan.")})
        if self.facilitator_id and self.plan_centre_id and self.plan_centre.focus not in self.facilitator.skills:
            raise ValidationError(
                {
                    "facilitator": _("%(name)s has no skill in '%(focus)s'.")
                    % {"name": self.facilitator.name, "focus": self.plan_centre.get_focus_display()}
                }
            )


class Visit(models.Model):
    """A facilitator's mentoring visit to a centre, logged from a phone with its GPS point."""

    facilitator = models.ForeignKey(Facilitator, models.PROTECT, related_name="visits", verbose_name=_("facilitator"))
    centre = models.ForeignKey("centres.Centre", models.PROTECT, related_name="visits", verbose_name=_("centre"))
    date = models.DateField(_("date"))
    focus = models.CharField(_("mentoring focus"), max_length=20, choices=MentoringFocus.choices)
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=0, validators=[MaxValueValidator(1000)])
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    latitude = latitude_field(_("GPS latitude"))
    longitude = longitude_field(_("GPS longitude"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("logged by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.centre} · {self.date}"

    def clean(self) -> None:
        """Both GPS coordinates or none."""
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})


class VisitPhoto(models.Model):
    """A photo taken on a visit (JPG or PNG, content checked)."""

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="photos", verbose_name=_("visit"))
    image = models.FileField(_("photo"), upload_to="visits/%Y/%m/", validators=[validate_photo])

    scope = Scope(region="visit__centre__regency", centre="visit__centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def __str__(self) -> str:
        return self.image.name


class ActionItem(models.Model):
    """Something a centre agreed to do in its mentoring, with an owner, a due date and a status."""

    centre = models.ForeignKey("centres.Centre", models.CASCADE, related_name="action_items", verbose_name=_("centre"))
    focus = models.CharField(_("mentoring focus"), max_length=20, choices=MentoringFocus.choices)
    title = models.CharField(_("action"), max_length=255)
    owner = models.CharField(_("owner"), max_length=150, help_text=_("Who at the centre does it."))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    visit = models.ForeignKey(
        Visit, models.SET_NULL, null=True, blank=True, related_name="action_items", verbose_name=_("agreed on visit")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(region="centre__regency", centre="centre")
    objects = ScopedManager()

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title
