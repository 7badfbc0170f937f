"""Scope: a partner gets 404 on another partner's agreements, offers and matches in pages, exports and
the API; a centre's people see their centre's contributions and tenants only; another region 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inkubator.core.roles import Role
from tests.factories import make_user

from .conftest import client_for

pytestmark = pytest.mark.django_db


def _pages_of_b(w: dict) -> list[tuple[str, str]]:
    """(method, url) of every page about the other partner's records and the Kupang tenant."""
    match, offer = w["match_b"].pk, w["offer_b"].pk
    return [
        ("get", reverse("partners:detail", args=[w["other"].pk])),
        ("get", reverse("partners:agreement_edit", args=[w["agreement_b"].pk])),
        ("get", reverse("matching:offer_detail", args=[offer])),
        ("get", reverse("matching:offer_edit", args=[offer])),
        ("post", reverse("matching:offer_status", args=[offer, "closed"])),
        ("get", reverse("matching:match_detail", args=[match])),
        ("post", reverse("matching:match_accept", args=[match])),
        ("post", reverse("matching:match_decline", args=[match])),
        ("post", reverse("matching:match_contact", args=[match])),
        ("post", reverse("matching:match_withdraw", args=[match])),
        ("post", reverse("matching:match_outcome", args=[match])),
        ("get", reverse("matching:tenant_offers", args=[w["tenant_k"].pk])),
        ("post", reverse("matching:propose", args=[w["tenant_k"].pk, w["offer_a"].pk])),
    ]


API_OF_B = [
    ("api-partner-detail", "other"),
    ("api-partner-agreement-detail", "agreement_b"),
    ("api-offer-detail", "offer_b"),
    ("api-match-detail", "match_b"),
    ("api-contribution-detail", "gift_b"),
]


def _body(response) -> str:  # noqa: ANN001
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _api(name: str) -> str:
    return "api:" + name.removeprefix("api-")


@pytest.mark.parametrize("who", ["bank_user", "manager_b", "facilitator_b", "coordinator_32"])
def test_pages_about_another_partner_or_centre_or_region_are_404(world: dict, who: str) -> None:
    client = client_for(world[who])
    for method, url in _pages_of_b(world):
        if who != "bank_user" and "/partners/" in url and "agreements" not in url:
            continue  # staff read the register of active partners: a partner's page is not secret
        if who != "bank_user" and url == reverse("matching:offer_detail", args=[world["offer_b"].pk]):
            continue  # a published offer is listed to every coach (but only its partner edits it)
        response = getattr(client, method)(url)
        assert response.status_code == 404, (who, url, response.status_code)


@pytest.mark.parametrize("who", ["bank_user", "manager_b", "facilitator_b", "coordinator_32"])
def test_the_api_answers_404_for_another_partners_and_another_centres_records(world: dict, who: str) -> None:
    client = client_for(world[who])
    for name, key in API_OF_B:
        if who != "bank_user" and key == "other":
            continue
        if who != "bank_user" and key == "offer_b":
            continue  # a published offer is listed to every coach
        response = client.get(reverse(_api(name), args=[world[key].pk]))
        assert response.status_code == 404, (who, name, response.status_code)


def test_a_partner_lists_and_exports_only_its_own_records(world: dict) -> None:
    client = client_for(world["bank_user"])
    for name, mine, theirs in [
        ("partners:export", world["bank"].name, world["other"].name),
        ("partners:agreement_export", "MOU-BRI-1", "PKS-SAMP-1"),
        ("matching:offer_export", "KUR Mikro BRI", "Pasar Sampoerna"),
        ("matching:contribution_export", "Dana BRI", "Mesin jahit"),
        ("matching:match_export", "KUR Mikro BRI", "Pasar Sampoerna"),
    ]:
        body = _body(client.get(reverse(name, args=["csv"])))
        assert mine in body and theirs not in body, name
    api = client.get(reverse("api:partner-list")).json()
    assert [row["name"] for row in api["results"]] == [world["bank"].name]
    assert client.get(reverse("api:match-list")).json()["count"] == 1


def test_a_centre_manager_sees_the_contributions_to_its_centre_only(world: dict) -> None:
    client = client_for(world["manager_b"])
    body = _body(client.get(reverse("matching:contribution_export", args=["csv"])))
    assert "Dana BRI" in body and "Mesin jahit" not in body
    page = client.get(reverse("matching:contributions"))
    assert page.status_code == 200 and "Mesin jahit" not in page.content.decode()
    # The centre's own page says who contributed what (issue 13.3); another centre's page is 404.
    tab = client.get(reverse("centres:detail", args=[world["bekasi"].code]), {"tab": "agreements"})
    body = tab.content.decode()
    assert 'data-testid="centre-contributions"' in body and "Dana BRI" in body and world["bank"].name in body
    assert "Mesin jahit" not in body
    assert client.get(reverse("centres:detail", args=[world["kupang"].code]), {"tab": "agreements"}).status_code == 404


def test_a_partner_sees_only_published_offers_of_others_not_at_all(world: dict) -> None:
    from inkubator.matching.models import Offer

    assert set(Offer.objects.visible_to(world["bank_user"])) == {world["offer_a"]}
    assert set(Offer.objects.visible_to(world["manager_b"])) == {world["offer_a"], world["offer_b"]}


def test_an_entrepreneur_has_no_register_pages_but_sees_their_own_match(world: dict) -> None:
    client = client_for(world["owner"])
    for name in ("partners:list", "partners:agreements", "matching:offers", "matching:matches"):
        assert client.get(reverse(name)).status_code == 404, name
    assert client.get(reverse("matching:match_detail", args=[world["match_a"].pk])).status_code == 200
    assert client.get(reverse("matching:match_detail", args=[world["match_b"].pk])).status_code == 404


def test_another_partner_and_coaches_cannot_answer(world: dict) -> None:
    rival = client_for(make_user(Role.PARTNER, partner=world["other"]))
    assert rival.get(reverse("matching:match_detail", args=[world["match_a"].pk])).status_code == 404
    home = rival.get(reverse("matching:partner_home")).content.decode()
    assert "Pasar Sampoerna" in home and "KUR Mikro BRI" not in home
    assert client_for(world["manager_b"]).get(reverse("matching:partner_home")).status_code == 404
    # The coach sees the match but the answer is the partner's.
    response = client_for(world["manager_b"]).post(reverse("matching:match_accept", args=[world["match_a"].pk]))
    assert response.status_code == 404
