"""Reports built in the background: a province or national report as a PDF, with its progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager


class ReportKind(models.TextChoices):
    """The reports the background worker builds."""

    NATIONAL = "national", _("National report")
    PROVINCE = "province", _("Province report")


class ReportStatus(models.TextChoices):
    """Where a report job stands."""

    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    """One request for a report: who asked, for which place and year, how far it is, and the file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # not guessable in URLs
    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    code = models.CharField(_("province"), max_length=2, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="report_jobs", verbose_name=_("requested by")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # A report holds the figures of its requester's scope: only they (and the ministry) may fetch it.
    scope = Scope(owner="requested_by", owner_roles=frozenset(Role.values))
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code} {self.year}".strip()
