"""Fixtures of the mentoring tests: centres in Jawa Barat and Jawa Timur, users of each role."""

from __future__ import annotations

from typing import Any

import pytest

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

from .factories import FacilitatorFactory


def centre_in(regency: str, cluster: str = "", **kwargs: Any) -> Centre:
    """A centre in ``regency`` with ``cluster`` (set as the assessments app would)."""
    centre = CentreFactory(regency=Regency.objects.get(code=regency), **kwargs)
    if cluster:
        Centre.objects.filter(pk=centre.pk).update(cluster=cluster)
        centre.refresh_from_db()
    return centre


@pytest.fixture
def bekasi(db: None) -> Centre:
    return centre_in("32.16", "binaan", name="BLK Komunitas Bekasi")


@pytest.fixture
def bandung(db: None) -> Centre:
    return centre_in("32.73", "mandiri", name="BLK Komunitas Bandung")


@pytest.fixture
def surabaya(db: None) -> Centre:
    return centre_in("35.78", "berdaya", name="BLK Komunitas Surabaya")


@pytest.fixture
def admin(db: None) -> Any:
    return make_user(Role.MINISTRY_ADMIN)


@pytest.fixture
def korwil_jabar(db: None) -> Any:
    return make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])


@pytest.fixture
def korwil_jatim(db: None) -> Any:
    return make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])


@pytest.fixture
def facilitator_user(db: None) -> Any:
    return make_user(Role.FACILITATOR)


@pytest.fixture
def facilitator(facilitator_user: Any) -> Any:
    return FacilitatorFactory(name="Dewi Lestari", user=facilitator_user)
