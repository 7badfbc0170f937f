"""A short, bounded schemathesis pass in the normal suite (``make fuzz`` is the long one, on the demo).

Every operation of the schema the API serves, positive and negative data, with a ministry admin's and
a centre manager's token, through the WSGI application in this process: every schemathesis check
(no 5xx, status codes, content types, headers and bodies as documented, invalid data refused, valid
data accepted). A fixed seed, so a failure here is the same failure on the next run.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode

from inkubator.api.services import api_token_issue
from inkubator.core.roles import Role
from inkubator.incubation import services as incubation
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, open_round
from tests.factories import AssetFactory, CentreFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant, report
from tests.mentoring.factories import FacilitatorFactory, make_action, make_active_plan, make_visit
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 60  # per mode and token: the whole test stays well under a minute


@pytest.fixture
def world() -> dict[str, str]:
    """A little of everything the API lists, in two provinces; the tokens of an admin and a manager."""
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    CentreFactory(regency=Regency.objects.get(code="35.78"))
    AssetFactory(centre=bekasi)
    tenant = make_tenant(incubator=bekasi)
    report(tenant, datetime.date(2026, 3, 1))
    coach = make_user(Role.FACILITATOR, centres=[bekasi])
    incubation.coaching_session_create(
        tenant=tenant, coach=coach, date=datetime.date(2026, 3, 2), topic="Pembukuan", notes="", actions=[]
    )
    facilitator = FacilitatorFactory(user=coach)
    make_active_plan([bekasi], facilitator)
    make_visit(bekasi, facilitator)
    make_action(bekasi)
    assigned(open_round(), bekasi, coach)
    OutcomeFactory(enrollment=EnrollmentFactory(batch=BatchFactory(centre=bekasi)))
    admin, _ = api_token_issue(user=make_user(Role.MINISTRY_ADMIN))
    manager, _ = api_token_issue(user=make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    return {"admin": admin.key, "manager": manager.key}


@pytest.fixture
def wsgi() -> Iterator[WSGIHandler]:
    """Django's WSGI application answering in this test's transaction.

    Django closes "old" connections when a request starts and ends; inside the test's transaction
    that would close it. The test client switches this off for its own requests; so does this.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["admin", "manager"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_a_short_fuzz_pass_finds_nothing(world: dict[str, str], wsgi: WSGIHandler, who: str, mode) -> None:  # noqa: ANN001
    headers = {"Authorization": f"Token {world[who]}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi, headers=headers)

    @seed(20261204)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=schema.as_strategy(mode))
    def fuzz(case) -> None:  # noqa: ANN001
        case.call_and_validate(app=wsgi, headers=headers)

    fuzz()
