"""Plans: built by hand or proposed from clusters, optimised, changed by hand, re-optimised, activated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from inkubator.centres.choices import MentoringFocus
from inkubator.mentoring.models import Assignment, Plan, PlanCentre
from inkubator.mentoring.services import plan_optimise, plan_set_status

from .conftest import centre_in
from .factories import FacilitatorFactory, make_plan

pytestmark = pytest.mark.django_db


def test_build_a_plan_by_hand(client: Client, bekasi, bandung, surabaya, korwil_jabar) -> None:
    client.force_login(korwil_jabar)
    page = client.get(reverse("mentoring:plan_create"), {"cluster": "binaan"})
    assert [c.pk for c in page.context["candidates"]] == [bekasi.pk]  # Surabaya is outside, Bandung mandiri
    response = client.post(
        reverse("mentoring:plan_create"),
        {"name": "Pendampingan Jabar 2026", "period_start": "2026-02-01", "period_end": "2026-07-31",
         "centre": [bekasi.pk, bandung.pk, surabaya.pk]},
    )  # fmt: skip
    plan = Plan.objects.get()
    assert response.status_code == 302
    entries = {e.centre: (e.cluster, e.focus, e.priority) for e in plan.entries.all()}
    # Surabaya is not the coordinator's: silently not taken. Focus and priority follow the cluster.
    assert entries == {
        bekasi: ("binaan", MentoringFocus.PEOPLE_ASSETS, 1),
        bandung: ("mandiri", MentoringFocus.INCUBATOR, 3),
    }
    assert plan.created_by == korwil_jabar


def test_a_plan_needs_centres_and_a_sane_period(client: Client, korwil_jabar) -> None:
    client.force_login(korwil_jabar)
    response = client.post(
        reverse("mentoring:plan_create"), {"name": "Kosong", "period_start": "2026-02-01", "period_end": "2026-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"]
    response = client.post(
        reverse("mentoring:plan_create"), {"name": "Kosong", "period_start": "2026-02-01", "period_end": "2026-03-01"}
    )
    assert response.context["form"].non_field_errors() == [_("Choose at least one centre for the plan.")]
    assert not Plan.objects.exists()


def test_propose_a_plan_from_clusters(client: Client, admin) -> None:
    binaan = [centre_in("32.16", "binaan", cohort_year=2019 + i) for i in range(3)]
    mandiri = [centre_in("35.78", "mandiri", cohort_year=2020) for _ in range(2)]
    client.force_login(admin)
    response = client.post(
        reverse("mentoring:plan_propose"),
        {"name": "Usulan", "period_start": "2026-01-01", "period_end": "2026-06-30",
         "binaan": 2, "berdaya": 1, "mandiri": 5},
    )  # fmt: skip
    assert response.status_code == 302
    plan = Plan.objects.get()
    chosen = set(plan.entries.values_list("centre", flat=True))
    # The two oldest binaan, both mandiri; no berdaya exists.
    assert chosen == {binaan[0].pk, binaan[1].pk, *(c.pk for c in mandiri)}


def run(client: Client, plan: Plan) -> None:
    response = client.post(reverse("mentoring:plan_optimise", args=[plan.pk]))
    assert response.status_code == 302


def test_optimise_move_by_hand_and_reoptimise_keeps_the_override(client: Client, admin) -> None:
    centres = [centre_in("32.16", "berdaya") for _ in range(3)] + [centre_in("35.78", "berdaya") for _ in range(2)]
    near = FacilitatorFactory(name="Bekasi", capacity_centres=4)
    far = FacilitatorFactory(name="Surabaya", regency=centres[-1].regency, capacity_centres=4)
    plan = make_plan(centres, user=admin)
    client.force_login(admin)
    run(client, plan)
    got = {a.plan_centre.centre: a.facilitator for a in Assignment.objects.filter(plan=plan)}
    assert got == {**dict.fromkeys(centres[:3], near), **dict.fromkeys(centres[3:], far)}
    plan.refresh_from_db()
    assert plan.total_km is not None and plan.greedy_km >= plan.total_km

    entry = PlanCentre.objects.get(plan=plan, centre=centres[0])
    response = client.post(
        reverse("mentoring:plan_entry", args=[plan.pk, entry.pk]), {"focus": "management", "facilitator": far.pk}
    )
    assert response.status_code == 302
    run(client, plan)
    moved = Assignment.objects.get(plan_centre=entry)
    assert (moved.facilitator, moved.is_manual) == (far, True)
    assert moved.travel_km > Decimal(500)  # Surabaya to Bekasi by road
    page = client.get(reverse("mentoring:plan_detail", args=[plan.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="manual-badge"') == 1
    assert page.content.decode().count('data-testid="map-centre"') == 5

    # "Leave to the optimiser" releases it; the next run gives it back to the near facilitator.
    client.post(reverse("mentoring:plan_entry", args=[plan.pk, entry.pk]), {"focus": "management", "facilitator": ""})
    run(client, plan)
    assert Assignment.objects.get(plan_centre=entry).facilitator == near


def test_a_manual_move_respects_skill_and_capacity(client: Client, admin, bekasi, bandung) -> None:
    busy = FacilitatorFactory(capacity_centres=1)
    manager_only = FacilitatorFactory(skill_people_assets=False, skill_incubator=False)
    plan = make_plan([bekasi, bandung])
    client.force_login(admin)
    first, second = plan.entries.order_by("pk")
    client.post(
        reverse("mentoring:plan_entry", args=[plan.pk, first.pk]), {"focus": first.focus, "facilitator": busy.pk}
    )
    response = client.post(
        reverse("mentoring:plan_entry", args=[plan.pk, second.pk]), {"focus": second.focus, "facilitator": busy.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["facilitator"] == [
        _("%(name)s already mentors %(count)s centres, their capacity.") % {"name": busy.name, "count": 1}
    ]
    # A facilitator without the skill is not even offered.
    response = client.post(
        reverse("mentoring:plan_entry", args=[plan.pk, second.pk]),
        {"focus": second.focus, "facilitator": manager_only.pk},
    )
    assert response.context["form"].errors["facilitator"]
    assert Assignment.objects.filter(plan=plan).count() == 1


def test_too_small_a_team_says_what_is_short(client: Client, admin) -> None:
    centres = [centre_in("32.16", "berdaya") for _ in range(3)]
    FacilitatorFactory(capacity_centres=2, skill_management=False)
    FacilitatorFactory(capacity_centres=2, skill_people_assets=False, skill_incubator=False)
    plan = make_plan(centres)
    client.force_login(admin)
    response = client.post(reverse("mentoring:plan_optimise", args=[plan.pk]), follow=True)
    text = response.content.decode()
    expected = _("%(centres)s centres need %(foci)s but facilitators with that skill have %(places)s places left.") % {
        "centres": 3,
        "foci": f"'{MentoringFocus.MANAGEMENT.label}'",
        "places": 2,
    }
    assert escape(expected) in text
    assert not Assignment.objects.filter(plan=plan).exists()


def test_activation_needs_every_centre_assigned(client: Client, admin, bekasi) -> None:
    FacilitatorFactory()
    plan = make_plan([bekasi])
    client.force_login(admin)
    client.post(reverse("mentoring:plan_status", args=[plan.pk]), {"status": "active"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    plan_optimise(plan=plan, user=admin)
    client.post(reverse("mentoring:plan_status", args=[plan.pk]), {"status": "active"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE


def test_a_plan_closed_meanwhile_is_not_activated_again_from_a_stale_page(client: Client, admin, bekasi) -> None:
    FacilitatorFactory()
    plan = make_plan([bekasi])
    plan_optimise(plan=plan, user=admin)
    stale = Plan.objects.get(pk=plan.pk)  # the page showing the draft, with its "Activate" button
    plan_set_status(plan=plan, status=Plan.Status.CLOSED)
    with pytest.raises(ValidationError, match="tidak dapat menjadi Aktif"):
        plan_set_status(plan=stale, status=Plan.Status.ACTIVE)
    client.force_login(admin)
    page = client.post(reverse("mentoring:plan_status", args=[plan.pk]), {"status": "active"}, follow=True)
    assert "tidak dapat menjadi" in page.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CLOSED


def test_other_active_plans_use_up_capacity(admin, bekasi, bandung) -> None:
    one = FacilitatorFactory(capacity_centres=1)
    first = make_plan([bekasi])
    plan_optimise(plan=first, user=admin)
    plan_set_status(plan=first, status=Plan.Status.ACTIVE)
    second = make_plan([bandung])
    with pytest.raises(ValidationError, match="membutuhkan 'Program inkubator'"):
        plan_optimise(plan=second, user=admin)
    assert Assignment.objects.get(plan=first).facilitator == one


def test_whatif_page_shows_table_and_chart_data(client: Client, admin) -> None:
    centres = [centre_in("32.16", "binaan") for _ in range(4)]
    FacilitatorFactory.create_batch(3)
    plan = make_plan(centres)
    client.force_login(admin)
    response = client.get(reverse("mentoring:plan_whatif", args=[plan.pk]), {"capacity": 1})
    assert response.status_code == 200
    rows = [row for row, _by_focus in response.context["rows"]]
    assert [(r.facilitators, r.covered) for r in rows] == [(3, 3)]
    assert 'id="whatif-data"' in response.content.decode()
    bad = client.get(reverse("mentoring:plan_whatif", args=[plan.pk]), {"capacity": 0})
    assert bad.context["form"].errors["capacity"] and not bad.context["rows"]
