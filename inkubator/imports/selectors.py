"""Reads of imports: who may import, and the runs a user may continue."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from inkubator.centres.permissions import can_register_centres

from .models import ImportRun


def can_import(user: Any, kind: str = "centres") -> bool:
    """Registering centres is the job of ministry admins and regional coordinators (centres.permissions)."""
    return kind == "centres" and can_register_centres(user)


def import_runs_of(*, user: Any) -> QuerySet[ImportRun]:
    """The imports ``user`` uploaded.

    An upload is private to its uploader, whatever their role: even a ministry admin, whose
    ``visible_to`` covers every run, may not continue another person's import.
    """
    return ImportRun.objects.visible_to(user).filter(user_id=user.pk)


def import_run_get(*, user: Any, run_id: UUID) -> ImportRun:
    """One import the user may continue; 404 for anyone else (another user, a role that cannot import)."""
    if not can_import(user):
        raise Http404
    return get_object_or_404(import_runs_of(user=user), pk=run_id)
