"""Reads of imports: the runs a user may continue (who may import each kind: ``registry.can_import``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import ImportRun
from .registry import can_import, importable_kinds

__all__ = ["can_import", "import_run_get", "import_runs_of", "importable_kinds"]


def import_runs_of(*, user: Any) -> QuerySet[ImportRun]:
    """The imports ``user`` uploaded.

    An upload is private to its uploader, whatever their role: even a ministry admin, whose
    ``visible_to`` covers every run, may not continue another person's import.
    """
    return ImportRun.objects.visible_to(user).filter(user_id=user.pk)


def import_run_get(*, user: Any, run_id: UUID) -> ImportRun:
    """One import the user may continue; 404 for anyone else (another user, a role that cannot import)."""
    run = get_object_or_404(import_runs_of(user=user), pk=run_id)
    if not can_import(user, run.kind):  # e.g. the user's role changed since the upload
        raise Http404
    return run
