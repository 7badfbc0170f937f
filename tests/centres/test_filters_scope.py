"""Filters that cannot narrow a user's scope are not shown (issue 17.5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_centre_manager_is_not_offered_province_or_regency_filters(client: Client) -> None:
    centre = CentreFactory()
    CentreFactory(regency=Regency.objects.get(code="35.78"))
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centre]))
    form = client.get(reverse("training:batches")).context["filter"].form
    assert form["province"].is_hidden and form["regency"].is_hidden
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    CentreFactory(regency=Regency.objects.get(code="32.73"))
    form = client.get(reverse("training:batches")).context["filter"].form
    assert form["province"].is_hidden and not form["regency"].is_hidden  # two regencies/cities to choose from
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    form = client.get(reverse("training:batches")).context["filter"].form
    assert not form["province"].is_hidden
