"""The facilitator list (filters, export), and adding/editing a facilitator within the coordinator's region."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from inkubator.core.roles import Role
from inkubator.mentoring.models import Facilitator
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, make_user

from .factories import FacilitatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db: None) -> tuple[Facilitator, Facilitator]:
    return (
        FacilitatorFactory(name="Asep Bekasi", skill_incubator=False),
        FacilitatorFactory(name="Budi Surabaya", regency=Regency.objects.get(code="35.78")),
    )


def test_list_is_scoped_and_filtered(client: Client, team, korwil_jabar, admin) -> None:
    client.force_login(korwil_jabar)
    response = client.get(reverse("mentoring:facilitator_list"))
    assert [f.name for f in response.context["table"].data] == ["Asep Bekasi"]
    client.force_login(admin)
    assert len(client.get(reverse("mentoring:facilitator_list")).context["table"].data) == 2
    response = client.get(reverse("mentoring:facilitator_list"), {"skill": "incubator"})
    assert [f.name for f in response.context["table"].data] == ["Budi Surabaya"]
    response = client.get(reverse("mentoring:facilitator_list"), {"province": "35"})
    assert [f.name for f in response.context["table"].data] == ["Budi Surabaya"]
    response = client.get(reverse("mentoring:facilitator_list"), {"q": "asep"})
    assert [f.name for f in response.context["table"].data] == ["Asep Bekasi"]


def test_the_list_offers_new_facilitator_to_planners_and_the_form_has_its_trail(client: Client, korwil_jabar) -> None:
    client.force_login(korwil_jabar)
    listing = client.get(reverse("mentoring:facilitator_list")).content.decode()
    assert 'data-testid="facilitator-create"' in listing
    form = client.get(reverse("mentoring:facilitator_create")).content.decode()
    assert 'data-testid="facilitator-form"' in form and 'aria-label="breadcrumb"' in form
    assert reverse("mentoring:facilitator_list") in form


def test_export_holds_the_filtered_rows_without_home_coordinates(client: Client, team, korwil_jabar) -> None:
    client.force_login(korwil_jabar)
    response = client.get(reverse("mentoring:facilitator_export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "Asep Bekasi"
    assert not any("itude" in str(h) for h in rows[0])
    assert client.get(reverse("mentoring:facilitator_export", args=["pdf"])).status_code == 404


def test_create_defaults_home_to_the_regency_centroid_and_links_a_facilitator_user(
    client: Client, korwil_jabar
) -> None:
    # An account a coordinator may link works in their region: it is assigned a centre there.
    user = make_user(Role.FACILITATOR, centres=[CentreFactory(regency=Regency.objects.get(code="32.16"))])
    client.force_login(korwil_jabar)
    response = client.post(
        reverse("mentoring:facilitator_create"),
        {"name": "Citra", "user": user.pk, "regency": "32.16", "skill_management": "on",
         "capacity_centres": 6, "days_per_month": 12, "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    created = Facilitator.objects.get(name="Citra")
    bekasi = Regency.objects.get(code="32.16")
    assert (created.latitude, created.longitude) == (bekasi.latitude, bekasi.longitude)
    assert created.user == user and created.skills == {"management"}


def test_create_rejects_no_skill_and_a_regency_outside_the_region(client: Client, korwil_jabar) -> None:
    client.force_login(korwil_jabar)
    response = client.post(
        reverse("mentoring:facilitator_create"),
        {"name": "Dodi", "regency": "35.78", "capacity_centres": 5, "days_per_month": 10},
    )
    form = response.context["form"]
    assert set(form.errors) == {"regency", "skill_people_assets"}
    assert not Facilitator.objects.exists()


def test_edit_and_404_outside_the_region(client: Client, team, korwil_jabar) -> None:
    mine, theirs = team
    client.force_login(korwil_jabar)
    assert client.get(reverse("mentoring:facilitator_update", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("mentoring:facilitator_update", args=[mine.pk]),
        {"name": "Asep", "regency": "32.16", "skill_people_assets": "on", "capacity_centres": 8, "days_per_month": 10},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.capacity_centres, mine.active) == ("Asep", 8, False)


def test_account_choices_are_the_coordinators_region_only(client: Client, korwil_jabar, admin) -> None:
    jabar = make_user(Role.FACILITATOR, centres=[CentreFactory(regency=Regency.objects.get(code="32.16"))])
    jatim = make_user(Role.FACILITATOR, centres=[CentreFactory(regency=Regency.objects.get(code="35.78"))])
    unassigned = make_user(Role.FACILITATOR)
    client.force_login(korwil_jabar)
    offered = set(client.get(reverse("mentoring:facilitator_create")).context["form"].fields["user"].queryset)
    assert offered == {jabar}
    # Posting another region's account is refused like a value that does not exist.
    response = client.post(
        reverse("mentoring:facilitator_create"),
        {"name": "Eko", "user": jatim.pk, "regency": "32.16", "skill_management": "on",
         "capacity_centres": 6, "days_per_month": 12, "active": "on"},
    )  # fmt: skip
    assert set(response.context["form"].errors) == {"user"}
    assert not Facilitator.objects.filter(name="Eko").exists()
    client.force_login(admin)
    offered = set(client.get(reverse("mentoring:facilitator_create")).context["form"].fields["user"].queryset)
    assert {jabar, jatim, unassigned} <= offered


def test_editing_keeps_the_linked_account_among_the_choices(client: Client, korwil_jabar) -> None:
    linked = make_user(Role.FACILITATOR)  # linked by the ministry; assigned no centre of its own
    facilitator = FacilitatorFactory(name="Asep Bekasi", user=linked)
    client.force_login(korwil_jabar)
    form = client.get(reverse("mentoring:facilitator_update", args=[facilitator.pk])).context["form"]
    assert list(form.fields["user"].queryset) == [linked]
