"""Fixtures for the whole suite (how the suite is organised and kept fast: ``tests/README.md``).

The test database gets every real region once per session (91,599 rows from ``load_regions``), so
tests work on the same Kemendagri codes users see (``32.16`` Kabupaten Bekasi, ``35.78`` Kota
Surabaya, ``53.71`` Kota Kupang). Tests run in transactions that roll back, so the regions stay; the
flush that ends a transactional (browser) test leaves the region tables alone, so they stay there too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# Fixtures shared across apps (the dashboards, reports and programmes tests share one small world).
pytest_plugins = ["tests.programmes.world", "tests.security.summary"]  # + the authorization matrix's summary


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    from inkubator.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load()


@pytest.fixture(scope="session", autouse=True)
def _flushes_keep_the_regions() -> Iterator[None]:
    """A transactional test's flush empties every table but the regions'.

    Regions are reference data no test writes outside a rolled-back transaction; reloading their
    91,599 rows after each browser test cost seconds a test. Only the flush command's table list
    changes: everything else (sequences, post-migrate signal) stays Django's.
    """
    from django.apps import apps
    from django.core.management.commands import flush

    original = flush.sql_flush
    kept = {model._meta.db_table for model in apps.get_app_config("regions").get_models()}

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):  # noqa: ANN001, ANN202
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        tables = [table for table in tables if table not in kept]
        return connection.ops.sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)

    flush.sql_flush = sql_flush
    yield
    flush.sql_flush = original


@pytest.fixture(autouse=True)
def _language_is_indonesian(settings) -> None:  # noqa: ANN001
    # Each test starts in the default language, whatever the previous test switched to.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _public_form_choices_fresh() -> None:
    """The public registration form keeps its option lists a minute per process (a surge's thousands of
    page views); a test's venues and fields are new rows with new ids, so each test starts without them.
    (Cached from an earlier test, the list lacked the venue a browser test then chose.)"""
    from inkubator.service.forms import _CHOICES

    _CHOICES.clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests last: their transactional flush empties tables the other tests rely on.

    With several workers (pytest-xdist) each worker still runs its share in this order.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.path).replace("\\", "/"))
    for item in items:
        if "/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
    if getattr(config.option, "loadgroup", False):
        _xdist_groups_in_node_ids(items)


def _xdist_groups_in_node_ids(items: list[pytest.Item]) -> None:
    """Tag each test marked ``xdist_group(name)`` with ``@name``, which is how ``--dist loadgroup`` groups.

    pytest-xdist 3.8 does this by setting ``item._nodeid``, which pytest 9 no longer reads (the id is
    ``item._id``): without this, grouped tests were spread over the workers and each built the
    group's module fixture (a demo load, 20 s) again. Does nothing where xdist's own tag took effect.
    """
    from _pytest.nodeid import NodeId

    for item in items:
        marks = item.iter_markers("xdist_group")
        names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default")) for mark in marks})
        if names and "@" not in item.nodeid.rsplit("]", 1)[-1]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")  # noqa: SLF001


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Uploads and built reports of tests go to pytest's temporary folder, never into var/media; set for
    # the session so that fixtures built once per module or session write there too.
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.getbasetemp() / "media")):
        yield
