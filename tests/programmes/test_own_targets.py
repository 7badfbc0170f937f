"""Targets of one's own place: the province's where set, else its share of the national target, labelled with it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.programmes.models import Programme, Target
from inkubator.programmes.selectors import own_targets
from inkubator.regions.models import Province, Regency
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db

YEAR = 2026


def target(value: int, *, province: str | None = None, regency: str | None = None) -> Target:
    row = Target(
        programme=Programme.objects.get(code="blkk"),
        indicator="trainees_enrolled",
        year=YEAR,
        value=value,
        province=Province.objects.get(code=province) if province else None,
        regency=Regency.objects.get(code=regency) if regency else None,
    )
    row.full_clean()
    row.save()
    return row


@pytest.fixture
def centres() -> dict[str, list[Centre]]:
    """Three active centres in Jawa Barat (two in Bekasi), one in Jawa Timur: four in the country."""
    bekasi = Regency.objects.get(code="32.16")
    return {
        "32": [CentreFactory(regency=bekasi), CentreFactory(regency=bekasi), CentreFactory(regency_id="32.73")],
        "35": [CentreFactory(regency=Regency.objects.get(code="35.78"))],
    }


def test_a_coordinators_target_is_the_provinces(centres: dict) -> None:
    target(1000)
    target(300, province="32")
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    own = own_targets(user=coordinator, year=YEAR, level="national")
    assert own["trainees_enrolled"].value == 300 and not own["trainees_enrolled"].shared
    assert own_targets(user=coordinator, year=YEAR, level="province", code="32")["trainees_enrolled"].value == 300
    national = own_targets(user=make_user(Role.MINISTRY_ADMIN), year=YEAR, level="national")
    assert national["trainees_enrolled"].value == 1000


def test_without_a_province_target_the_share_of_the_national_one_by_active_centres(centres: dict) -> None:
    target(1000)
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    own = own_targets(user=coordinator, year=YEAR, level="national")["trainees_enrolled"]
    assert (own.value, own.shared) == (750, True)  # 3 of the 4 active centres
    assert own_targets(user=coordinator, year=YEAR, level="regency", code="32.16")["trainees_enrolled"].value == 500
    manager = make_user(Role.CENTRE_MANAGER, centres=[centres["32"][0]])
    centre = own_targets(user=manager, year=YEAR, level="centre", code=centres["32"][0].code)["trainees_enrolled"]
    assert (centre.value, centre.shared) == (250, True)


def test_the_coordinators_home_is_labelled_with_the_province_and_shows_the_rule(centres: dict, client: Client) -> None:
    target(1000)
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32", "35"]))
    body = client.get(reverse("dashboards:home")).content.decode()
    assert "Jawa Barat, Jawa Timur" in body and "Indonesia" not in body.split('data-testid="home-dashboard"')[1][:400]
    assert 'data-testid="target-rule"' in body
    assert "Target 1.000" in body  # both provinces: 3 + 1 of 4 centres, the whole national target
