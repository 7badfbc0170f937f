"""The list cache under concurrent writers and readers on PostgreSQL (threads, real transactions): once
a writer's commit has returned, no reader is served a page from before it.

Each writer renames its own centre to ever higher version numbers and, after each commit returns,
publishes the version; each reader notes the published versions, then views the centre list (stored
or not) and must see at least those versions.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inkubator.centres.models import Centre
from inkubator.centres.services import centre_update
from inkubator.core.roles import Role
from tests.core.test_listcache import (  # noqa: F401 - fixtures: the cache on, reference data seeded
    _cache_on,
    _reference_data_again_after_the_module,
    entries,
)
from tests.factories import CentreFactory, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions: PostgreSQL only"),
]

WRITERS, READERS, VERSIONS = 2, 4, 30


def test_readers_never_see_a_page_older_than_the_last_committed_write() -> None:
    centres = [CentreFactory(name=f"BLK W{w} Versi 0") for w in range(WRITERS)]
    admin = make_user(Role.MINISTRY_ADMIN)
    clients = []
    for _ in range(READERS):
        client = Client()
        client.force_login(admin)
        clients.append(client)
    published = [0] * WRITERS  # the last version of each writer whose commit has returned
    done = threading.Event()
    errors: list[BaseException] = []
    stale: list[str] = []
    seen = {"views": 0, "hits": 0}
    lock = threading.Lock()
    start = threading.Barrier(WRITERS + READERS)

    def write(w: int) -> None:
        try:
            start.wait()
            for version in range(1, VERSIONS + 1):
                with transaction.atomic():
                    centre = Centre.objects.get(pk=centres[w].pk)
                    centre_update(centre=centre, name=f"BLK W{w} Versi {version}")
                    # A transaction that takes a while, as an import's: readers render meanwhile (a
                    # token bumped before the commit would let them store the old rows under a new token).
                    time.sleep(0.02)
                published[w] = version  # the commit (and its on-commit bump) has returned
                time.sleep(0.01)  # readers get a chance at a stored page between writes
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def read(client: Client) -> None:
        try:
            start.wait()
            while not done.is_set():
                floors = list(published)
                with CaptureQueriesContext(connections["default"]) as queries:
                    page = client.get("/centres/").content.decode()
                shown = {int(w): int(v) for w, v in re.findall(r"BLK W(\d+) Versi (\d+)", page)}
                with lock:
                    seen["views"] += 1
                    seen["hits"] += len(queries) <= 4  # session, user, the entry with its tokens
                    for w, floor in enumerate(floors):
                        if shown.get(w, -1) < floor:
                            stale.append(f"writer {w}: shown {shown.get(w)} after {floor} was committed")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    readers = [threading.Thread(target=read, args=(client,)) for client in clients]
    for thread in writers + readers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    done.set()
    for thread in readers:
        thread.join(timeout=300)
    assert errors == []
    assert stale == []
    assert seen["views"] > READERS
    # Once the writes stop, the same page is answered from the cache.
    client = clients[0]
    client.get("/centres/")
    client.get("/centres/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/centres/").content.decode()
    assert len(queries) <= 4 and entries()
    assert all(f"BLK W{w} Versi {VERSIONS}" in page for w in range(WRITERS))
