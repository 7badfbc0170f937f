"""Reads of the centre register, always within the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Centre


def centre_list(*, user: Any) -> QuerySet[Centre]:
    """The centres ``user`` may see, with their regions loaded for listing."""
    return Centre.objects.visible_to(user).select_related("province", "regency", "district", "village")


def centre_get(*, user: Any, code: str) -> Centre:
    """One centre by registration code; 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(centre_list(user=user), code=code)
