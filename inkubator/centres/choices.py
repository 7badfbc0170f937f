"""Choices of the centre register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HostKind(models.TextChoices):
    """The kind of institution that runs a centre (lembaga pengelola)."""

    PESANTREN = "pesantren", _("Islamic boarding school (pondok pesantren)")
    RELIGIOUS = "religious", _("Other religious institution")
    UNION = "union", _("Labour union (SP/SB)")
    COMMUNITY = "community", _("Other community body")


class Religion(models.TextChoices):
    """Religion of a religious host institution."""

    ISLAM = "islam", _("Islam")
    PROTESTANT = "protestant", _("Protestant Christianity")
    CATHOLIC = "catholic", _("Catholicism")
    HINDU = "hindu", _("Hinduism")
    BUDDHIST = "buddhist", _("Buddhism")
    CONFUCIAN = "confucian", _("Confucianism")


class CentreStatus(models.TextChoices):
    """Whether a centre is running."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    CLOSED = "closed", _("Closed")


class Cluster(models.TextChoices):
    """The default cluster scheme; assessments set a centre's current cluster."""

    BINAAN = "binaan", _("Binaan (fostered)")
    BERDAYA = "berdaya", _("Berdaya (empowered)")
    MANDIRI = "mandiri", _("Mandiri (independent)")


class StaffRole(models.TextChoices):
    """What a staff member does at a centre."""

    MANAGER = "manager", _("Manager")
    INSTRUCTOR = "instructor", _("Instructor")
    ADMINISTRATOR = "administrator", _("Administrator")


class AssetKind(models.TextChoices):
    """Building or equipment."""

    BUILDING = "building", _("Building")
    EQUIPMENT = "equipment", _("Equipment")


class AssetCondition(models.TextChoices):
    """State of an asset as mapped."""

    GOOD = "good", _("Good")
    LIGHT_DAMAGE = "light_damage", _("Light damage")
    HEAVY_DAMAGE = "heavy_damage", _("Heavy damage")


class AssetSource(models.TextChoices):
    """Where an asset came from."""

    MINISTRY = "ministry", _("Ministry aid")
    PARTNER = "partner", _("A partner")
    OWN = "own", _("Own funds")


class MentoringFocus(models.TextChoices):
    """What mentoring works on with a centre; each cluster of a scheme names one (DESIGN.md)."""

    PEOPLE_ASSETS = "people_assets", _("People and asset mapping")
    MANAGEMENT = "management", _("Management")
    INCUBATOR = "incubator", _("Incubator programme")
