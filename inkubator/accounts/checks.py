"""A deployment check: production keeps two-factor sign-in for ministry and regional staff (DESIGN.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from inkubator.core.roles import Role

MUST_USE_TWO_FACTOR = (Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR)


@register(Tags.security, deploy=True)
def two_factor_roles_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    missing = [role for role in MUST_USE_TWO_FACTOR if role not in settings.TWO_FACTOR_REQUIRED_ROLES]
    if missing:
        return [
            Error(
                f"TWO_FACTOR_REQUIRED_ROLES lacks {', '.join(missing)}: ministry and regional staff must use "
                "two-factor sign-in.",
                id="inkubator.E001",
            )
        ]
    return []
