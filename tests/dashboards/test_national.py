"""The drill-down dashboard: figures of each place within scope, children to drill into, 404 outside."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import PartnerFactory, make_user
from tests.programmes.world import World

pytestmark = pytest.mark.django_db


def _figure(body: str, code: str) -> str:
    marker = f'data-indicator="{code}">'
    return body.split(marker, 1)[1].split("<", 1)[0]


def test_the_ministry_drills_from_the_nation_to_a_centre(client: Client, world: World) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    body = client.get(reverse("dashboards:national"), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "21"
    assert 'data-testid="nation-map"' in body
    assert reverse("dashboards:place", args=["province", "32"]) in body
    body = client.get(reverse("dashboards:place", args=["province", "32"]), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "16"
    assert reverse("dashboards:place", args=["regency", "32.16"]) in body
    body = client.get(reverse("dashboards:place", args=["regency", "32.16"]), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "12"  # 7 at the centre and 5 at the BPKK
    centre = world.centres["bekasi_a"]
    assert reverse("dashboards:place", args=["centre", centre.code]) in body
    body = client.get(reverse("dashboards:place", args=["centre", centre.code]), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "7"
    assert reverse("reports:centre_profile", args=[centre.code]) in body


def test_a_coordinator_lands_on_their_province_and_sees_nothing_else(client: Client, world: World) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    body = client.get(reverse("dashboards:national"), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "16"  # their "nation" is Jawa Barat
    assert reverse("dashboards:place", args=["province", "35"]) not in body
    assert client.get(reverse("dashboards:place", args=["province", "35"])).status_code == 404
    assert client.get(reverse("dashboards:place", args=["regency", "35.78"])).status_code == 404
    assert client.get(reverse("dashboards:place", args=["centre", world.centres["surabaya"].code])).status_code == 404
    assert client.get(reverse("dashboards:place", args=["province", "32"])).status_code == 200


def test_a_manager_sees_their_centre_only(client: Client, world: World) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[world.centres["bekasi_a"]]))
    body = client.get(reverse("dashboards:national"), {"year": 2026}).content.decode()
    assert _figure(body, "trainees_trained") == "7"
    assert client.get(reverse("dashboards:place", args=["centre", world.centres["bekasi_b"].code])).status_code == 404
    assert client.get(reverse("dashboards:place", args=["centre", world.centres["bekasi_a"].code])).status_code == 200


def test_roles_without_a_dashboard_get_404(client: Client, world: World) -> None:
    for user in (make_user(Role.ENTREPRENEUR), make_user(Role.PARTNER, partner=PartnerFactory())):
        client.force_login(user)
        assert client.get(reverse("dashboards:national")).status_code == 404
        assert client.get(reverse("dashboards:place", args=["province", "32"])).status_code == 404


def test_unknown_levels_and_places_are_404(client: Client, world: World) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    for args in (["planet", "32"], ["province", "99"], ["regency", "32.99"], ["centre", "NOPE"]):
        assert client.get(reverse("dashboards:place", args=args)).status_code == 404


def test_the_dashboard_reads_a_bounded_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries
) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    with django_assert_max_num_queries(40):
        assert client.get(reverse("dashboards:national"), {"year": 2026}).status_code == 200


def test_the_dashboard_table_exports_within_scope(client: Client, world: World) -> None:
    import io

    from openpyxl import load_workbook

    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    response = client.get(reverse("dashboards:national_export", args=["xlsx"]), {"year": 2026})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["JAWA BARAT"] or names == ["Jawa Barat"]
    assert client.get(reverse("dashboards:place_export", args=["province", "35", "xlsx"])).status_code == 404
