"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a live server.

No browser is downloaded: the tests fail (not skip) when /usr/bin/chromium is missing, because CI
installs it. ``live_server`` needs committed data, so these tests are transactional: the database is
emptied after each of them, but for the regions (``tests/conftest.py`` keeps them). They therefore run
after every other test (see ``tests/conftest.py``) and get the reference data the migrations seed again.
With several workers (pytest-xdist) each worker launches its own browser and has its own database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

# pytest-django's live_server runs Django in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Reference data the migrations seed (vocational fields, stage gates, programmes): a transactional
# test's flush empties it, so it is seeded again the same way before the next browser test.
SEEDING_MIGRATIONS = (
    ("centres", "0002_vocational_fields"),
    ("incubation", "0002_default_gates"),
    ("programmes", "0002_seed_programmes"),
)


@pytest.fixture(autouse=True)
def _summaries_not_rebuilt_at_every_commit() -> Iterator[None]:
    """In these transactional tests, an audited write does not rebuild the indicator summaries.

    Elsewhere commits are rolled back, so the refresh an audit entry asks for after its commit never
    runs; here every commit is real and the tasks run inline, so each one rebuilt all the summaries
    (0.27 s) - most of a browser test's set-up time. Without summaries the dashboards read live, which
    is what a summary must equal; summaries and their refresh after writes are tested in
    tests/programmes/test_summaries.py, and under concurrency in test_summaries_postgresql.py.
    The live server's thread is in this process, so its requests' writes are covered too.
    """
    from auditlog.models import LogEntry
    from django.db.models.signals import post_save

    from inkubator.programmes.tasks import summaries_changed

    uid = "inkubator-summaries-changed"
    post_save.disconnect(sender=LogEntry, dispatch_uid=uid)
    yield
    post_save.connect(summaries_changed, sender=LogEntry, dispatch_uid=uid)


@pytest.fixture(autouse=True)
def _reference_data_present(transactional_db: None, _summaries_not_rebuilt_at_every_commit: None) -> None:
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from inkubator.centres.models import VocationalField
    from inkubator.regions.models import Province
    from inkubator.regions.services import regions_load

    if not Province.objects.exists():  # only if something flushed them by another way than the flush command
        regions_load()
    if not VocationalField.objects.exists():
        with transaction.atomic():  # one commit, as a migration's, not one per row
            for app, name in SEEDING_MIGRATIONS:
                migration = import_module(f"inkubator.{app}.migrations.{name}").Migration
                for operation in migration.operations:
                    operation.code(apps, None)


@pytest.fixture(autouse=True)
def _list_cache_on(settings) -> None:  # noqa: ANN001
    """Lists answered from the list cache, as deployed: these tests commit, so its on-commit
    invalidation runs (elsewhere the test settings leave it off; core/listcache.py)."""
    settings.LIST_CACHE = True


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context per test, phone-sized unless a test resizes it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
