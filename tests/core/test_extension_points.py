"""Apps above core open centres to facilitators, link pages from a centre's page, add menu entries and indicators."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Aggregate, Q
from django.urls import reverse

from inkubator.centres.models import Centre, Staff, VocationalField
from inkubator.centres.sections import _SECTIONS, CentreSection, register_section, sections_for
from inkubator.core import indicators, navigation, scoping
from inkubator.core.indicators import Indicator
from inkubator.core.navigation import NavGroup, NavItem
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


# Menu entries ---------------------------------------------------------------------------------------


@pytest.fixture
def menu() -> Iterator[None]:
    """Whatever a test registers in the menu is gone afterwards."""
    items, groups = list(navigation._ITEMS), dict(navigation._GROUPS)
    yield
    navigation._ITEMS[:] = items
    navigation._GROUPS.clear()
    navigation._GROUPS.update(groups)


def test_an_app_adds_a_group_and_entries_for_its_roles_in_their_order(menu: None) -> None:
    navigation.register_menu(
        NavItem("Test second", "test:second", "star", frozenset({Role.PARTNER}), "test", order=260),
        NavItem("Test first", "test:first", "star", frozenset({Role.PARTNER}), "test", order=15),
        groups=[NavGroup("test", "Test group", "star")],
    )
    # The group stands where its first entry stands: after Home (10), before the rest.
    entries = navigation.menu_entries(Role.PARTNER)
    assert [entry.url_names for entry in entries][:2] == [["dashboards:home"], ["test:first", "test:second"]]
    assert entries[1].label == "Test group" and entries[1].is_group
    assert "Test group" not in [entry.label for entry in navigation.menu_entries(Role.MINISTRY_ADMIN)]


def test_a_group_with_one_visible_entry_is_a_plain_link(menu: None) -> None:
    navigation.register_menu(NavItem("Test only", "test:only", "star", frozenset({Role.PARTNER}), "admin", order=430))
    entries = [entry for entry in navigation.menu_entries(Role.PARTNER) if "test:only" in entry.url_names]
    assert [entry.is_group for entry in entries] == [False]
    assert entries[-1].url_names == ["test:only"]


def test_registering_again_keeps_one_and_a_different_definition_is_refused(menu: None) -> None:
    item = NavItem("Test", "test:twice", "star", group="admin", order=499)
    navigation.register_menu(item)
    navigation.register_menu(item)
    assert [i.url_name for i in navigation.menu_items()].count("test:twice") == 1
    with pytest.raises(ImproperlyConfigured, match="Menu entry 'test:twice' is already registered"):
        navigation.register_menu(NavItem("Other", "test:twice", "star", group="admin", order=499))
    with pytest.raises(ImproperlyConfigured, match="Menu group 'admin' is already registered"):
        navigation.register_menu(groups=[NavGroup("admin", "Another label", "gear")])


def test_an_entry_in_a_group_nobody_registers_fails_the_system_check(menu: None) -> None:
    assert navigation.check_menu() == []
    navigation.register_menu(NavItem("Lost", "test:lost", "star", group="nowhere"))
    assert [error.id for error in navigation.check_menu()] == ["inkubator.core.E001"]


# Programme indicators -------------------------------------------------------------------------------


@pytest.fixture
def registry() -> Iterator[None]:
    """Whatever a test registers as an indicator is gone afterwards."""
    before = dict(indicators.INDICATORS)
    yield
    indicators.INDICATORS.clear()
    indicators.INDICATORS.update(before)


def test_registered_indicators_are_definitions_placed_by_their_models_scope() -> None:
    assert list(indicators.INDICATORS)[:2] == ["incubators_designated", "centres_binaan"]
    for indicator in indicators.available_indicators():
        assert isinstance(indicator.total, Aggregate), indicator.code
        assert indicator.regency == indicator.model.scope.region, indicator.code
        assert indicator.centre == indicator.model.scope.centre, indicator.code


def test_an_app_registers_an_indicator_and_it_is_computed_within_scope(registry: None) -> None:
    staff_active = Indicator(
        "test_staff_active", "Active staff", "blkk", Staff, kind="stock", where=Q(active=True), unit="staff"
    )
    indicators.register_indicator(staff_active)
    assert indicators.INDICATORS["test_staff_active"] is staff_active
    bekasi, surabaya = (CentreFactory(regency=Regency.objects.get(code=code)) for code in ("32.16", "35.78"))
    StaffFactory.create_batch(2, centre=bekasi)
    StaffFactory(centre=bekasi, active=False)
    StaffFactory(centre=surabaya)
    admin = make_user(Role.MINISTRY_ADMIN)
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    assert indicators.indicator_total(staff_active, user=admin, year=None) == 3
    assert indicators.indicator_breakdown(staff_active, user=admin, year=None) == {"32": 2, "35": 1}
    assert indicators.indicator_total(staff_active, user=coordinator, year=None) == 2
    assert indicators.indicator_by_centre(staff_active, user=coordinator, year=None) == {bekasi.pk: 2}


def test_an_indicator_needs_a_scoped_model_a_date_if_a_flow_and_its_own_code(registry: None) -> None:
    with pytest.raises(ImproperlyConfigured, match="VocationalField declares no Scope with a region path"):
        indicators.register_indicator(Indicator("test_fields", "Fields", "blkk", VocationalField, kind="stock"))
    with pytest.raises(ImproperlyConfigured, match="'test_staff' is a flow and names no date"):
        indicators.register_indicator(Indicator("test_staff", "Staff", "blkk", Staff, kind="flow"))
    with pytest.raises(ImproperlyConfigured, match="'trainees_trained' is already registered differently"):
        indicators.register_indicator(Indicator("trainees_trained", "Staff", "blkk", Staff, kind="stock"))
