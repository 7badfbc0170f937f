"""Apps above core open centres to facilitators and link their pages from a centre's page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse

from inkubator.centres.models import Centre, Staff
from inkubator.centres.sections import _SECTIONS, CentreSection, register_section, sections_for
from inkubator.core import scoping
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, StaffFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_source() -> Iterator[list[str]]:
    """A source that opens the centres whose codes are in the returned list to every facilitator."""
    codes: list[str] = []

    def source(user: object) -> object:
        return Centre.objects.filter(code__in=codes).values("pk")

    scoping.register_centre_source(source)
    yield codes
    scoping._CENTRE_SOURCES.remove(source)


def test_facilitator_sees_centres_a_source_opens(extra_source: list[str]) -> None:
    own, opened, other = (CentreFactory(regency=Regency.objects.get(code="35.78")) for _ in range(3))
    user = make_user(Role.FACILITATOR, centres=[own])
    extra_source.append(opened.code)
    StaffFactory(centre=opened)
    assert set(Centre.objects.visible_to(user)) == {own, opened}
    # Everything scoped to an opened centre follows it.
    assert set(Staff.objects.visible_to(user).values_list("centre", flat=True)) == {opened.pk}
    assert other not in Centre.objects.visible_to(user)


def test_a_source_never_opens_centres_to_managers(extra_source: list[str]) -> None:
    own, opened = (CentreFactory(regency=Regency.objects.get(code="32.16")) for _ in range(2))
    extra_source.append(opened.code)
    manager = make_user(Role.CENTRE_MANAGER, centres=[own])
    assert list(Centre.objects.visible_to(manager)) == [own]


def test_registering_a_source_twice_keeps_one() -> None:
    def source(user: object) -> object:
        return Centre.objects.none().values("pk")

    scoping.register_centre_source(source)
    scoping.register_centre_source(source)
    try:
        assert scoping._CENTRE_SOURCES.count(source) == 1
    finally:
        scoping._CENTRE_SOURCES.remove(source)


def test_a_section_shows_on_the_centre_page_for_its_roles_only(client) -> None:  # noqa: ANN001
    section = CentreSection("Regions test section", "centres:update", "geo", frozenset({Role.MINISTRY_ADMIN}))
    before = list(_SECTIONS)
    register_section(section)
    try:
        centre = CentreFactory(regency=Regency.objects.get(code="32.16"))
        admin = make_user(Role.MINISTRY_ADMIN)
        coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
        assert section in sections_for(admin)
        assert section not in sections_for(coordinator)
        client.force_login(admin)
        assert "Regions test section" in client.get(reverse("centres:detail", args=[centre.code])).content.decode()
        client.force_login(coordinator)
        assert "Regions test section" not in client.get(reverse("centres:detail", args=[centre.code])).content.decode()
    finally:
        _SECTIONS[:] = before
