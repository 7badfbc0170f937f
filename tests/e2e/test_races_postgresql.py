"""Races on PostgreSQL (threads, real transactions): a recovery code used twice at once signs in once;
a person erased while being corrected ends erased, never half of each.

Not browser tests, but transactional like them: they live here so that they run last and get the
reference data back before each test (see conftest.py), as their flush empties every table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from inkubator.accounts.services import recovery_codes_renew, two_factor_verify
from inkubator.core.roles import Role
from tests.factories import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]


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


def test_a_recovery_code_used_twice_at_once_signs_in_once() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    code = recovery_codes_renew(user=admin)[0]
    results = at_once([lambda: two_factor_verify(user=admin, code=code) is not None] * 6)
    assert sorted(results) == [False] * 5 + [True]


def test_erasure_and_a_correction_at_once_end_erased() -> None:
    from inkubator.people.models import Person
    from inkubator.people.services import person_update
    from inkubator.privacy.services import subject_erase
    from tests.people.factories import PersonFactory

    admin = make_user(Role.MINISTRY_ADMIN)
    person = PersonFactory(name="Budi Santoso Balapan", regency_id=None)
    request = {"basis": "subject_request", "basis_detail": "", "requester": "Yang bersangkutan"}

    def erase() -> str:
        subject_erase(person=Person.objects.get(pk=person.pk), user=admin, **request)
        return "erased"

    def correct() -> str:
        from django.db import transaction

        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            person_update(person=locked, address="Jl. Baru 1")
        return "corrected"

    results = at_once([erase, correct, correct])
    assert sorted(map(str, results)) == ["corrected", "corrected", "erased"], results
    person.refresh_from_db()
    assert person.nik is None and person.name.startswith("Anonim-")
    assert person.address in ("", "Jl. Baru 1")
