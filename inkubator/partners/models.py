"""Partners of the programme: companies, banks, ministries, donors and universities.

The foundation holds the organisation a partner user belongs to; agreements, contributions and
offers come with the partners and matching capabilities.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager


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
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.ForeignKey(
        "regions.Province",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Partners are national actors: coordinators do not get them by region; a partner sees itself.
    scope = Scope(partner="pk")
    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name
