"""``demo_data`` loads a realistic, deterministic dataset with one account per role."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from inkubator.accounts.models import User
from inkubator.centres.choices import HostKind
from inkubator.centres.models import Asset, Centre, CentreField, HostInstitution, Staff
from inkubator.core.roles import Role
from inkubator.demo.accounts import DEMO_PASSWORD
from inkubator.demo.generator import SIZES, demo_generate

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Centre.objects.order_by("code").values_list(
            "code", "name", "village_id", "latitude", "longitude", "cohort_year", "status", "address"
        )
    )


def generated_then_undone(*, seed: int) -> list[tuple]:
    """The register a demo load with ``seed`` writes; the load is then rolled back, every app's rows with it."""
    with transaction.atomic():
        demo_generate(size="small", seed=seed)
        register = snapshot()
        transaction.set_rollback(True)
    return register


def test_small_demo_is_deterministic_and_consistent() -> None:
    first = generated_then_undone(seed=7)
    assert len(first) == SIZES["small"]["centres"]
    assert not Centre.objects.exists()
    demo_generate(size="small", seed=7)
    assert snapshot() == first
    for centre in Centre.objects.select_related("village", "district")[:50]:
        centre.full_clean()  # regions form one chain, coordinates inside Indonesia
        assert centre.district.regency_id == centre.regency_id


def test_a_different_seed_gives_different_data() -> None:
    assert generated_then_undone(seed=1) != generated_then_undone(seed=2)


def test_one_account_per_role_that_can_sign_in() -> None:
    demo_generate(size="small", seed=1)
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
    manager = User.objects.get(username="pengelola")
    assert manager.centres.count() == 1
    assert Centre.objects.visible_to(User.objects.get(username="korwil")).exists()


def test_command_loads_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_data", "--size", "small", "--seed", "3")
    count = Centre.objects.count()
    call_command("demo_data", "--size", "small", "--seed", "3")
    assert Centre.objects.count() == count
    assert "nothing loaded" in capsys.readouterr().out


def test_the_register_looks_like_the_programme() -> None:
    demo_generate(size="small", seed=1)
    centres = Centre.objects.count()
    hosts = HostInstitution.objects
    assert hosts.filter(kind=HostKind.PESANTREN).count() > 0.7 * centres  # most hosts are pesantren
    assert hosts.filter(kind=HostKind.UNION).exists()
    java = Centre.objects.filter(province_id__in=["31", "32", "33", "34", "35", "36"]).count()
    assert java > 0.5 * centres
    assert set(Centre.objects.values_list("cohort_year", flat=True)) <= set(range(2017, 2025))
    assert CentreField.objects.filter(field__code="tik").count() == max(
        CentreField.objects.filter(field__code=code).count() for code in ["tik", "menjahit", "otomotif", "las"]
    )
    assert Staff.objects.filter(role="instructor", field__isnull=True).count() == 0
    assert Asset.objects.filter(source="partner", partner__isnull=True).count() == 0
    assert (
        Centre.objects.filter(is_incubator=True, cluster="mandiri").count()
        == Centre.objects.filter(is_incubator=True).count()
        > 0
    )
