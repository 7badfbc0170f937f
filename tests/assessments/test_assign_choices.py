"""The assessors a round's assignment form offers come from ``visible_to``, like every choice list."""

from __future__ import annotations

import pytest

from inkubator.assessments.forms import AssignForm
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


def test_assessor_choices_are_the_accounts_the_user_may_see() -> None:
    jabar = make_user(Role.FACILITATOR, centres=[CentreFactory(regency=Regency.objects.get(code="32.16"))])
    jatim = make_user(Role.FACILITATOR, centres=[CentreFactory(regency=Regency.objects.get(code="35.78"))])
    inactive = make_user(Role.FACILITATOR)
    inactive.is_active = False
    inactive.save()
    admin = make_user(Role.MINISTRY_ADMIN)
    offered = set(AssignForm(user=admin).fields["assessor"].queryset)
    assert {jabar, jatim} <= offered and inactive not in offered and admin not in offered
    # Only the ministry reaches the form; were another role to build it, it would offer its own region only.
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    assert list(AssignForm(user=coordinator).fields["assessor"].queryset) == [jatim]
