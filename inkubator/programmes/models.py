"""Programmes and their yearly targets.

The figures a target is measured against are never typed in: each target names an indicator
(``indicators.py``) that computes its value from the data. Programmes and targets are the
ministry's published plan, not personal data: every signed-in staff role may read them, and a
user's *figures* are always computed from their own scope (``visible_to``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A programme of the ministry (BLKK vocational training, incubators, TKM, …): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """What an indicator should reach in a year, nationally or in one province or regency/city."""

    programme = models.ForeignKey(Programme, models.PROTECT, related_name="targets", verbose_name=_("programme"))
    indicator = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    province = models.ForeignKey(
        "regions.Province", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("province")
    )
    regency = models.ForeignKey(
        "regions.Regency", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("regency/city")
    )
    # Kemendagri code of the place ("" national, "32" a province, "32.16" a regency/city), set by clean():
    # one key for the uniqueness of a target, as NULL province/regency would never collide.
    region_key = models.CharField(max_length=16, editable=False, default="")
    value = models.PositiveIntegerField(_("target"))
    note = models.CharField(_("source or note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["year", "indicator", "province", "regency"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            # One target per indicator, year and place; nulls (national) are made explicit by region_key.
            models.UniqueConstraint(
                fields=["indicator", "year", "region_key"], name="target_one_per_indicator_year_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.region_key or 'ID'}: {self.value}"

    @property
    def level(self) -> str:
        """``national``, ``province`` or ``regency``."""
        if self.regency_id:
            return "regency"
        if self.province_id:
            return "province"
        return "national"

    def clean(self) -> None:
        from .indicators import INDICATORS

        errors: dict[str, str] = {}
        definition = INDICATORS.get(self.indicator)
        if definition is None:
            errors["indicator"] = _("Unknown indicator.")
        elif self.programme_id and definition.programme != self.programme.code:
            errors["indicator"] = _("This indicator does not belong to the programme chosen.")
        if self.regency_id and self.province_id and self.regency.province_id != self.province_id:
            errors["regency"] = _("The regency/city is not in the province chosen.")
        if errors:
            raise ValidationError(errors)
        # Kemendagri codes: "" national, "32" a province, "32.16" a regency/city.
        self.region_key = self.regency_id or self.province_id or ""
        if self.regency_id:
            self.province_id = self.regency.province_id


class IndicatorSummary(models.Model):
    """One indicator's figure for one year, regency/city and centre: what dashboards add up instead of
    counting a million rows at every request (``summaries.py`` refreshes it from the live definition).

    ``year`` is the year of the row's date for a flow (NULL when the row has none), 0 for a stock.
    ``centre_id`` is NULL for rows that belong to no centre (a batch at a government venue). Places are
    plain codes and ids, not foreign keys: a whole indicator is rewritten at each refresh, and a centre
    deleted meanwhile must not be blocked by, nor cascade into, a summary.
    """

    indicator = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), null=True)
    province_code = models.CharField(_("province"), max_length=16, null=True)
    regency_code = models.CharField(_("regency/city"), max_length=16, null=True)
    centre_id = models.BigIntegerField(_("centre"), null=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("indicator summary")
        verbose_name_plural = _("indicator summaries")
        indexes = [
            models.Index(fields=["indicator", "year", "regency_code"], name="summary_indicator_year_regency"),
            models.Index(fields=["centre_id", "indicator"], name="summary_centre"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year or '-'} {self.regency_code or '-'} {self.centre_id or '-'}: {self.value}"


class IndicatorSummaryState(models.Model):
    """When an indicator's summary rows were last rebuilt, and from which definition.

    A summary is read only when its ``definition`` still matches the registered indicator's: a changed
    definition is served live until the next refresh rather than from rows computed another way.
    """

    indicator = models.CharField(_("indicator"), max_length=40, primary_key=True)
    definition = models.CharField(_("definition"), max_length=64)
    refreshed_at = models.DateTimeField(_("refreshed at"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    seconds = models.FloatField(_("seconds taken"), default=0)

    class Meta:
        verbose_name = _("indicator summary state")
        verbose_name_plural = _("indicator summary states")

    def __str__(self) -> str:
        return f"{self.indicator} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
