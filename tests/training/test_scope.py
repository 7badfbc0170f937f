"""Another centre's batches, trainees and outcomes answer 404 in pages, exports and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import CentreFactory, make_user
from tests.training.factories import OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs():  # noqa: ANN201
    return OutcomeFactory(enrollment__batch__centre=CentreFactory(regency_id="35.78", province_id="35",
                                                                 host__regency_id="35.78"))  # fmt: skip


@pytest.fixture(params=["manager", "coordinator"])
def outsider(request):  # noqa: ANN001, ANN201
    if request.param == "manager":
        return make_user(Role.CENTRE_MANAGER, centres=[CentreFactory()])
    return make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])


def test_pages_answer_404(client, theirs, outsider) -> None:  # noqa: ANN001
    enrolment = theirs.enrollment
    client.force_login(outsider)
    urls = [
        reverse("training:batch", args=[enrolment.batch.pk]),
        reverse("training:enrollment", args=[enrolment.pk]),
        reverse("training:centre_output", args=[enrolment.batch.centre.code]),
        reverse("people:detail", args=[enrolment.person.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    if outsider.role == Role.CENTRE_MANAGER:
        assert client.get(reverse("training:outcome", args=[enrolment.pk, 3])).status_code == 404
        assert client.post(reverse("training:enrol", args=[enrolment.batch.pk]), {"nik": "x"}).status_code == 404


def test_lists_and_export_leave_them_out(client, theirs, outsider) -> None:  # noqa: ANN001
    client.force_login(outsider)
    assert theirs.enrollment.batch.code not in client.get(reverse("training:batches")).content.decode()
    export = client.get(reverse("training:export", args=["csv"]))
    assert theirs.enrollment.batch.code not in b"".join(export.streaming_content).decode("utf-8-sig")
    assert client.get(reverse("training:outcomes")).context["totals"]["surveyed"] == 0


def test_api_answers_404(client, theirs, outsider) -> None:  # noqa: ANN001
    client.force_login(outsider)
    enrolment = theirs.enrollment
    for name, pk in (("training-batch", enrolment.batch.pk), ("enrolment", enrolment.pk),
                     ("tracer-outcome", theirs.pk), ("person", enrolment.person.pk)):  # fmt: skip
        assert client.get(reverse(f"api:{name}-detail", args=[pk])).status_code == 404
        assert client.get(reverse(f"api:{name}-list")).json()["count"] == 0


def test_own_centre_and_region_see_them(client, theirs) -> None:  # noqa: ANN001
    enrolment = theirs.enrollment
    for user in (
        make_user(Role.CENTRE_MANAGER, centres=[enrolment.batch.centre]),
        make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]),
    ):
        client.force_login(user)
        assert client.get(reverse("training:batch", args=[enrolment.batch.pk])).status_code == 200
        person = client.get(reverse("api:person-detail", args=[enrolment.person.pk])).json()
        assert person["nik"] == "••••••••••••" + enrolment.person.nik[-4:]
        assert client.get(reverse("api:tracer-outcome-list")).json()["count"] == 1
