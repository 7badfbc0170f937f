"""People: one ``Person`` per human across every programme, keyed by NIK.

A person is reached through their enrolments: a centre's users see the people enrolled at their
centre, a regional coordinator the people enrolled at centres of their region. A person without
any enrolment (e.g. registered and not yet placed) is seen by ministry admins only. NIK and phone
are personal data: masked on every page unless revealed (audited), masked in the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager


class Sex(models.TextChoices):
    """Sex as written on the identity card (it is encoded in the NIK)."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    """Highest education completed."""

    NONE = "none", _("No schooling")
    PRIMARY = "sd", _("Primary school (SD)")
    JUNIOR = "smp", _("Junior high school (SMP)")
    SENIOR = "sma", _("Senior high school (SMA/MA)")
    VOCATIONAL = "smk", _("Vocational high school (SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    BACHELOR = "s1", _("Bachelor (S1)")
    POSTGRADUATE = "s2", _("Postgraduate (S2/S3)")


class Person(models.Model):
    """A human the programme serves (trainee, tenant, registrant): one per NIK."""

    Sex = Sex

    nik = models.CharField(
        _("NIK"),
        max_length=16,
        null=True,
        blank=True,
        help_text=_("16-digit national identity number; empty only when the person has none yet."),
    )
    name = models.CharField(_("name"), max_length=150)
    # Upper-case, single-spaced name: the key duplicate candidates are found by.
    name_key = models.CharField(max_length=150, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=16, blank=True, help_text=_("Stored as +62…"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    regency = models.ForeignKey(
        "regions.Regency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regency/city of residence"),
        db_index=False,  # indexed in Meta instead: a field index on a text key gets a "_like" twin on PostgreSQL
    )
    village = models.ForeignKey(
        "regions.Village",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
        db_index=False,  # indexed in Meta, as regency
    )
    education = models.CharField(_("education"), max_length=10, choices=Education.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Through the enrolments: one person may be enrolled at several centres, hence distinct.
    scope = Scope(
        region="enrollments__batch__regency",
        centre="enrollments__batch__centre",
        venue="enrollments__batch__venue",
        distinct=True,
    )
    objects = ScopedManager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Every index is maintained by each bulk import (232,000 rows a year), so none is kept twice:
        # the NIK is unique through a constraint (a field's ``unique`` adds a second, "_like" index on
        # PostgreSQL for LIKE searches nobody makes on a NIK); name_key is the head of the duplicate
        # key, which serves lookups by name_key alone; region foreign keys are compared by equality
        # only (a person is scoped through enrolments), so they get no "_like" index either.
        constraints = [
            # No own message: a single-field constraint then reports the field's usual "already exists" on "nik".
            models.UniqueConstraint(fields=["nik"], name="person_nik_unique")
        ]
        indexes = [
            models.Index(fields=["name_key", "birth_date"], name="person_duplicate_key"),
            models.Index(fields=["regency"], name="person_regency"),
            # Only people with a village: imports never set one (the NIK gives the regency, not the
            # village), so their rows add nothing to maintain; "village = X" (a village's PROTECT
            # check) implies "not null" and still uses it.
            models.Index(fields=["village"], name="person_village", condition=models.Q(village__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.name


class PersonMerge(models.Model):
    """The record of two person records merged into one: who, when, and what moved.

    ``other_id`` is the primary key the removed record had, so that its audit history can be found.
    """

    kept = models.ForeignKey(Person, models.CASCADE, related_name="merges", verbose_name=_("kept person"))
    other_id = models.PositiveBigIntegerField(_("removed record"))
    other_name = models.CharField(_("removed record's name"), max_length=150)
    moved = models.JSONField(_("records moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name=_("merged by")
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)

    scope = Scope(
        region="kept__enrollments__batch__regency",
        centre="kept__enrollments__batch__centre",
        distinct=True,
    )
    objects = ScopedManager()

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self) -> str:
        return f"{self.other_name} → {self.kept_id}"
