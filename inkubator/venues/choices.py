"""Choice lists of the venues register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    """Who runs a training venue (PROGRAMME_FACTS.md: ministry UPTP, ~330 regional BLK, BPKK, BLKK incubators)."""

    BLK_UPTP = "blk_uptp", _("BLK UPTP (ministry)")
    BLK_PROVINCE = "blk_province", _("Provincial BLK (UPTD)")
    BLK_REGENCY = "blk_regency", _("Regency/city BLK (UPTD)")
    BPKK = "bpkk", _("BPKK")
    BLKK_INCUBATOR = "blkk_incubator", _("BLK Komunitas incubator")
