"""Who may change training records (everyone in scope may read them).

Centre managers run their centre's batches: they plan them, enrol trainees, record completion and
trace graduates. Ministry admins may do the same anywhere (and plan batches at government venues).
Regional coordinators and facilitators follow the figures; they change nothing here.
"""

from __future__ import annotations

from typing import Any

from inkubator.core.roles import Role
from inkubator.core.scoping import sees_everything


def can_manage_training(user: Any) -> bool:
    """Whether ``user`` may plan batches, enrol trainees and record outcomes (within their scope)."""
    return sees_everything(user) or getattr(user, "role", None) == Role.CENTRE_MANAGER


def can_import_trainees(user: Any) -> bool:
    """Bulk import of trainee lists: the same people who enrol trainees one by one."""
    return can_manage_training(user)
