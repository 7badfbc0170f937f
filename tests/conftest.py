"""Fixtures for the whole suite.

The test database gets every real region once per session (91,599 rows from ``load_regions``), so
tests work on the same Kemendagri codes users see (``32.16`` Kabupaten Bekasi, ``35.78`` Kota
Surabaya, ``53.71`` Kota Kupang). Tests run in transactions that roll back, so the regions stay.
"""

from __future__ import annotations

import pytest

# Fixtures shared across apps (the dashboards, reports and programmes tests share one small world).
pytest_plugins = ["tests.programmes.world"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    from inkubator.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load()


@pytest.fixture(autouse=True)
def _language_is_indonesian(settings) -> None:  # noqa: ANN001
    # Each test starts in the default language, whatever the previous test switched to.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their transactional flush empties tables the other tests rely on."""
    items.sort(key=lambda item: "/e2e/" in str(item.path).replace("\\", "/"))
    for item in items:
        if "/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory) -> None:  # noqa: ANN001
    # Uploads and built reports of tests go to pytest's temporary folder, never into var/media.
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
