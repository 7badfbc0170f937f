"""The list cache (core/listcache.py) against a real database, with real commits: a page seen, then any
kind of write (a service, ``bulk_update``, the trainee import's COPY, raw SQL), and the next view shows
the write; another user never gets the first one's page; a missing token is a miss; a write rolled
back with its savepoint does not hide a later committed one.

A hit is told from a miss without looking inside the code: the stored body is replaced by a marker,
and a hit answers the marker. Transactional tests (their commits run the on-commit bumps); their flush
empties the reference data the migrations seed, so it is seeded again before each and after the last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from inkubator.centres.models import Centre
from inkubator.centres.services import centre_update
from inkubator.core import listcache
from inkubator.core.roles import Role
from inkubator.privacy.services import subject_erase
from tests.factories import CentreFactory, make_user
from tests.people.factories import PersonFactory
from tests.training.factories import BatchFactory
from tests.training.test_import import row, write_csv

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = b"<!-- stored page -->"
ERASURE = {"basis": "subject_request", "basis_detail": "", "requester": "Yang bersangkutan, surat 3 Maret 2026"}
# As tests/e2e/conftest.py: the reference data a transactional test's flush empties.
SEEDING_MIGRATIONS = (
    ("centres", "0002_vocational_fields"),
    ("incubation", "0002_default_gates"),
    ("programmes", "0002_seed_programmes"),
)


def seed_reference_data() -> None:
    """The migrations' seeded rows (vocational fields, gates, programmes), if a flush removed them."""
    from importlib import import_module

    from django.apps import apps

    from inkubator.centres.models import VocationalField

    if VocationalField.objects.exists():
        return
    with transaction.atomic():
        for app, name in SEEDING_MIGRATIONS:
            migration = import_module(f"inkubator.{app}.migrations.{name}").Migration
            for operation in migration.operations:
                operation.code(apps, None)


@pytest.fixture(scope="module", autouse=True)
def _reference_data_again_after_the_module(django_db_blocker) -> Iterator[None]:  # noqa: ANN001
    yield
    with django_db_blocker.unblock():
        seed_reference_data()


forget_answers = listcache.forget_answers


@pytest.fixture(autouse=True)
def _cache_on(settings, transactional_db) -> None:  # noqa: ANN001
    assert cache._table == "inkubator_cache"  # named in the SQL below
    settings.LIST_CACHE = True
    seed_reference_data()
    forget_answers()


