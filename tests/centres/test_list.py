"""The register list: scoped, filtered, searched, sorted, paginated; a fixed number of queries."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from tests.centres.factories_extra import centre_with_fields, regency
from tests.factories import CentreFactory, HostInstitutionFactory, make_user
from tests.screens import assert_queries_flat

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:  # noqa: ANN001
    return {row.record.name for row in response.context["table"].paginated_rows}


@pytest.fixture
def centres() -> dict[str, object]:
    return {
        "bekasi": centre_with_fields("tik", "menjahit", name="BLKK Bekasi", regency=regency("32.16"), cohort_year=2018),
        "kota_bekasi": centre_with_fields("otomotif", name="BLKK Kota Bekasi", regency=regency("32.75")),
        "surabaya": CentreFactory(name="BLKK Surabaya", regency=regency("35.78"), cohort_year=2021),
        "kupang": CentreFactory(
            name="BLKK Kupang", regency=regency("53.71"), status="closed", cluster="mandiri", is_incubator=True
        ),
    }


def test_coordinator_of_jawa_timur_sees_only_jawa_timur(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    response = client.get(reverse("centres:list"))
    assert names(response) == {"BLKK Surabaya"}
    # One province: the province select could not narrow anything, so it is not shown; its
    # regencies/cities are offered at once.
    form = response.context["filter"].form
    assert form["province"].is_hidden and not form["regency"].is_hidden
    assert {r.code[:2] for r in form.fields["regency"].widget.choices.queryset} == {"35"}


def test_manager_sees_only_their_centre(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[centres["bekasi"]]))
    assert names(client.get(reverse("centres:list"))) == {"BLKK Bekasi"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"province": "32"}, {"BLKK Bekasi", "BLKK Kota Bekasi"}),
        ({"province": "32", "regency": "32.75"}, {"BLKK Kota Bekasi"}),
        ({"regency": "32.16"}, {"BLKK Bekasi"}),
        ({"cohort_year": "2018"}, {"BLKK Bekasi"}),
        ({"field": "menjahit"}, {"BLKK Bekasi"}),
        ({"field": "otomotif"}, {"BLKK Kota Bekasi"}),
        ({"cluster": "mandiri"}, {"BLKK Kupang"}),
        ({"cluster": "none"}, {"BLKK Bekasi", "BLKK Kota Bekasi", "BLKK Surabaya"}),
        ({"incubator": "true"}, {"BLKK Kupang"}),
        ({"incubator": "false"}, {"BLKK Bekasi", "BLKK Kota Bekasi", "BLKK Surabaya"}),
        ({"status": "closed"}, {"BLKK Kupang"}),
        ({"q": "surabaya"}, {"BLKK Surabaya"}),
        ({"q": "kota bekasi"}, {"BLKK Kota Bekasi"}),
    ],
)
def test_filters(client: Client, centres: dict, query: dict, expected: set) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    assert names(client.get(reverse("centres:list"), query)) == expected


def test_search_finds_the_host_and_the_code(client: Client) -> None:
    host = HostInstitutionFactory(name="Yayasan Al-Falah")
    CentreFactory(name="BLKK Satu", host=host, code="BLKK-0001")
    CentreFactory(name="BLKK Dua", code="BLKK-0002")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    assert names(client.get(reverse("centres:list"), {"q": "al-falah"})) == {"BLKK Satu"}
    assert names(client.get(reverse("centres:list"), {"q": "0002"})) == {"BLKK Dua"}


def test_host_type_filter(client: Client) -> None:
    CentreFactory(name="BLKK Serikat", host=HostInstitutionFactory(kind="union", religion=""))
    CentreFactory(name="BLKK Pesantren")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    assert names(client.get(reverse("centres:list"), {"host_kind": "union"})) == {"BLKK Serikat"}


def test_invalid_filter_shows_the_error_and_no_rows(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("centres:list"), {"status": "bogus"})
    assert "status" in response.context["filter"].errors
    assert names(response) == set()


def test_regency_options_follow_the_province(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    form = client.get(reverse("centres:list")).context["filter"].form
    assert list(form.fields["regency"].widget.choices.queryset) == []
    form = client.get(reverse("centres:list"), {"province": "32"}).context["filter"].form
    codes = {r.code for r in form.fields["regency"].widget.choices.queryset}
    assert {"32.16", "32.75"} <= codes and all(code.startswith("32.") for code in codes)


def test_sort_and_pagination(client: Client) -> None:
    for n in range(30):
        CentreFactory(name=f"BLKK {n:02d}", code=f"C-{n:02d}")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(reverse("centres:list"), {"sort": "-name"})
    rows = [row.record.name for row in response.context["table"].paginated_rows]
    assert len(rows) == 25 and rows[0] == "BLKK 29"
    response = client.get(reverse("centres:list"), {"sort": "-name", "page": 2})
    assert [row.record.name for row in response.context["table"].paginated_rows][-1] == "BLKK 00"


def test_fields_column_and_export_links(client: Client, centres: dict) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    body = client.get(reverse("centres:list"), {"province": "32", "page": "1"}).content.decode()
    assert "Menjahit" in body or "menjahit" in body.lower()
    assert f'href="{reverse("centres:export", args=["xlsx"])}?province=32"' in body
    assert f'href="{reverse("centres:export", args=["csv"])}?province=32"' in body


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.MINISTRY_ADMIN, True),
        (Role.REGIONAL_COORDINATOR, True),
        (Role.FACILITATOR, False),
        (Role.CENTRE_MANAGER, False),
    ],
)
def test_new_centre_button_only_for_registering_roles(client: Client, role: str, shown: bool) -> None:
    centre = CentreFactory()
    scope = {
        Role.REGIONAL_COORDINATOR: {"provinces": ["32"]},
        Role.FACILITATOR: {"centres": [centre]},
        Role.CENTRE_MANAGER: {"centres": [centre]},
    }.get(role, {})
    client.force_login(make_user(role, **scope))
    body = client.get(reverse("centres:list")).content.decode()
    assert ('data-testid="centre-create"' in body) is shown


def test_english_labels(client: Client) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(reverse("centres:list")).content.decode()
    assert "Export XLSX" in body and "Vocational fields" in body and "Host type" in body


# session, user, scope (2), the filter values (2), count, option lists (3), rows, fields, session save
LIST_QUERIES = 15


@pytest.mark.parametrize("count", [5, 60])
def test_list_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries, count: int) -> None:
    for _ in range(count):
        centre_with_fields("tik", "menjahit")
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("centres:list"), {"province": "32", "field": "tik"})
    assert response.context["table"].paginator.count == count


def test_register_and_completeness_queries_flat_at_5_and_60_rows(client: Client) -> None:
    """Both lists read a page in the same number of queries at 5 and 60 centres (fields prefetched)."""
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))

    def add(n: int) -> None:
        for _ in range(n):
            centre_with_fields("tik", "menjahit", regency=regency("35.78"))

    few, many = assert_queries_flat(client, reverse("centres:list"), add)
    assert few == many
    assert_queries_flat(client, reverse("centres:completeness"), add, small=60, large=65)


def test_count_line_says_how_many_match_in_the_users_language(client: Client, centres: dict) -> None:
    """The list's count line is the view's ``count_label`` (ObjectListView), singular and plural, translated."""
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32", "35"]))
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    page = client.get(reverse("centres:list")).content.decode()
    assert '<p class="small text-muted mb-2" data-testid="centre-count">3 centres</p>' in page
    page = client.get(reverse("centres:list"), {"province": "35"}).content.decode()
    assert 'data-testid="centre-count">1 centre</p>' in page
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "id"})
    page = client.get(reverse("centres:list")).content.decode()
    assert 'data-testid="centre-count">3 BLK Komunitas</p>' in page
