"""Lost updates on PostgreSQL through edit forms that are not core screens (issue 16.1, the rest), with
threads and real transactions.

* Four coaches correct four different details of one tenant's business, 25 times each, at once
  (``/incubation/tenants/<pk>/new/business/``, a form that edits a row it does not hold as its
  instance): every save lands or answers 409 and is redone; nothing is lost — each detail ends with
  its editor's last value and no save wrote another editor's detail (read in the audit trail).
* Ten people each correct a month's figures five times, adding one worker each time (the figures
  correction form): the month ends exactly 50 workers higher.

Transactional like the browser tests (the database is flushed after each), so it lives here and runs last.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation.models import Business, MonthlyReport
from tests.e2e.test_concurrency_postgresql import at_once, save_until_it_lands, signed_in
from tests.factories import make_user
from tests.incubation.factories import make_tenant, report

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]

FIELDS = ("sector", "address", "products", "kbli_code")
EDITS = 25


def test_four_coaches_correcting_different_details_of_one_business_lose_nothing() -> None:
    tenant = make_tenant()
    url = reverse("incubation:record_create", args=[tenant.pk, "business"])
    editors = {name: make_user(Role.MINISTRY_ADMIN, username=f"editor-{name}") for name in FIELDS}

    def value(name: str, n: int) -> str:
        return f"{n:05d}" if name == "kbli_code" else f"{name}-{n}"

    def edits(name: str) -> Callable[[], int]:
        client = signed_in(editors[name])

        def work() -> int:
            return sum(
                save_until_it_lands(client, url, lambda d, n=n: {**d, name: value(name, n)})
                for n in range(1, EDITS + 1)
            )

        return work

    results = at_once([edits(name) for name in FIELDS])
    assert all(isinstance(r, int) for r in results), results
    business = Business.objects.get(pk=tenant.business.pk)
    assert {name: getattr(business, name) for name in FIELDS} == {name: value(name, EDITS) for name in FIELDS}
    # Each save changed only its editor's own detail: no stale copy of another detail was written back.
    entries = LogEntry.objects.get_for_object(business).filter(action=LogEntry.Action.UPDATE).select_related("actor")
    saves = [e for e in entries if e.actor is not None]
    lost = [e for e in saves if set(e.changes) - {e.actor.username.removeprefix("editor-")}]
    assert len(saves) == len(FIELDS) * EDITS
    assert lost == []
    print(f"VERSIONS business edits {len(saves)} lost {len(lost)} conflicts-retried {sum(results)}")  # noqa: T201


def test_fifty_corrections_adding_a_worker_count_exactly() -> None:
    tenant = make_tenant()
    month = report(tenant, datetime.date(2025, 3, 1), workers=2)
    # The form opens on a reported month from its link, and posts back to the same address (no action).
    url = reverse("incubation:report_create", args=[tenant.pk]) + "?month=2025-03"
    people = [make_user(Role.MINISTRY_ADMIN) for _ in range(10)]

    def plus_ones(user: Any) -> Callable[[], int]:
        client = signed_in(user)

        def work() -> int:
            return sum(
                save_until_it_lands(client, url, lambda d: {**d, "workers": str(int(d["workers"]) + 1)})
                for _ in range(5)
            )

        return work

    results = at_once([plus_ones(user) for user in people])
    assert all(isinstance(r, int) for r in results), results
    assert MonthlyReport.objects.get(pk=month.pk).workers == 2 + 50
    print(f"VERSIONS figures +1 50 final {2 + 50} conflicts-retried {sum(results)}")  # noqa: T201


def test_ten_enrolments_at_once_for_three_places_take_three() -> None:
    """A batch's places are a quantity: the count before an enrolment is read with the batch locked."""
    from django.core.exceptions import ValidationError

    from inkubator.training.models import Enrollment
    from inkubator.training.services import enrollment_create
    from tests.people.factories import PersonFactory
    from tests.training.factories import BatchFactory

    batch = BatchFactory(quota=3)
    people = [PersonFactory() for _ in range(10)]

    def enrol(person: Any) -> Callable[[], str]:
        def work() -> str:
            try:
                enrollment_create(batch=batch, person=person)
            except ValidationError as error:
                assert "quota" in str(error) or "kuota" in str(error), error
                return "full"
            return "enrolled"

        return work

    results = at_once([enrol(person) for person in people])
    assert sorted(results) == ["enrolled"] * 3 + ["full"] * 7, results
    assert Enrollment.objects.filter(batch=batch).count() == 3


def test_six_coaches_marking_one_action_done_at_once_record_one_date() -> None:
    """Marking done is recorded once: six coaches click it at once, each with another date; one lands, five
    answer 409, and the action keeps the date of the one that landed."""
    from inkubator.incubation.models import CoachingAction
    from inkubator.incubation.services import coaching_session_create

    tenant = make_tenant()
    coaches = [make_user(Role.MINISTRY_ADMIN) for _ in range(6)]
    session = coaching_session_create(
        tenant=tenant,
        coach=coaches[0],
        date=datetime.date(2026, 3, 2),
        topic="Pembukuan",
        actions=[("Catat kas harian", datetime.date(2026, 3, 20))],
    )
    action = CoachingAction.objects.get(session=session)
    url = reverse("incubation:action_done", args=[tenant.pk, action.pk])

    def click(n: int) -> Callable[[], tuple[int, str]]:
        client = signed_in(coaches[n])
        day = datetime.date(2026, 3, 3 + n).isoformat()
        return lambda: (client.post(url, {"on": day}).status_code, day)

    results = at_once([click(n) for n in range(6)])
    codes = sorted(code for code, _ in results)
    assert codes == [302] + [409] * 5, results
    landed = next(day for code, day in results if code == 302)
    assert CoachingAction.objects.get(pk=action.pk).done_on.isoformat() == landed
