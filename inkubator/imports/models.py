"""The record of a bulk import: who imported which file when, and what it did.

django-auditlog does not see bulk work as one thing (STACK_NOTES.md, "Audit"): every centre and
host institution an import writes gets its own audit entry through the services, and the
``ImportRun`` ties them together as the audit record of the import itself. An upload in the web
flow is an ``ImportRun`` from the first step on, so that its file, column mapping and validation
result survive between pages; the command line records one only when it writes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.roles import Role
from inkubator.core.scoping import Scope, ScopedManager


class ImportStatus(models.TextChoices):
    """Where an import stands."""

    UPLOADED = "uploaded", _("Uploaded")
    VALIDATED = "validated", _("Validated")
    QUEUED = "queued", _("Being imported")
    COMMITTED = "committed", _("Imported")
    # The database refused the writes (e.g. a conflict that retries did not resolve): nothing was
    # written, the reason is the run's first error.
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One import of one file by one user (or by the system, from the command line)."""

    Status = ImportStatus

    # A random key, so that the address of an upload cannot be guessed from another one's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="import_runs",
        verbose_name=_("imported by"),
        help_text=_("Empty when the system imported from the command line."),
    )
    original_name = models.CharField(_("file name"), max_length=255)
    # Name of the kept upload under MEDIA_ROOT/imports/ (never served); empty once the file is removed.
    stored_name = models.CharField(_("stored file"), max_length=64, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    headers = models.JSONField(_("file columns"), default=list, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=1)
    # {"<column index>": "<target key>"}: which column of the file feeds which field.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    # [[row, column, message], …] of the last validation, for the preview and the error report.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # [[row, column, message], …]: what rows that go in leave empty or unmatched (the raw text is kept).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # [[column key, column header, value, [suggestions], [rows…]], …]: the values of the last
    # validation that matched no master list, each once, for the reconciliation step of the preview.
    unresolved = models.JSONField(_("unmatched values"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)

    # Ministry admins may list every import (visible_to); continuing one is for its uploader only,
    # see ``ImportRunQuerySet.continuable_by`` in selectors.
    # An upload is private to its uploader whatever the role (ministry admins see every run).
    scope = Scope(owner="user", owner_roles=frozenset(Role.values))
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name} ({self.created_at:%Y-%m-%d %H:%M})"


class ValueMapping(models.Model):
    """One answer of value reconciliation: in this organisation's lists, this value of this column means that.

    Kept per organisation (``values.organisation_key``: the ministry, a region, a partner …) and
    applied to every later import of the same kind before its cells are read.
    """

    organisation = models.CharField(_("organisation"), max_length=120)
    kind = models.CharField(_("kind"), max_length=32)
    column = models.CharField(_("column"), max_length=64)
    value_key = models.CharField(_("value key"), max_length=255)
    value = models.CharField(_("value as written"), max_length=255)
    replacement = models.CharField(_("means"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("set by")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Read and written by the import framework for the organisation of the importing user only.
    scope = Scope(owner="user", owner_roles=frozenset(Role.values))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("value mapping")
        verbose_name_plural = _("value mappings")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "column", "value_key"], name="value_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.column}: {self.value} → {self.replacement}"
