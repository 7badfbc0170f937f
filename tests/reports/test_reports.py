"""PDF reports: a centre's profile at once, province and national reports through the worker; all scoped."""

from __future__ import annotations

import io

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from inkubator.core.roles import Role
from inkubator.reports.models import ReportJob
from inkubator.reports.services import report_request
from tests.factories import make_user
from tests.programmes.world import World

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_centre_profile_is_a_pdf_with_the_centre_and_its_figures(client: Client, world: World) -> None:
    centre = world.centres["bekasi_a"]
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("reports:centre_profile", args=[centre.code]), {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert centre.name in text
    assert "Kabupaten Bekasi" in text or "KABUPATEN BEKASI" in text.upper()


def test_the_centre_profile_is_404_outside_scope(client: Client, world: World) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.get(reverse("reports:centre_profile", args=[world.centres["surabaya"].code])).status_code == 404
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[world.centres["bekasi_a"]]))
    assert client.get(reverse("reports:centre_profile", args=[world.centres["bekasi_b"].code])).status_code == 404
    assert client.get(reverse("reports:centre_profile", args=[world.centres["bekasi_a"].code])).status_code == 200


def test_a_province_report_is_built_in_the_background_and_downloaded(
    client: Client,
    world: World,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:list"), {"kind": "province", "code": "32", "year": 2026})
    job = ReportJob.objects.get(requested_by=coordinator)
    assert response.url == reverse("reports:job", args=[job.pk])
    assert (job.status, job.progress) == ("done", 100)
    page = client.get(response.url).content.decode()
    assert reverse("reports:download", args=[job.pk]) in page
    download = client.get(reverse("reports:download", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert "JAWA BARAT" in text.upper()
    # Someone else's report is not theirs to fetch, whatever their role.
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_a_report_of_a_province_outside_scope_is_refused(client: Client, world: World) -> None:
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    with pytest.raises(Http404):
        report_request(user=coordinator, kind="province", code="35", year=2026)
    client.force_login(coordinator)
    response = client.post(reverse("reports:list"), {"kind": "province", "code": "35", "year": 2026})
    assert response.status_code == 200
    assert not ReportJob.objects.exists()
    assert "code" in response.context["form"].errors


def test_a_province_report_names_the_missing_province(client: Client, world: World) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.post(reverse("reports:list"), {"kind": "province", "code": "", "year": 2026})
    assert response.context["form"].errors["code"]


def test_the_national_report_lists_targets_and_laggards(
    client: Client, world: World, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001, E501
    from inkubator.programmes.models import Programme
    from inkubator.programmes.services import target_set

    admin = make_user(Role.MINISTRY_ADMIN)
    target_set(
        user=admin, programme=Programme.objects.get(code="blkk"), indicator="trainees_trained", year=2026, value=50
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(user=admin, kind="national", year=2026)
    job.refresh_from_db()
    assert job.status == "done"
    text = pdf_text(job.file.read())
    assert "Indonesia" in text
    assert "Nusa Tenggara Timur".upper() in text.upper()


def test_the_profile_shows_the_cluster_scores_and_what_holds_the_centre_back(client: Client, world: World) -> None:
    from tests.assessments.factories import middle, open_round, verified

    centre = world.centres["bekasi_b"]
    assessment = verified(open_round(name="Putaran Uji 2026"), centre, middle)
    assert assessment.explanation  # a middling centre has a next cluster to reach
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    text = pdf_text(client.get(reverse("reports:centre_profile", args=[centre.code])).content)
    assert "Putaran Uji 2026" in text
    assert "Tata kelola" in text or "Governance" in text  # a dimension and its score
    assert "→" in text  # the raises that reach the next cluster
