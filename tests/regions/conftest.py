"""Fixtures of the regions tests.

``tests/conftest.py`` loads every region once per session for the whole suite. ``regions_loaded``
runs the loader a second time (a read-and-compare, about 2 s) and returns what it did, so that the
tests here can check the loader's report and its idempotency. It runs ``regions_load`` under
``django_db_blocker.unblock()`` after ``django_db_setup``, so the rows are committed outside any
test's transaction: each test rolls back only its own changes and the regions stay for the next.
Request it like any fixture (``def test_x(regions_loaded): ...``) or with
``pytestmark = pytest.mark.usefixtures("regions_loaded")``.

* Tests that use ``transactional_db`` (or ``live_server``) flush the tables when they end and so
  remove the regions for later tests: load them again in such tests, or keep those tests apart."""

from __future__ import annotations

import pytest
from pytest_django import DjangoDbBlocker

from inkubator.regions.services import RegionLoadResult, regions_load


@pytest.fixture(scope="session")
def regions_loaded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> RegionLoadResult:
    """Every Kemendagri region with its centroid, loaded once for the session."""
    with django_db_blocker.unblock():
        return regions_load()
