"""The laid-off workers' registration under simultaneous submissions (PostgreSQL, threads, real transactions).

Twenty submissions of one new NIK at the same moment — a double tap, retries over a slow line — make
one person and one registration, and every submission is answered with that registration. Here
with the reference data of the browser tests (see conftest.py), since transactional tests flush.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent inserts are what is tested: PostgreSQL"),
]
SUBMISSIONS = 20


def at_once(works: list[Callable[[], Any]]) -> list[Any]:
    """Run each of ``works`` in its own thread (its own connection), released together."""
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


def test_twenty_simultaneous_registrations_of_one_nik_make_one() -> None:
    from inkubator.people.models import Person
    from inkubator.service.models import Registration
    from tests.service.factories import NIK, open_wave, submit

    wave = open_wave()
    results = at_once([lambda: submit(wave)] * SUBMISSIONS)
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    assert Registration.objects.count() == 1 and Person.objects.filter(nik=NIK).count() == 1
    only = Registration.objects.get()
    assert {result.registration.pk for result in results} == {only.pk}
    assert sorted(result.created for result in results) == [False] * (SUBMISSIONS - 1) + [True]
    assert {result.registration.code for result in results} == {only.code}


def test_simultaneous_registrations_over_http_make_one(live_server) -> None:  # noqa: ANN001
    """The same through the public page (CSRF and all), as the registration surge benchmark does."""
    import re
    import urllib.request
    from http.cookiejar import CookieJar
    from urllib.parse import urlencode

    from inkubator.service.models import Registration
    from tests.service.factories import form_data, open_wave

    open_wave()
    data = form_data()

    def post() -> int:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{live_server.url}/service/register/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(f"{live_server.url}/service/register/", data=body)  # noqa: S310 - http://localhost
        request.add_header("Referer", f"{live_server.url}/service/register/")
        with opener.open(request) as answer:
            return answer.status

    statuses = at_once([post] * 8)
    assert sorted(statuses) == [200] * 7 + [201], statuses
    assert Registration.objects.count() == 1
