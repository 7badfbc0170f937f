"""Builders the register's page tests need beyond ``tests.factories``."""

from __future__ import annotations

from inkubator.centres.models import Centre, CentreField
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, field


def centre_with_fields(*codes: str, **attrs: object) -> Centre:
    """A centre offering the given vocational fields (by master-list code)."""
    centre = CentreFactory(**attrs)
    for code in codes:
        CentreField.objects.create(centre=centre, field=field(code))
    return centre


def regency(code: str) -> Regency:
    """A regency/city of the loaded region list."""
    return Regency.objects.get(code=code)