def entries() -> list[str]:
    """The keys (as given to the cache) of the stored answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM inkubator_cache WHERE cache_key LIKE %s", [f"%{listcache.ENTRY_PREFIX}%"])
        return [key.split(":", 2)[2] for (key,) in cursor.fetchall()]


def stored(client: Client, url: str) -> str:
    """View ``url`` until its answer is stored (the first view sets the CSRF cookie, the next learns
    which tables the page reads); then mark the stored body so that a hit is recognisable."""
    forget_answers()
    for _ in range(4):
        response = client.get(url)
        assert response.status_code == 200
        if new := entries():
            (key,) = new
            tokens, content_type, body = cache.get(key)
            cache.set(key, (tokens, content_type, MARKER + body), timeout=None)
            assert client.get(url).content.startswith(MARKER)  # a hit
            return key
    raise AssertionError(f"{url} was never stored")


def shown(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    return client


def test_a_service_write_is_shown_at_the_next_view(admin_client: Client) -> None:
    centre = CentreFactory(name="BLK Sebelum")
    stored(admin_client, "/centres/")
    centre_update(centre=centre, name="BLK Sesudah")
    page = shown(admin_client, "/centres/")
    assert not page.startswith(MARKER.decode()) and "BLK Sesudah" in page and "BLK Sebelum" not in page


def tokens() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM inkubator_cache WHERE cache_key LIKE %s", [f"%{listcache.TOKEN_PREFIX}%"])
        return cursor.fetchone()[0]


def test_an_erasure_deletes_every_stored_answer_once_it_commits(admin_client: Client) -> None:
    # Stale answers are never served, but one could still hold the erased person's name until it expires.
    person = PersonFactory(name="Siti Terhapus")
    stored(admin_client, "/centres/")
    with pytest.raises(RuntimeError, match="later step"), transaction.atomic():
        subject_erase(person=person, user=None, **ERASURE)
        raise RuntimeError("a later step failed")
    assert entries()  # a rolled-back erasure leaves the cache as it was
    with transaction.atomic():
        subject_erase(person=person, user=None, **ERASURE)
        assert entries()  # not before the commit
    assert entries() == [] and tokens() > 0


def test_bulk_update_and_raw_sql_are_shown_at_the_next_view(admin_client: Client) -> None:
    centre = CentreFactory(name="BLK Sebelum")
    stored(admin_client, "/centres/")
    centre.name = "BLK Massal"
    Centre.objects.bulk_update([centre], ["name"])
    assert "BLK Massal" in shown(admin_client, "/centres/")
    stored(admin_client, "/centres/")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE centres_centre SET name = %s WHERE id = %s", ["BLK Mentah", centre.pk])
    assert "BLK Mentah" in shown(admin_client, "/centres/")
    stored(admin_client, "/centres/")
    with connection.cursor() as cursor:  # a write inside WITH, as set-based SQL writes
        cursor.execute(
            "WITH chosen AS (SELECT id FROM centres_centre WHERE id = %s) "
            "UPDATE centres_centre SET name = %s WHERE id IN (SELECT id FROM chosen)",
            [centre.pk, "BLK Dengan"],
        )
    assert "BLK Dengan" in shown(admin_client, "/centres/")


def test_the_trainee_import_is_shown_at_the_next_view(admin_client: Client, tmp_path: Path) -> None:
    """On PostgreSQL a clean file is written by COPY into the real tables (from a second thread), which
    execute wrappers never see; on SQLite by INSERT … SELECT from a staging table."""
    from inkubator.training.bulk import trainee_import

    batch = BatchFactory(quota=20)
    assert "0/20" in shown(admin_client, "/training/")
    stored(admin_client, "/training/")
    report = trainee_import(path=write_csv(tmp_path / "peserta.csv", [row(n, batch.code) for n in range(1, 4)]))
    assert report.written
    page = shown(admin_client, "/training/")
    assert "3/20" in page and not page.startswith(MARKER.decode())


def test_a_write_committed_after_a_rolled_back_savepoint_write_is_shown(admin_client: Client) -> None:
    centre = CentreFactory(name="BLK Sebelum")
    stored(admin_client, "/centres/")

    class Undone(Exception):
        pass

    with transaction.atomic():
        try:
            with transaction.atomic():  # its bump is dropped with the savepoint
                Centre.objects.filter(pk=centre.pk).update(name="BLK Batal")
                raise Undone
        except Undone:
            pass
        Centre.objects.filter(pk=centre.pk).update(name="BLK Jadi")  # must bump again
    page = shown(admin_client, "/centres/")
    assert "BLK Jadi" in page and "BLK Batal" not in page


def test_a_missing_token_is_a_miss(admin_client: Client) -> None:
    CentreFactory(name="BLK Satu")
    key = stored(admin_client, "/centres/")
    tokens, _content_type, _body = cache.get(key)
    assert Centre._meta.db_table in tokens
    cache.delete(listcache.TOKEN_PREFIX + Centre._meta.db_table)  # as the cache's cull would
    page = shown(admin_client, "/centres/")
    assert not page.startswith(MARKER.decode()) and "BLK Satu" in page


def test_another_user_never_gets_the_first_users_page() -> None:
    from inkubator.regions.models import Regency

    ours = CentreFactory(name="BLK Bekasi Kami")
    kupang = CentreFactory(name="BLK Kupang Mereka", regency=Regency.objects.get(code="53.71"))
    manager = make_user(Role.CENTRE_MANAGER, centres=[ours])
    first = Client()
    first.force_login(manager)
    stored(first, "/centres/")
    stored(first, "/api/v1/centres/")
    other = Client()
    other.force_login(make_user(Role.CENTRE_MANAGER, centres=[kupang]))
    for url in ("/centres/", "/api/v1/centres/"):
        page = shown(other, url)
        assert not page.startswith(MARKER.decode())
        assert "BLK Kupang Mereka" in page and "BLK Bekasi Kami" not in page
    # The same user in another session gets a page of their own as well.
    second = Client()
    second.force_login(manager)
    assert not shown(second, "/centres/").startswith(MARKER.decode())


def test_a_scope_taken_away_takes_its_rows_off_the_stored_page() -> None:
    """The user's own row is loaded before the view (and so before any token is read): its fields are
    part of the key. Their places are read again by the render, so they have tokens."""
    from inkubator.accounts.services import user_set_scope
    from inkubator.regions.models import Regency

    ours = CentreFactory(name="BLK Bekasi Kami")
    kupang = CentreFactory(name="BLK Kupang Mereka", regency=Regency.objects.get(code="53.71"))
    manager = make_user(Role.CENTRE_MANAGER, centres=[ours])
    client = Client()
    client.force_login(manager)
    for url in ("/centres/", "/api/v1/centres/"):
        stored(client, url)
        user_set_scope(user=manager, role=Role.CENTRE_MANAGER, centres=[kupang])
        page = shown(client, url)
        assert "BLK Kupang Mereka" in page and "BLK Bekasi Kami" not in page
        user_set_scope(user=manager, role=Role.CENTRE_MANAGER, centres=[ours])
    stored(client, "/centres/")
    user_set_scope(user=manager, role=Role.REGIONAL_COORDINATOR, provinces=["53"])  # a new role: a new key
    page = shown(client, "/centres/")
    assert "BLK Kupang Mereka" in page and "BLK Bekasi Kami" not in page


def test_an_api_list_is_stored_and_shows_the_next_write(admin_client: Client) -> None:
    centre = CentreFactory(name="BLK Sebelum")
    stored(admin_client, "/api/v1/centres/")
    answer = admin_client.get("/api/v1/centres/")
    assert answer.content.startswith(MARKER)
    centre_update(centre=centre, name="BLK Sesudah")
    answer = admin_client.get("/api/v1/centres/")
    assert answer["Content-Type"] == "application/json"
    assert [item["name"] for item in answer.json()["results"]] == ["BLK Sesudah"]


def test_nothing_is_stored_when_the_cache_is_off(admin_client: Client, settings) -> None:  # noqa: ANN001
    settings.LIST_CACHE = False
    CentreFactory()
    for _ in range(3):
        admin_client.get("/centres/")
        admin_client.get("/api/v1/centres/")
    assert entries() == []


def test_written_tables_reads_each_kind_of_write() -> None:
    table = "centres_centre"
    assert listcache.written_tables('SELECT * FROM "centres_centre"') == frozenset()
    assert listcache.written_tables('INSERT INTO "centres_centre" (name) VALUES (1)') == {table}
    assert listcache.written_tables("  update centres_centre set name = 'x'") == {table}
    assert listcache.written_tables('DELETE FROM "centres_centre" WHERE id = 1') == {table}
    assert listcache.written_tables('TRUNCATE "centres_centre", "django_session" CASCADE') == {table}
    assert listcache.written_tables('COPY "centres_centre" (name) FROM STDIN') == {table}
    assert listcache.written_tables('COPY "centres_centre" TO STDOUT') == frozenset()
    assert listcache.written_tables("DELETE FROM django_session") == frozenset()
    sql = 'WITH moved AS (DELETE FROM "centres_centre" RETURNING *) SELECT * FROM moved'
    assert listcache.written_tables(sql) == {table}
