"""Administrative regions of Indonesia with their Kemendagri codes.

Codes are the primary keys (``32``, ``32.16``, ``32.16.01``, ``32.16.01.2001``). Because each code
starts with its parent's code, a province or regency scope is a single indexed
``code__startswith`` filter, with no join.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A province (provinsi), e.g. ``32`` Jawa Barat."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """A regency (kabupaten) or city (kota), e.g. ``32.16`` Kabupaten Bekasi."""

    class Kind(models.TextChoices):
        REGENCY = "kabupaten", _("Regency (kabupaten)")
        CITY = "kota", _("City (kota)")

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(Province, models.PROTECT, related_name="regencies", verbose_name=_("province"))
    name = models.CharField(_("name"), max_length=100, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("regency/city")
        verbose_name_plural = _("regencies/cities")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (kecamatan / distrik), e.g. ``32.16.01``."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    regency = models.ForeignKey(Regency, models.PROTECT, related_name="districts", verbose_name=_("regency/city"))
    name = models.CharField(_("name"), max_length=100, db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Village(models.Model):
    """A village (desa), urban village (kelurahan) or customary village (desa adat), e.g. ``32.16.01.2001``.

    The fourth code segment tells the kind: 1xxx kelurahan, 2xxx desa, 3xxx desa adat (so far only in
    Kabupaten Jayapura, 91.03).
    """

    class Kind(models.TextChoices):
        VILLAGE = "desa", _("Village (desa)")
        URBAN = "kelurahan", _("Urban village (kelurahan)")
        CUSTOMARY = "desa_adat", _("Customary village (desa adat)")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    district = models.ForeignKey(District, models.PROTECT, related_name="villages", verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")

    def __str__(self) -> str:
        return self.name
