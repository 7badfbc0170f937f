"""Messages the system sends people: in the app, by e-mail and by SMS, each one a recorded row.

A notification is written when something happens to a person (a registration received, an eligibility
result, an allocation, a batch about to start) and sent afterwards by the task worker, so that a
slow mail server or SMS gateway never holds up the page that caused it, and a failed send is retried
and stays on record with its reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager


class Channel(models.TextChoices):
    """How a notification reaches the person."""

    IN_APP = "in_app", _("In the application")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    """Where a notification stands: waiting to be sent, sent, or given up after its attempts."""

    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one person on one channel, and what became of it.

    ``address`` is the e-mail address or phone number it goes to (personal data: masked wherever it is
    shown, blanked on erasure); ``recipient`` the account that sees it in the application, if the
    person has one. ``event`` says what caused it (``service.registration_received`` …).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="notifications",
        verbose_name=_("recipient's account"),
    )  # fmt: skip
    person = models.ForeignKey(
        "people.Person", models.CASCADE, null=True, blank=True, related_name="notifications",
        verbose_name=_("person"),
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)
    event = models.CharField(_("event"), max_length=60)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=1000)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    send_after = models.DateTimeField(_("send after"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    # Each account sees its own notifications, whatever its role; the ministry sees all (delivery problems).
    scope = Scope(owner="recipient", owner_roles=frozenset(Role.values))
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["status", "send_after"], name="notification_due"),
            models.Index(fields=["recipient", "channel"], name="notification_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_channel_display()} · {self.get_status_display()}"
