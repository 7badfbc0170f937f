"""Scope: an entrepreneur sees only their own tenant, an incubator only its tenants, another region 404."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation import services
from inkubator.incubation.models import CoachingAction, MonthlyReport, StageMove, Tenant
from inkubator.regions.models import Regency
from tests.factories import PartnerFactory, make_user

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db

TENANT_PAGES = [
    ("incubation:tenant_detail", {}),
    ("incubation:tenant_move", {}),
    ("incubation:report_create", {}),
    ("incubation:record_create", {"kind": "session"}),
    ("incubation:record_create", {"kind": "diagnosis"}),
    ("incubation:record_create", {"kind": "licence"}),
    ("incubation:record_create", {"kind": "loan"}),
    ("incubation:record_create", {"kind": "business"}),
    ("incubation:record_create", {"kind": "account"}),
]


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> dict:
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    kupang = make_incubator(regency=Regency.objects.get(code="53.71"))
    owner = make_user(Role.ENTREPRENEUR)
    return {
        "bekasi": bekasi,
        "kupang": kupang,
        "mine": make_tenant(incubator=bekasi, entrepreneur=owner),
        "other": make_tenant(incubator=kupang),
        "owner": owner,
    }


@pytest.mark.parametrize(("name", "kwargs"), TENANT_PAGES)
def test_every_tenant_page_is_404_for_another_region_and_another_centre(world: dict, name: str, kwargs: dict) -> None:
    url = reverse(name, kwargs={"pk": world["other"].pk, **kwargs})
    for user in (
        make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        make_user(Role.CENTRE_MANAGER, centres=[world["bekasi"]]),
        make_user(Role.FACILITATOR, centres=[world["bekasi"]]),
        world["owner"],
        make_user(Role.PARTNER, partner=PartnerFactory()),
    ):
        assert client_for(user).get(url).status_code == 404, (name, user.role)


def test_entrepreneur_sees_own_tenant_and_404_on_another(world: dict) -> None:
    client = client_for(world["owner"])
    assert client.get(reverse("incubation:tenant_detail", args=[world["mine"].pk])).status_code == 200
    assert client.get(reverse("incubation:tenant_detail", args=[world["other"].pk])).status_code == 404
    assert client.get(reverse("incubation:mine")).url == reverse("incubation:tenant_detail", args=[world["mine"].pk])
    # The entrepreneur reports figures but does not coach or move.
    assert client.get(reverse("incubation:report_create", args=[world["mine"].pk])).status_code == 200
    assert client.get(reverse("incubation:tenant_move", args=[world["mine"].pk])).status_code == 404
    assert client.get(reverse("incubation:record_create", args=[world["mine"].pk, "session"])).status_code == 404
    for name in ("incubation:board", "incubation:tenant_list", "incubation:dashboard", "incubation:followups"):
        assert client.get(reverse(name)).status_code == 404


def test_incubator_sees_only_its_tenants(world: dict) -> None:
    manager = make_user(Role.CENTRE_MANAGER, centres=[world["bekasi"]])
    assert list(Tenant.objects.visible_to(manager)) == [world["mine"]]
    client = client_for(manager)
    page = client.get(reverse("incubation:tenant_list"))
    assert world["mine"].person.name in page.content.decode()
    assert world["other"].person.name not in page.content.decode()
    export = b"".join(client.get(reverse("incubation:tenant_export", args=["csv"])).streaming_content).decode()
    assert world["mine"].person.name in export and world["other"].person.name not in export
    board = client.get(reverse("incubation:board")).content.decode()
    assert world["mine"].person.name in board and world["other"].person.name not in board
    assert client.get(reverse("incubation:centre_board", args=[world["kupang"].code])).status_code == 404
    assert client.get(reverse("incubation:centre_dashboard", args=[world["kupang"].code])).status_code == 404


def test_records_of_a_tenant_follow_its_scope(world: dict) -> None:
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["53"])
    assert list(Tenant.objects.visible_to(coordinator)) == [world["other"]]
    assert set(StageMove.objects.visible_to(coordinator).values_list("tenant", flat=True)) == {world["other"].pk}
    assert not MonthlyReport.objects.visible_to(make_user(Role.PARTNER, partner=PartnerFactory())).exists()
    assert not CoachingAction.objects.visible_to(world["owner"]).exclude(session__tenant=world["mine"]).exists()


def test_partner_and_anonymous_see_no_pipeline(world: dict) -> None:
    partner = client_for(make_user(Role.PARTNER, partner=PartnerFactory()))
    assert partner.get(reverse("incubation:board")).status_code == 404
    anonymous = Client().get(reverse("incubation:board"))
    assert anonymous.status_code == 302


def test_writes_and_lists_of_another_region_are_404_or_empty(world: dict) -> None:
    other = world["other"]
    session = services.coaching_session_create(
        tenant=other,
        coach=make_user(Role.MINISTRY_ADMIN),
        date=datetime.date(2026, 1, 5),
        topic="Pemasaran",
        actions=[("Foto produk", datetime.date(2026, 1, 20))],
    )
    milestone = services.milestone_create(tenant=other, kind="business_plan", title="Rencana")
    loan = services.loan_create(tenant=other, bank_name="BNI", amount=5_000_000, applied_on=datetime.date(2026, 1, 5))
    action = session.actions.get()
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    manager = make_user(Role.CENTRE_MANAGER, centres=[world["bekasi"]])
    for user in (coordinator, manager):
        client = client_for(user)
        assert client.post(reverse("incubation:action_done", args=[other.pk, action.pk])).status_code == 404
        assert client.post(reverse("incubation:milestone_achieve", args=[other.pk, milestone.pk])).status_code == 404
        assert (
            client.post(reverse("incubation:loan_status", args=[other.pk, loan.pk]), {"status": "rejected"}).status_code
            == 404
        )
        assert list(client.get(reverse("incubation:followups")).context["page"]) == []
        assert client.get(reverse("incubation:centre_board", args=[world["kupang"].code])).status_code == 404
        assert client.get(reverse("incubation:centre_dashboard", args=[world["kupang"].code])).status_code == 404
        assert client.get(reverse("incubation:dashboard")).context["figures"].total == 1
    action.refresh_from_db()
    milestone.refresh_from_db()
    loan.refresh_from_db()
    assert action.done_on is None and milestone.achieved_on is None and loan.status == "applied"
