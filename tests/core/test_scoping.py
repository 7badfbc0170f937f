"""Each role sees exactly its scope, and nothing else (inkubator/core/scoping.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from inkubator.accounts.models import User
from inkubator.accounts.services import user_set_scope
from inkubator.centres.models import Centre
from inkubator.core import scoping
from inkubator.core.roles import Role
from inkubator.partners.models import Partner
from inkubator.programmes.models import Programme, Target
from inkubator.programmes.selectors import targets_for
from inkubator.regions.models import Regency
from tests.factories import CentreFactory, PartnerFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres() -> dict[str, Centre]:
    """Centres in Kab. Bekasi and Kota Bekasi (Jawa Barat), Kota Surabaya (Jawa Timur) and Kota Kupang (NTT)."""
    return {
        "kab_bekasi": CentreFactory(regency=Regency.objects.get(code="32.16")),
        "kota_bekasi": CentreFactory(regency=Regency.objects.get(code="32.75")),
        "surabaya": CentreFactory(regency=Regency.objects.get(code="35.78")),
        "kupang": CentreFactory(regency=Regency.objects.get(code="53.71")),
    }


def visible(user: object) -> set[str]:
    return set(Centre.objects.visible_to(user).values_list("code", flat=True))


def codes(*centres: Centre) -> set[str]:
    return {c.code for c in centres}


def test_ministry_admin_sees_every_centre(centres: dict[str, Centre]) -> None:
    assert visible(make_user(Role.MINISTRY_ADMIN)) == codes(*centres.values())


def test_coordinator_of_a_province_sees_its_centres_only(centres: dict[str, Centre]) -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    assert visible(user) == codes(centres["kab_bekasi"], centres["kota_bekasi"])


def test_coordinator_of_a_regency_sees_that_regency_only(centres: dict[str, Centre]) -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, regencies=["32.75"])
    assert visible(user) == codes(centres["kota_bekasi"])


def test_coordinator_with_a_province_and_a_regency_elsewhere_sees_both(centres: dict[str, Centre]) -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["53"], regencies=["35.78"])
    assert visible(user) == codes(centres["kupang"], centres["surabaya"])


def test_province_prefix_does_not_leak_into_a_longer_code(centres: dict[str, Centre]) -> None:
    # "3" must not match "35.78", and province "32" must not match a regency "3275" written without dot.
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    assert visible(user) == codes(centres["surabaya"])


def test_facilitator_sees_assigned_centres(centres: dict[str, Centre]) -> None:
    user = make_user(Role.FACILITATOR, centres=[centres["surabaya"], centres["kupang"]])
    assert visible(user) == codes(centres["surabaya"], centres["kupang"])


def test_centre_manager_sees_own_centre(centres: dict[str, Centre]) -> None:
    user = make_user(Role.CENTRE_MANAGER, centres=[centres["kota_bekasi"]])
    assert visible(user) == codes(centres["kota_bekasi"])


def test_entrepreneur_and_partner_see_no_centre_register(centres: dict[str, Centre]) -> None:
    partner = PartnerFactory()
    assert visible(make_user(Role.ENTREPRENEUR)) == set()
    assert visible(make_user(Role.PARTNER, partner=partner)) == set()


def test_partner_sees_own_organisation_only() -> None:
    own, other = PartnerFactory(), PartnerFactory()
    user = make_user(Role.PARTNER, partner=own)
    assert list(Partner.objects.visible_to(user)) == [own]
    assert other not in Partner.objects.visible_to(make_user(Role.ENTREPRENEUR))


def test_users_see_their_own_account_and_admins_all() -> None:
    alice, bob = make_user(Role.ENTREPRENEUR), make_user(Role.ENTREPRENEUR)
    admin = make_user(Role.MINISTRY_ADMIN)
    assert list(User.objects.visible_to(alice)) == [alice]
    assert {alice, bob, admin} <= set(User.objects.visible_to(admin))


def test_anonymous_and_inactive_users_see_nothing(centres: dict[str, Centre]) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    admin.is_active = False
    admin.save()
    assert visible(AnonymousUser()) == set()
    assert visible(admin) == set()
    assert visible(None) == set()


def test_scope_change_takes_effect_on_the_same_user_object(centres: dict[str, Centre]) -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    assert len(visible(user)) == 2
    user_set_scope(user=user, role=Role.REGIONAL_COORDINATOR, regencies=[Regency.objects.get(code="53.71")])
    assert visible(user) == codes(centres["kupang"])


def test_scope_costs_no_query_per_row(centres: dict[str, Centre], django_assert_max_num_queries) -> None:
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["32", "35"])
    user = User.objects.get(pk=user.pk)
    with django_assert_max_num_queries(3):  # provinces, regencies, then the centres themselves
        list(Centre.objects.visible_to(user))
    with django_assert_max_num_queries(1):  # the scope is cached on the user for the request
        list(Centre.objects.visible_to(user))


def test_a_coordinator_sees_the_accounts_assigned_to_centres_of_their_region_once(centres: dict[str, Centre]) -> None:
    both_bekasi = make_user(Role.FACILITATOR, centres=[centres["kab_bekasi"], centres["kota_bekasi"]])
    manager = make_user(Role.CENTRE_MANAGER, centres=[centres["kota_bekasi"]])
    make_user(Role.FACILITATOR, centres=[centres["surabaya"]])
    make_user(Role.FACILITATOR)  # assigned nowhere: nobody's region
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    assert list(User.objects.visible_to(coordinator).order_by("username")) == sorted(
        [both_bekasi, manager], key=lambda u: u.username
    )
    # Facilitators and managers see no other account through the centres they share.
    assert list(User.objects.visible_to(manager)) == []


def test_working_area_is_the_ministrys_everywhere_a_coordinators_region_and_nobody_elses() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    jabar = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    surabaya = make_user(Role.REGIONAL_COORDINATOR, regencies=["35.78"])
    assert scoping.working_area_q(admin) == Q()
    assert scoping.working_area_q(make_user(Role.FACILITATOR)) is None
    assert scoping.working_area_q(AnonymousUser()) is None
    assert set(Regency.objects.filter(scoping.working_area_q(surabaya)).values_list("code", flat=True)) == {"35.78"}
    in_jabar = Regency.objects.filter(scoping.working_area_q(jabar))
    assert in_jabar.count() == Regency.objects.filter(province_id="32").count()
    assert [scoping.in_working_area(jabar, code) for code in ("32", "32.16", "35", "35.78")] == [1, 1, 0, 0]
    # A coordinator of one city works in its province's page, not in the province's other cities.
    assert [scoping.in_working_area(surabaya, code) for code in ("35", "35.78", "35.15", "32")] == [1, 1, 0, 0]
    assert scoping.in_working_area(admin, "53.71") and not scoping.in_working_area(make_user(Role.ENTREPRENEUR), "32")


def test_targets_of_a_coordinator_are_those_of_their_places() -> None:
    programme = Programme.objects.get(code="blkk")

    def target(province: str | None, regency: str | None) -> Target:
        return Target.objects.create(
            programme=programme, indicator="trainees_trained", year=2026, value=10,
            province_id=province, regency_id=regency, region_key=regency or province or "",
        )  # fmt: skip

    national, jabar, bekasi, bekasi_alone, surabaya = (
        target(None, None), target("32", None), target("32", "32.16"), target(None, "32.75"), target(None, "35.78")
    )  # fmt: skip
    assert set(targets_for(user=make_user(Role.MINISTRY_ADMIN))) == {national, jabar, bekasi, bekasi_alone, surabaya}
    # A regency target counts for its province's coordinator whether or not it names the province.
    assert set(targets_for(user=make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))) == {
        jabar,
        bekasi,
        bekasi_alone,
    }
    assert set(targets_for(user=make_user(Role.REGIONAL_COORDINATOR, regencies=["32.16"]))) == {bekasi}
    assert set(targets_for(user=make_user(Role.FACILITATOR))) == set()
