"""Users of Inkubator: one role each, and the scope the role is bounded by."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from knox.models import AbstractAuthToken, AuthTokenManager

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedQuerySet


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    """Django's user manager (``create_user`` …) with ``visible_to``."""


class User(AbstractUser):
    """A person who signs in. The role decides what they may do; the scope fields what they may see.

    * regional coordinators: ``provinces`` and/or ``regencies``;
    * facilitators: ``centres`` they are assigned to; centre managers: exactly one ``centres`` entry;
    * partners: their ``partner`` organisation; entrepreneurs: their own records;
    * venue staff: the training ``venues`` they work at (laid-off workers' service).
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, db_index=True)
    provinces = models.ManyToManyField(
        "regions.Province", blank=True, related_name="coordinators", verbose_name=_("provinces in scope")
    )
    regencies = models.ManyToManyField(
        "regions.Regency", blank=True, related_name="coordinators", verbose_name=_("regencies/cities in scope")
    )
    centres = models.ManyToManyField(
        "centres.Centre", blank=True, related_name="assigned_users", verbose_name=_("centres in scope")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("partner organisation"),
    )
    venues = models.ManyToManyField(
        "venues.Venue", blank=True, related_name="staff_users", verbose_name=_("training venues in scope")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    # Ministry admins see every account, an entrepreneur their own; a regional coordinator the accounts
    # assigned to a centre of their region (facilitators and managers they work with, e.g. to link a
    # facilitator record to its account). A user assigned several centres is reached once (distinct).
    scope = Scope(region="centres__regency", owner="pk", distinct=True)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiTokenManager(AuthTokenManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    """knox's manager (``create(user, expiry=…)`` returns ``(token, key)``) with ``visible_to``."""


class ApiToken(AbstractAuthToken):
    """A personal API token (django-rest-knox): only a SHA-512 digest of the key is stored.

    The key is shown once, when it is made; ``token_key`` (its first 15 characters) finds the row,
    the digest proves the key. Each token has a name, an expiry (``API_TOKEN_DEFAULT_DAYS`` unless
    chosen) and the time it was last used. Expired tokens are refused and removed by knox; a
    revoked token is deleted. Its owner lists and revokes it on the account security page, and so
    can a ministry admin.
    """

    name = models.CharField(_("name"), max_length=100)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("issued by")
    )

    # Every role sees its own tokens; ministry admins see all.
    scope = Scope(owner="user", owner_roles=frozenset(Role.values))

    objects = ApiTokenManager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"

    @property
    def is_expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()


class RecoveryCodeDevice(Device):
    """One-use recovery codes, a django-otp device of our own.

    django-otp's static-token plugin stores its codes in clear; here only a SHA-256 digest of each
    code is kept (ASVS 6.5.2: a lookup secret of 125 bits needs no slow hash), and a code is deleted
    when used. The codes are shown once, when they are made.
    """

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def verify_token(self, token: str) -> bool:
        digest = recovery_code_digest(token)
        deleted, _ = self.codes.filter(digest=digest).delete()
        return deleted > 0


class RecoveryCode(models.Model):
    """The digest of one unused recovery code."""

    device = models.ForeignKey(RecoveryCodeDevice, models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"{self.device_id}: {self.digest[:8]}…"


def recovery_code_digest(code: str) -> str:
    """SHA-256 of a code as typed, without spaces, dashes or case (``ABCDE-fghij`` = ``abcdefghij``)."""
    normalised = "".join(ch for ch in str(code).lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()
