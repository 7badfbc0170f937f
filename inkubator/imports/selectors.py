"""Reads of imports: who may import, and the runs a user may continue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from inkubator.assessments.permissions import can_manage as can_manage_assessments
from inkubator.assessments.permissions import can_verify as can_verify_assessments
from inkubator.assessments.permissions import role_of
from inkubator.centres.permissions import can_register_centres
from inkubator.core.roles import Role
from inkubator.training.permissions import can_import_trainees

from .models import ImportRun


def _may_import_tenants(user: Any) -> bool:
    # TKM recipient lists come from the ministry and the regional labour offices; incubators enter
    # their own tenants one by one. The importer limits every user to the centres in their scope.
    return role_of(user) in (Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR)


# Who may import each kind: the people who write those records one by one, as each app decides.
IMPORT_PERMISSIONS: dict[str, Callable[[Any], bool]] = {
    "centres": can_register_centres,
    "assessments": lambda user: can_manage_assessments(user) or can_verify_assessments(user),
    "trainees": can_import_trainees,
    "tenants": _may_import_tenants,
}


def can_import(user: Any, kind: str | None = None) -> bool:
    """Whether ``user`` may import ``kind`` (any kind at all when None)."""
    if kind is None:
        return any(allowed(user) for allowed in IMPORT_PERMISSIONS.values())
    allowed = IMPORT_PERMISSIONS.get(kind)
    return allowed is not None and allowed(user)


def importable_kinds(user: Any) -> list[str]:
    """The kinds ``user`` may import, in the order of the import table."""
    return [kind for kind in IMPORT_PERMISSIONS if can_import(user, kind)]


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
