"""The programmes tests only read the shared world (tests/programmes/world.py): it is built once per
module (``world_once``) instead of once per test; what a test writes is rolled back after it."""

from __future__ import annotations

import pytest

from tests.programmes.world import World


@pytest.fixture
def world(world_once: World) -> World:
    return world_once


@pytest.fixture(scope="module")
def world_with_service() -> bool:
    """Every indicator, the service's included, is checked against direct counts here."""
    return True
