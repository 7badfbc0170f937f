"""The incubation pipeline: tenants and their businesses, stages, figures, coaching, diagnosis, capital.

A ``Tenant`` is a ``people.Person`` taken in by an incubator (a designated centre) or, for the
laid-off workers' service, by a government venue named in ``venue_name``. Its ``regency`` is where
it is incubated (the incubator's regency/city): the path regional scope is decided by. Records of a
tenant are scoped through it: a centre's users see their incubator's tenants, the entrepreneur their
own record (``Tenant.entrepreneur``).

A tenant may also be a group (kelompok, issue 12.6): TKM grants go to groups of about ten. A group
tenant has a ``group_name`` and its ``members`` (``TenantMember``, each a person by NIK); one member
is the chair (ketua), and the chair is the tenant's ``person``, so every page, count and scope that
reads a tenant's person keeps working for groups. The group's grant is the tenant's ``Grant``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager

from .choices import (
    GateKind,
    LegalForm,
    LicenceKind,
    LoanStatus,
    MilestoneKind,
    ProblemArea,
    Severity,
    SourceProgramme,
    Stage,
)

# Ceilings past which a figure is a typing error, not a micro business (see ``services.report_check``).
MAX_MONTHLY_RUPIAH = 10_000_000_000  # Rp 10 billion a month
MAX_WORKERS = 1000
MAX_CUSTOMERS = 1_000_000
MAX_GRANT_RUPIAH = 1_000_000_000
MAX_GROUP_MEMBERS = 50  # TKM groups have about ten members; fifty is a typing error, not a group

TENANT_SCOPE = Scope(region="regency", centre="incubator", owner="entrepreneur", venue="venue")


def _through(prefix: str) -> Scope:
    """The tenant's scope seen from a record ``prefix`` away from it (``"tenant"``, ``"session__tenant"``)."""
    return Scope(
        region=f"{prefix}__regency",
        centre=f"{prefix}__incubator",
        owner=f"{prefix}__entrepreneur",
        venue=f"{prefix}__venue",
    )


class Tenant(models.Model):
    """An entrepreneur being incubated (wirausaha binaan): a person, their incubator and stage."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="tenancies", verbose_name=_("person"))
    incubator = models.ForeignKey(
        "centres.Centre",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="tenants",
        verbose_name=_("incubator"),
        help_text=_("The designated incubator centre; empty for a government training centre (BPKK, BLK)."),
    )
    venue_name = models.CharField(
        _("government venue"),
        max_length=200,
        blank=True,
        help_text=_("The government training centre (BPKK, BLK UPTP/UPTD) when the incubator is not a centre."),
    )
    # The venue of the register (issue 12) for a government venue's tenant; its staff see the tenant.
    venue = models.ForeignKey(
        "venues.Venue", models.PROTECT, null=True, blank=True, related_name="tenants", verbose_name=_("training venue")
    )
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, related_name="+", verbose_name=_("regency/city of incubation")
    )
    source_programme = models.CharField(_("source programme"), max_length=20, choices=SourceProgramme.choices)
    group_name = models.CharField(
        _("group name"),
        max_length=150,
        blank=True,
        help_text=_("For a group (kelompok, e.g. a TKM group): its name. Empty for a tenant who is one person."),
    )
    # The person's name, copied here so that the list sorts by (group name, person's name) from one
    # index instead of joining 100,000 tenants to a million people per page (issue 14); written on
    # intake, kept by the services that rename a person (people.name_copies).
    person_name = models.CharField(_("person's name"), max_length=150, blank=True, editable=False)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PRE)
    entrepreneur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tenancies",
        verbose_name=_("entrepreneur's account"),
    )
    joined_on = models.DateField(_("joined on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = TENANT_SCOPE
    objects = ScopedManager()

    class Meta:
        ordering = ["-joined_on", "pk"]
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")
        indexes = [
            models.Index(fields=["incubator", "stage", "joined_on"]),
            models.Index(fields=["regency", "stage"]),
            models.Index(fields=["stage", "joined_on"]),
            # The API's tenants are listed newest first (joined_on DESC, id): read backwards from this
            # index rather than sorting 100,000 tenants for every page (issue 14).
            models.Index(fields=["joined_on"], name="tenant_joined"),
            # The list's name order, read from the index a page at a time (forwards or backwards).
            models.Index(fields=["group_name", "person_name"], name="tenant_sort_name"),
        ]

    def __str__(self) -> str:
        return self.group_name or self.person.name

    @property
    def is_group(self) -> bool:
        """A group (kelompok) rather than one person."""
        return bool(self.group_name)

    @property
    def display_name(self) -> str:
        """The group's name, or the person's."""
        return str(self)

    def clean(self) -> None:
        """Exactly one of incubator or venue; the regency is the incubator's."""
        if self.venue_id and not self.incubator_id and not self.venue_name:
            self.venue_name = self.venue.name
        if self.incubator_id and self.venue_name:
            raise ValidationError({"venue_name": _("Give either an incubator centre or a government venue, not both.")})
        if not self.incubator_id and not self.venue_name:
            raise ValidationError({"incubator": _("Choose the incubator centre or name the government venue.")})
        if self.incubator_id and self.regency_id and self.incubator.regency_id != self.regency_id:
            raise ValidationError({"regency": _("The regency/city must be the incubator's.")})

    @property
    def where(self) -> str:
        """The incubator's name or the venue's."""
        return self.incubator.name if self.incubator_id else self.venue_name


