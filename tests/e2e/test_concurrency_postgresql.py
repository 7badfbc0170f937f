"""Lost updates on PostgreSQL (issue 16.1), with threads and real transactions, through the edit pages.

* Four people edit four different fields of one centre, 25 times each, at once: every save either
  lands or answers 409 (then they load the form again and redo it). Nothing is lost: each field
  ends with its editor's last value, and no save by one of them wrote another one's field (read in
  the audit trail). Before version checks, 75 of 100 such edits were silently lost.
* Twenty people add 1 to an asset's quantity five times each (100 "+1"), from the asset form: the
  quantity ends exactly 100 higher. Before, 100 "+1" made 8 become 11.

Not browser tests, but transactional like them: they live here so that they run last (see conftest.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import Asset, Centre
from inkubator.core.roles import Role
from tests.factories import AssetFactory, CentreFactory, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]

FIELDS = ("phone", "email", "contact_person", "address")
EDITS = 25
MAX_TRIES = 200  # a save that keeps meeting a conflict is retried; this only bounds a broken run


def at_once(works: list[Callable[[], Any]]) -> list[Any]:
    """Run each of ``works`` in its own thread, released together; each thread has its own connection."""
    barrier, results = threading.Barrier(len(works)), []

    def run(work: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # noqa: BLE001 - the test looks at what each thread got
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


class _FormReader(HTMLParser):
    """The fields of the page's form as a browser would post them: inputs, checked boxes, selects, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
            elif a.get("type") not in ("submit", "file"):
                self.data[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data


def form_data(client: Client, url: str) -> dict[str, Any]:
    """The edit form as loaded now, read from the page's HTML, as a browser would post it back unchanged.

    Read from the HTML and not from ``response.context``: the test client collects the context of
    every template rendered while the request runs, in any thread, so under threads it mixes pages.
    """
    reader = _FormReader()
    reader.feed(client.get(url).content.decode())
    return reader.data


def save_until_it_lands(client: Client, url: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Load the form, change it, post it; on 409 load it again and redo the change. Returns the 409s met."""
    for conflicts in range(MAX_TRIES):
        answer = client.post(url, change(form_data(client, url)))
        if answer.status_code == 302:
            return conflicts
        assert answer.status_code == 409, (answer.status_code, answer.context and answer.context["form"].errors)
    raise AssertionError("never saved")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_four_people_editing_different_fields_of_one_centre_lose_nothing() -> None:
    centre = CentreFactory(phone="021-0", email="awal@blk.id", contact_person="Awal", address="Jl. Awal")
    url = reverse("centres:update", args=[centre.code])
    editors = {name: make_user(Role.MINISTRY_ADMIN, username=f"editor-{name}") for name in FIELDS}

    def edits(name: str) -> Callable[[], int]:
        client = signed_in(editors[name])

        def value(n: int) -> str:
            return f"{n}@blk.id" if name == "email" else f"{name}-{n}"

        def work() -> int:
            return sum(
                save_until_it_lands(client, url, lambda d, n=n: {**d, name: value(n)}) for n in range(1, EDITS + 1)
            )

        return work

    results = at_once([edits(name) for name in FIELDS])
    assert all(isinstance(r, int) for r in results), results
    centre = Centre.objects.get(pk=centre.pk)
    assert {name: getattr(centre, name) for name in FIELDS} == {
        "phone": f"phone-{EDITS}", "email": f"{EDITS}@blk.id", "contact_person": f"contact_person-{EDITS}",
        "address": f"address-{EDITS}",
    }  # fmt: skip
    # Each save changed only its editor's own field: no stale copy of another field was written back.
    entries = LogEntry.objects.get_for_object(centre).filter(action=LogEntry.Action.UPDATE).select_related("actor")
    lost = [e for e in entries if set(e.changes) - {e.actor.username.removeprefix("editor-")}]
    saves = [e for e in entries if e.actor is not None]
    assert len(saves) == len(FIELDS) * EDITS
    assert lost == []
    print(f"CONCURRENCY centre edits {len(saves)} lost {len(lost)} conflicts-retried {sum(results)}")  # noqa: T201


def test_a_hundred_plus_ones_on_a_quantity_count_exactly() -> None:
    asset = AssetFactory(quantity=8)
    url = reverse("centres:asset_update", args=[asset.centre.code, asset.pk])
    # Ten people, ten "+1" each: a hundred in all. Every 409 is a reload and a redo, so the retries grow
    # with the square of the people at once; twenty people of five cost twice the time for the same proof.
    people = [make_user(Role.MINISTRY_ADMIN) for _ in range(10)]

    def plus_ones(user: Any) -> Callable[[], int]:
        client = signed_in(user)

        def work() -> int:
            return sum(
                save_until_it_lands(client, url, lambda d: {**d, "quantity": str(int(d["quantity"]) + 1)})
                for _ in range(10)
            )

        return work

    results = at_once([plus_ones(user) for user in people])
    assert all(isinstance(r, int) for r in results), results
    assert Asset.objects.get(pk=asset.pk).quantity == 8 + 100
    print(f"CONCURRENCY asset +1 100 final {8 + 100} conflicts-retried {sum(results)}")  # noqa: T201
