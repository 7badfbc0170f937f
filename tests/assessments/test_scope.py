"""Scope: an assessor opens only the centres assigned to them in an open round; coordinators only their region;
every page and endpoint answers 404 outside the scope (never 403)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.assessments import services
from inkubator.assessments.models import Assessment
from inkubator.centres.models import Centre

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def test_an_assessor_cannot_open_a_centre_not_assigned_to_them(world) -> None:  # noqa: ANN001
    client = client_for(world.assessor)
    assert client.get(reverse("assessments:assessment_detail", args=[world.mine.pk])).status_code == 200
    assert client.get(reverse("centres:detail", args=[world.surabaya.code])).status_code == 200
    for url in (
        reverse("assessments:assessment_detail", args=[world.theirs.pk]),
        reverse("assessments:centre", args=[world.kupang.code]),
        reverse("centres:detail", args=[world.kupang.code]),
        reverse("assessments:assessment_detail", args=[world.done.pk]),
    ):
        assert client.get(url).status_code == 404, url
    indicator = world.theirs.round.instrument.dimensions.first().indicators.first()
    response = client.post(
        reverse("assessments:answer_save", args=[world.theirs.pk, indicator.pk]), {f"value-{indicator.pk}": "1"}
    )
    assert response.status_code == 404
    assert not world.theirs.answers.exists()


def test_the_assessors_centres_close_with_the_round(world) -> None:  # noqa: ANN001
    assert world.surabaya in Centre.objects.visible_to(world.assessor)
    services.round_advance(round=world.round)  # closed
    assessor = type(world.assessor).objects.get(pk=world.assessor.pk)  # fresh scope cache
    assert not Centre.objects.visible_to(assessor).exists()
    assert Client().get(reverse("assessments:worklist")).status_code == 302  # signed out: to the login page


def test_a_coordinator_of_another_region_gets_404(world) -> None:  # noqa: ANN001
    client = client_for(world.korwil_jatim)
    assert client.get(reverse("assessments:assessment_detail", args=[world.mine.pk])).status_code == 200
    assert client.get(reverse("assessments:assessment_detail", args=[world.done.pk])).status_code == 404
    assert client.get(reverse("assessments:centre", args=[world.bekasi.code])).status_code == 404
    # West Java's coordinator cannot verify East Java's submission.
    response = client_for(world.korwil).post(reverse("assessments:review", args=[world.mine.pk, "verify"]))
    assert response.status_code == 404
    world.mine.refresh_from_db()
    assert world.mine.status == Assessment.Status.SUBMITTED


def test_a_coordinator_sees_only_their_regions_rows_in_lists_and_counts(world) -> None:  # noqa: ANN001
    client = client_for(world.korwil)
    listing = client.get(reverse("assessments:list"))
    assert world.bekasi.name in listing.content.decode() and world.surabaya.name not in listing.content.decode()
    detail = client.get(reverse("assessments:round_detail", args=[world.round.pk]))
    assert detail.context["progress"].total == 1
    distribution = client.get(reverse("assessments:distribution"))
    assert [row["code"] for row in distribution.context["rows"]] == ["32"]
    # A round holding no centre of the region is not there at all.
    from tests.assessments.factories import open_round

    empty = open_round(world.round.instrument, name="Putaran kosong")
    assert client.get(reverse("assessments:round_detail", args=[empty.pk])).status_code == 404


@pytest.mark.parametrize(
    "name,args",
    [
        ("assessments:instrument_list", []),
        ("assessments:selection_list", []),
        ("assessments:round_create", []),
    ],
)
def test_ministry_pages_answer_404_to_other_roles(world, name, args) -> None:  # noqa: ANN001
    for user in (world.korwil, world.assessor, world.manager):
        assert client_for(user).get(reverse(name, args=args)).status_code == 404
    assert client_for(world.admin).get(reverse(name, args=args)).status_code == 200


def test_ministry_object_pages_answer_404_to_other_roles(world) -> None:  # noqa: ANN001
    instrument = world.round.instrument
    urls = [
        reverse("assessments:instrument_detail", args=[instrument.pk]),
        reverse("assessments:instrument_edit", args=[instrument.pk]),
        reverse("assessments:selection_new", args=[world.round.pk]),
    ]
    for url in urls:
        assert client_for(world.korwil).get(url).status_code == 404
        assert client_for(world.admin).get(url).status_code in (200, 302)
    assert (
        client_for(world.korwil)
        .post(reverse("assessments:instrument_action", args=[instrument.pk, "retire"]))
        .status_code
        == 404
    )


def test_the_centre_manager_sees_their_centres_results_only(world) -> None:  # noqa: ANN001
    client = client_for(world.manager)
    assert client.get(reverse("assessments:centre", args=[world.bekasi.code])).status_code == 200
    assert client.get(reverse("assessments:centre", args=[world.surabaya.code])).status_code == 404


def test_evidence_downloads_follow_scope(world) -> None:  # noqa: ANN001
    evidence = world.mine.evidence.first()
    url = reverse("assessments:evidence_download", args=[world.mine.pk, evidence.pk])
    response = client_for(world.assessor).get(url)
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert client_for(world.korwil).get(url).status_code == 404
    assert client_for(world.other_assessor).get(url).status_code == 404
    # Another assessment's id with this evidence's id: 404 too.
    wrong = reverse("assessments:evidence_download", args=[world.done.pk, evidence.pk])
    assert client_for(world.admin).get(wrong).status_code == 404


@pytest.mark.parametrize(
    "endpoint",
    ["assessment-instruments", "assessment-rounds", "assessments", "assessment-results", "incubator-selections"],
)
def test_the_api_is_scoped(world, endpoint) -> None:  # noqa: ANN001
    url = f"/api/v1/{endpoint}/"
    admin = client_for(world.admin).get(url)
    assert admin.status_code == 200
    korwil = client_for(world.korwil).get(url).json()
    if endpoint == "assessments":
        assert [row["centre"] for row in korwil["results"]] == [world.bekasi.code]
        assert client_for(world.korwil).get(f"{url}{world.mine.pk}/").status_code == 404
    if endpoint in ("assessment-instruments", "incubator-selections"):
        assert korwil["count"] == 0
    assert Client().get(url).status_code == 401


def test_the_api_results_hold_the_explanation(world) -> None:  # noqa: ANN001
    rows = client_for(world.manager).get("/api/v1/assessment-results/").json()["results"]
    assert [row["centre"] for row in rows] == [world.bekasi.code]
    assert rows[0]["explanation"]["target"] == "mandiri"