class TenantMember(models.Model):
    """A member of a group tenant (anggota kelompok): a person by NIK; exactly one member is the chair.

    The chair is also the tenant's ``person`` (kept so by ``services.group_chair_set``). A person is
    a member of a group once; the database says so, so that two staff adding the same NIK at the same
    moment make one row.
    """

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="members", verbose_name=_("group"))
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="group_memberships", verbose_name=_("person")
    )
    chair = models.BooleanField(_("chair"), default=False)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-chair", "added_at", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                "tenant",
                "person",
                name="group_member_once",
                violation_error_message=_("This person is already a member of the group."),
            ),
            models.UniqueConstraint(
                "tenant",
                condition=models.Q(chair=True),
                name="group_chair_once",
                violation_error_message=_("The group already has a chair."),
            ),
        ]

    def __str__(self) -> str:
        return self.person.name

    def clean(self) -> None:
        """Only a group tenant has members."""
        if self.tenant_id and not self.tenant.group_name:
            raise ValidationError(_("Only a group has members."))


class Business(models.Model):
    """The tenant's business: what it does, where, since when, in what legal form, with how many workers."""

    tenant = models.OneToOneField(Tenant, models.CASCADE, related_name="business", verbose_name=_("tenant"))
    name = models.CharField(_("business name"), max_length=200)
    kbli_code = models.CharField(
        _("KBLI code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{2,5}$", _("A KBLI code has 2 to 5 digits."))],
    )
    sector = models.CharField(_("sector"), max_length=150, help_text=_("The KBLI label, e.g. Food and drink"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    regency = models.ForeignKey("regions.Regency", models.PROTECT, related_name="+", verbose_name=_("regency/city"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.INDIVIDUAL
    )
    workers = models.PositiveIntegerField(_("workers"), default=0, validators=[MaxValueValidator(MAX_WORKERS)])
    products = models.TextField(_("products"), blank=True)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")

    def __str__(self) -> str:
        return self.name


class Licence(models.Model):
    """A licence of a business (NIB, PIRT, halal certificate, …) with its number and date."""

    business = models.ForeignKey(Business, models.CASCADE, related_name="licences", verbose_name=_("business"))
    kind = models.CharField(_("kind"), max_length=10, choices=LicenceKind.choices)
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))

    scope = _through("business__tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["kind", "issued_on"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.UniqueConstraint(
                "business",
                "kind",
                "number",
                name="licence_once",
                violation_error_message=_("This licence is already recorded for the business."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class StageGate(models.Model):
    """A condition a tenant must meet to enter a stage; the ministry edits these rows, not the code."""

    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=GateKind.choices)
    licence_kind = models.CharField(_("licence kind"), max_length=10, choices=LicenceKind.choices, blank=True)
    milestone_kind = models.CharField(_("milestone kind"), max_length=20, choices=MilestoneKind.choices, blank=True)
    months = models.PositiveSmallIntegerField(
        _("months"), default=0, validators=[MaxValueValidator(24)], help_text=_("For figures: how many last months.")
    )
    active = models.BooleanField(_("in force"), default=True)

    # National rules edited by the ministry admin only; the stage service applies them to every tenant.
    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["to_stage", "kind", "pk"]
        verbose_name = _("stage gate")
        verbose_name_plural = _("stage gates")

    def __str__(self) -> str:
        return f"{self.get_to_stage_display()}: {self.get_kind_display()}"

    def clean(self) -> None:
        """Each kind needs its parameter."""
        if self.kind == GateKind.LICENCE and not self.licence_kind:
            raise ValidationError({"licence_kind": _("Choose the licence this gate asks for.")})
        if self.kind == GateKind.MILESTONE and not self.milestone_kind:
            raise ValidationError({"milestone_kind": _("Choose the milestone this gate asks for.")})
        if self.kind == GateKind.REPORTS and not self.months:
            raise ValidationError({"months": _("Give how many months of figures this gate asks for.")})


class StageMove(models.Model):
    """The record of one stage move: from, to, who, when and why."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="moves", verbose_name=_("tenant"))
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("moved by")
    )
    moved_at = models.DateTimeField(_("moved at"))
    reason = models.CharField(_("reason"), max_length=500)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-moved_at", "-pk"]
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class MonthlyReport(models.Model):
    """A tenant's figures for one month: revenue, costs, workers employed, customers."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="reports", verbose_name=_("tenant"))
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    revenue = models.PositiveBigIntegerField(_("revenue (Rp)"), validators=[MaxValueValidator(MAX_MONTHLY_RUPIAH)])
    costs = models.PositiveBigIntegerField(_("costs (Rp)"), validators=[MaxValueValidator(MAX_MONTHLY_RUPIAH)])
    workers = models.PositiveIntegerField(_("workers employed"), validators=[MaxValueValidator(MAX_WORKERS)])
    customers = models.PositiveIntegerField(_("customers"), validators=[MaxValueValidator(MAX_CUSTOMERS)])
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reported_at = models.DateTimeField(_("reported at"))
    late = models.BooleanField(_("late"), default=False, help_text=_("Reported after the 10th of the next month."))

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(
                "tenant",
                "month",
                name="monthly_report_once",
                violation_error_message=_("The figures of this month are already reported."),
            )
        ]
        # Dashboards sum revenue by month over every tenant in scope: served from this index alone.
        indexes = [models.Index(fields=["month", "tenant", "revenue"], name="report_month_revenue")]

    def __str__(self) -> str:
        return f"{self.tenant_id} {self.month:%Y-%m}"

    def clean(self) -> None:
        """The month is a first day."""
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("The month must be given by its first day.")})


