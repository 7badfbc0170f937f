"""The incubation pages: board, list and export, profile, forms, dashboard, follow-ups, calendar."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.core.roles import Role
from inkubator.incubation import services, stages
from inkubator.incubation.choices import Stage
from inkubator.incubation.models import (
    CoachingAction,
    CoachingSession,
    Diagnosis,
    Grant,
    Licence,
    Loan,
    Milestone,
    MonthlyReport,
    Tenant,
)
from inkubator.people.services import person_update
from tests.factories import make_user
from tests.people.factories import PersonFactory
from tests.screens import assert_queries_flat

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def setting() -> dict:
    centre = make_incubator()
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    tenant = make_tenant(incubator=centre, business_name="Keripik Tempe Bu Sri")
    return {"centre": centre, "manager": manager, "tenant": tenant, "client": client_for(manager)}


def test_board_shows_tenants_in_their_stage_column(setting: dict) -> None:
    page = setting["client"].get(reverse("incubation:board"))
    assert page.status_code == 200
    columns = {column.stage: column for column in page.context["columns"]}
    assert [t.pk for t in columns[Stage.PRE].tenants] == [setting["tenant"].pk]
    assert f'data-testid="unreported-{setting["tenant"].pk}"' in page.content.decode()
    assert columns[Stage.INCUBATION].count == 0
    centre_board = setting["client"].get(reverse("incubation:centre_board", args=[setting["centre"].code]))
    assert centre_board.context["centre"] == setting["centre"]


def test_list_filters_and_exports_the_same_rows(setting: dict) -> None:
    make_tenant(incubator=setting["centre"], business_name="Bengkel Las Jaya")
    client = setting["client"]
    page = client.get(reverse("incubation:tenant_list"), {"q": "Tempe"})
    assert page.context["table"].paginator.count == 1
    export = client.get(reverse("incubation:tenant_export", args=["xlsx"]), {"q": "Tempe"})
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and "Keripik Tempe Bu Sri" in rows[1]
    assert client.get(reverse("incubation:tenant_export", args=["pdf"])).status_code == 404


def test_list_sorts_by_group_then_person_name_and_follows_renames(setting: dict) -> None:
    centre, client = setting["centre"], setting["client"]
    person_update(person=setting["tenant"].person, name="Budi Santoso")
    ani = make_tenant(incubator=centre, person=PersonFactory(name="Ani Lestari"))
    make_tenant(incubator=centre, person=PersonFactory(name="Cahya Putra"), group_name="KUB Maju")

    def names(sort: str) -> list[str]:
        table = client.get(reverse("incubation:tenant_list"), {"sort": sort}).context["table"]
        return [row.record.display_name for row in table.page.object_list]

    # One person before a group (no group name sorts first), then by the person's name; reversed as a whole.
    assert names("name") == ["Ani Lestari", "Budi Santoso", "KUB Maju"]
    assert names("-name") == ["KUB Maju", "Budi Santoso", "Ani Lestari"]
    person_update(person=ani.person, name="Zaenal Arifin")  # the copy the list sorts by follows (people.name_copies)
    assert names("name") == ["Budi Santoso", "Zaenal Arifin", "KUB Maju"]


def test_list_queries_flat_at_5_and_60_tenants(setting: dict) -> None:
    # The fixture's tenant is one of the first five.
    add = lambda n: [make_tenant(incubator=setting["centre"]) for _ in range(n)]  # noqa: E731
    assert_queries_flat(setting["client"], reverse("incubation:tenant_list"), add, small=4, large=59)


def test_profile_shows_business_and_masks_nik(setting: dict) -> None:
    page = setting["client"].get(reverse("incubation:tenant_detail", args=[setting["tenant"].pk]))
    html = page.content.decode()
    assert "Keripik Tempe Bu Sri" in html
    assert setting["tenant"].person.nik not in html
    assert page.context["finances"] is True


def test_coordinator_sees_profile_without_finances_and_dashboard_totals(setting: dict) -> None:
    tenant = setting["tenant"]
    services.report_submit(
        tenant=tenant, month=datetime.date(2026, 1, 1), revenue=7_654_321, costs=1, workers=4, customers=1, user=None
    )
    coordinator = client_for(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    page = coordinator.get(reverse("incubation:tenant_detail", args=[tenant.pk]))
    assert page.status_code == 200
    assert "7.654.321" not in page.content.decode()
    assert 'data-testid="finances-masked"' in page.content.decode()
    assert coordinator.get(reverse("incubation:report_create", args=[tenant.pk])).status_code == 404
    dashboard = coordinator.get(reverse("incubation:dashboard"))
    assert dashboard.context["figures"].jobs == 4 and dashboard.context["figures"].total == 1


def test_move_form_records_the_move_and_shows_a_blocked_gate(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    url = reverse("incubation:tenant_move", args=[tenant.pk])
    response = client.post(url, {"to_stage": Stage.INCUBATION, "reason": "Lolos seleksi"})
    assert response.status_code == 302
    tenant.refresh_from_db()
    assert tenant.stage == Stage.INCUBATION
    blocked = client.post(url, {"to_stage": Stage.POST, "reason": "Cepat"})
    assert blocked.status_code == 400
    assert "to_stage" in blocked.context["form"].errors
    assert Tenant.objects.get(pk=tenant.pk).stage == Stage.INCUBATION
    # A stage the machine has no move to is not offered.
    refused = client.post(url, {"to_stage": Stage.GRADUATED, "reason": "x"})
    assert refused.status_code == 400


def test_report_form_saves_and_names_bad_fields(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    url = reverse("incubation:report_create", args=[tenant.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"month": "2026-01", "revenue": "-5", "costs": "0", "workers": "2000", "customers": "3"})
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"revenue", "workers"}
    good = client.post(
        url, {"month": "2026-01", "revenue": "4500000", "costs": "2000000", "workers": "3", "customers": "30"}
    )
    assert good.status_code == 302
    report = MonthlyReport.objects.get(tenant=tenant)
    assert report.reported_by == setting["manager"] and report.revenue == 4_500_000
    again = client.post(url, {"month": "2026-01", "revenue": "1", "costs": "1", "workers": "1", "customers": "1"})
    assert "month" in again.context["form"].errors
    assert (
        client.post(
            url, {"month": "Januari", "revenue": "1", "costs": "1", "workers": "1", "customers": "1"}
        ).status_code
        == 400
    )


def test_session_with_actions_and_follow_ups(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    today = timezone.localdate()
    url = reverse("incubation:record_create", args=[tenant.pk, "session"])
    missing_due = client.post(url, {"date": today.isoformat(), "topic": "Pembukuan", "action_1": "Catat kas harian"})
    assert "due_1" in missing_due.context["form"].errors
    response = client.post(
        url,
        {
            "date": today.isoformat(),
            "topic": "Pembukuan sederhana",
            "notes": "Belum ada buku kas",
            "action_1": "Catat kas harian",
            "due_1": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    session = CoachingSession.objects.get(tenant=tenant)
    assert session.coach == setting["manager"]
    action = CoachingAction.objects.get(session=session)
    followups = client.get(reverse("incubation:followups"))
    assert list(followups.context["page"]) == [action]
    calendar = client.get(reverse("incubation:calendar"), {"month": f"{today:%Y-%m}"})
    assert calendar.context["days"][0][1]["sessions"] == [session]
    client.post(reverse("incubation:action_done", args=[tenant.pk, action.pk]), {"back": "followups"})
    action.refresh_from_db()
    assert action.done_on == today
    assert list(client.get(reverse("incubation:followups")).context["page"]) == []


def test_diagnosis_keeps_history(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    url = reverse("incubation:record_create", args=[tenant.pk, "diagnosis"])
    empty = client.post(url, {"date": "2026-01-10"})
    assert empty.status_code == 400
    client.post(url, {"date": "2026-01-10", "problem_bookkeeping": "3", "problem_market_access": "2"})
    client.post(url, {"date": "2026-04-10", "problem_bookkeeping": "1"})
    diagnoses = list(Diagnosis.objects.filter(tenant=tenant).order_by("date"))
    assert len(diagnoses) == 2
    assert {(p.area, p.severity) for p in diagnoses[0].problems.all()} == {("bookkeeping", 3), ("market_access", 2)}
    assert [p.severity for p in diagnoses[1].problems.all()] == [1]


@pytest.mark.parametrize(
    ("kind", "data", "model"),
    [
        ("licence", {"kind": "nib", "number": "9120001234567", "issued_on": "2026-01-05"}, Licence),
        ("milestone", {"kind": "business_plan", "title": "Rencana usaha", "due_on": "2026-03-01"}, Milestone),
        ("grant", {"programme": "tkm_pemula", "amount": "10000000", "received_on": "2025-06-01"}, Grant),
        (
            "loan",
            {
                "bank_name": "Koperasi",
                "scheme": "KUR",
                "amount": "25000000",
                "status": "applied",
                "applied_on": "2026-02-01",
            },
            Loan,
        ),
    ],
)
def test_records_are_added_from_the_profile(setting: dict, kind: str, data: dict, model: type) -> None:
    response = setting["client"].post(reverse("incubation:record_create", args=[setting["tenant"].pk, kind]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    assert model.objects.count() == 1


def test_milestone_achieved_and_readiness_next_step(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    milestone = services.milestone_create(tenant=tenant, kind="bank_account", title="Rekening usaha")
    page = client.get(reverse("incubation:tenant_detail", args=[tenant.pk]))
    assert page.context["next_step"].key == "nib"
    client.post(reverse("incubation:milestone_achieve", args=[tenant.pk, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.achieved_on is not None
    items = {
        item.key: item.done
        for item in client.get(reverse("incubation:tenant_detail", args=[tenant.pk])).context["readiness"]
    }
    assert items == {"nib": False, "pirt": False, "halal": False, "bookkeeping": False, "bank_account": True}


def test_dashboard_figures(setting: dict) -> None:
    centre, tenant = setting["centre"], setting["tenant"]
    other = make_tenant(incubator=centre)
    services.tenant_move(tenant=other, to_stage=Stage.DROPPED, user=None, reason="Pindah")
    today = timezone.localdate()
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    services.report_submit(tenant=tenant, month=last, revenue=3_000_000, costs=1, workers=5, customers=1, user=None)
    page = setting["client"].get(reverse("incubation:centre_dashboard", args=[centre.code]))
    figures = page.context["figures"]
    assert figures.total == 2 and figures.jobs == 5
    assert figures.graduation_rate == 0
    assert figures.revenue[-1] == 3_000_000
    assert figures.unreported == 0  # the dropped tenant is not chased for figures
    assert figures.growth is None  # nobody reported twelve months ago
    make_tenant(incubator=centre, joined_on=last)
    assert (
        setting["client"].get(reverse("incubation:centre_dashboard", args=[centre.code])).context["figures"].unreported
        == 1
    )


def test_growth_compares_the_same_tenants(setting: dict) -> None:
    centre, steady = setting["centre"], setting["tenant"]
    months = stages.last_months(timezone.localdate(), 12)
    services.report_submit(
        tenant=steady, month=months[0], revenue=2_000_000, costs=1, workers=1, customers=1, user=None
    )
    services.report_submit(
        tenant=steady, month=months[-1], revenue=3_000_000, costs=1, workers=1, customers=1, user=None
    )
    newcomer = make_tenant(incubator=centre)
    services.report_submit(
        tenant=newcomer, month=months[-1], revenue=9_000_000, costs=1, workers=1, customers=1, user=None
    )
    figures = setting["client"].get(reverse("incubation:dashboard")).context["figures"]
    assert figures.growth == 50  # the newcomer's revenue is not growth
    assert figures.revenue[-1] == 12_000_000


def test_entrepreneur_without_tenant_gets_a_clear_page() -> None:
    page = client_for(make_user(Role.ENTREPRENEUR)).get(reverse("incubation:mine"))
    assert page.status_code == 200 and 'data-testid="no-tenant"' in page.content.decode()


def test_business_details_are_corrected(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    url = reverse("incubation:record_create", args=[tenant.pk, "business"])
    assert client.get(url).context["form"].initial["name"] == "Keripik Tempe Bu Sri"
    data = {"name": "Keripik Tempe Sri Rejeki", "sector": "Industri makanan ringan", "kbli_code": "1079A",
            "legal_form": "ud", "workers": "4", "products": "Keripik tempe"}  # fmt: skip
    bad = client.post(url, data)
    assert "kbli_code" in bad.context["form"].errors
    assert client.post(url, {**data, "kbli_code": "10792"}).status_code == 302
    tenant.business.refresh_from_db()
    assert tenant.business.name == "Keripik Tempe Sri Rejeki" and tenant.business.workers == 4


def test_linking_the_entrepreneurs_account(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    owner = make_user(Role.ENTREPRENEUR, username="sri.rejeki")
    url = reverse("incubation:record_create", args=[tenant.pk, "account"])
    wrong = client.post(url, {"username": setting["manager"].username})  # not an entrepreneur
    assert "username" in wrong.context["form"].errors
    assert client.post(url, {"username": "sri.rejeki"}).status_code == 302
    tenant.refresh_from_db()
    assert tenant.entrepreneur == owner
    assert client_for(owner).get(reverse("incubation:mine")).url.endswith(f"/tenants/{tenant.pk}/")


def test_loan_status_changes(setting: dict) -> None:
    client, tenant = setting["client"], setting["tenant"]
    loan = services.loan_create(tenant=tenant, bank_name="BRI", amount=25_000_000, applied_on=datetime.date(2026, 2, 1))
    client.post(reverse("incubation:loan_status", args=[tenant.pk, loan.pk]), {"status": "disbursed"})
    loan.refresh_from_db()
    assert loan.status == "disbursed"
    client.post(reverse("incubation:loan_status", args=[tenant.pk, loan.pk]), {"status": "lost"})
    loan.refresh_from_db()
    assert loan.status == "disbursed"
