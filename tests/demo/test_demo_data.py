"""``demo_data`` loads a realistic, deterministic dataset with one account per role.

The tests here load into an empty database; those that only read a load share one in
``test_small_demo.py``.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from pytest_django import DjangoDbBlocker

from inkubator.assessments.models import Assessment
from inkubator.centres.models import Centre
from inkubator.demo import assessments as demo_assessments
from inkubator.demo.generator import SIZES, demo_generate

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Centre.objects.order_by("code").values_list(
            "code", "name", "village_id", "latitude", "longitude", "cohort_year", "status", "address"
        )
    )


def explanations() -> list[tuple]:
    """Every assessment's explanation, by round and centre code (the ids differ between loads)."""
    return list(
        Assessment.objects.order_by("round__name", "centre__code").values_list(
            "round__name", "centre__code", "explanation"
        )
    )


def generated_then_undone(*, seed: int) -> tuple[list[tuple], list[tuple]]:
    """The register and explanations a demo load with ``seed`` writes; the load is then rolled back."""
    with transaction.atomic():
        demo_generate(size="small", seed=seed)
        register, explained = snapshot(), explanations()
        transaction.set_rollback(True)
    return register, explained


@pytest.fixture(scope="module")
def seed_7(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> tuple[list[tuple], list[tuple]]:
    """The register and explanations a load with seed 7 writes, loaded once for the module and undone."""
    with django_db_blocker.unblock():
        return generated_then_undone(seed=7)


@pytest.fixture
def register_seed_7(seed_7: tuple[list[tuple], list[tuple]]) -> list[tuple]:
    return seed_7[0]


# Both read the seed-7 register: one worker loads it for them (the command's test may run elsewhere).
@pytest.mark.xdist_group("demo_seed_7")
def test_small_demo_is_deterministic_and_consistent(
    seed_7: tuple[list[tuple], list[tuple]], monkeypatch: pytest.MonkeyPatch
) -> None:
    register_seed_7, explained_seed_7 = seed_7
    assert len(register_seed_7) == SIZES["small"]["centres"]
    assert not Centre.objects.exists()
    # This time the explanations are worked out by the worker process, as for the national size.
    monkeypatch.setattr(demo_assessments, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(demo_assessments, "EXPLAIN_CHUNK", 7)
    demo_generate(size="small", seed=7)
    assert snapshot() == register_seed_7
    assert explanations() == explained_seed_7
    assert sum(1 for *_, explanation in explained_seed_7 if explanation.get("target")) > 10
    for centre in Centre.objects.select_related("village", "district")[:50]:
        centre.full_clean()  # regions form one chain, coordinates inside Indonesia
        assert centre.district.regency_id == centre.regency_id


@pytest.mark.xdist_group("demo_seed_7")
def test_a_different_seed_gives_different_data(register_seed_7: list[tuple]) -> None:
    assert generated_then_undone(seed=2)[0] != register_seed_7


def test_command_loads_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_data", "--size", "small", "--seed", "3")
    count = Centre.objects.count()
    call_command("demo_data", "--size", "small", "--seed", "3")
    assert Centre.objects.count() == count
    assert "nothing loaded" in capsys.readouterr().out
