"""A person merge moves their tenant records to the kept person (``PERSON_LINKS``)."""

from __future__ import annotations

import pytest

from inkubator.core.roles import Role
from inkubator.people.services import person_merge
from tests.factories import make_user
from tests.people.factories import PersonFactory

from .factories import make_tenant

pytestmark = pytest.mark.django_db


def test_merge_moves_tenancies() -> None:
    keep = PersonFactory(nik=None)
    other = PersonFactory()
    tenant = make_tenant(person=other)
    merge = person_merge(keep=keep, other=other, user=make_user(Role.MINISTRY_ADMIN))
    tenant.refresh_from_db()
    assert tenant.person == keep
    assert merge.moved["incubation.Tenant"] == 1
    assert tenant.person_name == keep.name  # the list's sort key follows the person (people.name_copies)