class ReportLock(models.Model):
    """The incubator's lock on a reported month: from then on its figures can no longer be corrected."""

    report = models.OneToOneField(MonthlyReport, models.CASCADE, related_name="lock", verbose_name=_("monthly report"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    locked_at = models.DateTimeField(_("locked at"))

    scope = _through("report__tenant")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("locked month")
        verbose_name_plural = _("locked months")

    def __str__(self) -> str:
        return f"{self.report} locked"


class Milestone(models.Model):
    """A milestone of a tenant: planned by a date, achieved (or not yet)."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="milestones", verbose_name=_("tenant"))
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["achieved_on", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class CoachingSession(models.Model):
    """A counselling session with a tenant (konseling bisnis)."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="sessions", verbose_name=_("tenant"))
    date = models.DateField(_("date"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="coaching_sessions", verbose_name=_("coach")
    )
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class CoachingAction(models.Model):
    """An action agreed in a session, due by a date, done or not."""

    session = models.ForeignKey(CoachingSession, models.CASCADE, related_name="actions", verbose_name=_("session"))
    text = models.CharField(_("action"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    scope = _through("session__tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self) -> str:
        return self.text


class Diagnosis(models.Model):
    """A diagnosis of the business on a date; a later one does not replace it (history is kept)."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="diagnoses", verbose_name=_("tenant"))
    date = models.DateField(_("date"))
    diagnosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("diagnosed by")
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")

    def __str__(self) -> str:
        return f"{self.tenant_id} {self.date}"


class DiagnosedProblem(models.Model):
    """One problem found in a diagnosis, from the taxonomy, with its severity."""

    diagnosis = models.ForeignKey(Diagnosis, models.CASCADE, related_name="problems", verbose_name=_("diagnosis"))
    area = models.CharField(_("problem"), max_length=20, choices=ProblemArea.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)

    scope = _through("diagnosis__tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-severity", "area"]
        verbose_name = _("diagnosed problem")
        verbose_name_plural = _("diagnosed problems")
        constraints = [
            models.UniqueConstraint(
                "diagnosis",
                "area",
                name="diagnosed_problem_once",
                violation_error_message=_("This problem is already in the diagnosis."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} ({self.severity})"


class Grant(models.Model):
    """A grant a tenant received, e.g. the TKM grant."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="grants", verbose_name=_("tenant"))
    programme = models.CharField(_("programme"), max_length=20, choices=SourceProgramme.choices)
    amount = models.PositiveBigIntegerField(
        _("amount (Rp)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GRANT_RUPIAH)]
    )
    received_on = models.DateField(_("received on"))

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.get_programme_display()} {self.amount}"


class Equipment(models.Model):
    """Equipment a tenant received (from the ministry, a partner, …)."""

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="equipment", verbose_name=_("tenant"))
    name = models.CharField(_("equipment"), max_length=200)
    value = models.PositiveBigIntegerField(_("value (Rp)"), default=0, validators=[MaxValueValidator(MAX_GRANT_RUPIAH)])
    source = models.CharField(_("from"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"))

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return self.name


class Loan(models.Model):
    """A loan applied for or received, e.g. KUR from a bank.

    The lender is a partner of the register (``bank``) whenever it is one, so that a bank's loans
    are counted under it; ``bank_name`` keeps a lender that is not a partner (a cooperative, a
    pawnshop) and the text of loans recorded before the register existed that matched no partner.
    """

    tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="loans", verbose_name=_("tenant"))
    bank = models.ForeignKey(
        "partners.Partner",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="loans",
        verbose_name=_("bank"),
        help_text=_("The lender, when it is a partner of the programme."),
    )
    bank_name = models.CharField(
        _("other lender"), max_length=120, blank=True, help_text=_("A lender that is not a partner.")
    )
    scheme = models.CharField(_("scheme"), max_length=60, default="KUR")
    amount = models.PositiveBigIntegerField(
        _("amount (Rp)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_GRANT_RUPIAH)]
    )
    status = models.CharField(_("status"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.APPLIED)
    applied_on = models.DateField(_("applied on"))

    scope = _through("tenant")
    objects = ScopedManager()

    class Meta:
        ordering = ["-applied_on"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")

    def __str__(self) -> str:
        return f"{self.scheme} {self.lender}"

    @property
    def lender(self) -> str:
        """The partner's short name (or name), else the other lender's name."""
        if self.bank_id:
            return self.bank.short_name or self.bank.name
        return self.bank_name

    def clean(self) -> None:
        """A lender is named once: a partner, or another lender's name."""
        self.bank_name = (self.bank_name or "").strip()
        if self.bank_id and self.bank_name:
            raise ValidationError({"bank_name": _("Name another lender only when the bank is not a partner.")})
        if not self.bank_id and not self.bank_name:
            raise ValidationError({"bank": _("Choose the bank, or name the lender if it is not a partner.")})
