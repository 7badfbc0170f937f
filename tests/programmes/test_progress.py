"""Progress against targets: to date, expected by now, forecast, pace; who is furthest behind."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inkubator.core.roles import Role
from inkubator.programmes.indicators import INDICATORS
from inkubator.programmes.models import Programme
from inkubator.programmes.selectors import centres_behind_count, furthest_behind, progress_of, year_elapsed
from inkubator.programmes.services import target_set
from inkubator.regions.models import Province, Regency
from tests.factories import make_user
from tests.programmes.world import World

# One worker builds this module's world once (tests/README.md, "Group what shares an expensive fixture").
pytestmark = pytest.mark.xdist_group("programmes_progress")

JULY = datetime.date(2026, 7, 2)  # day 183 of 365: almost exactly half the year


def _programme(code: str) -> Programme:
    return Programme.objects.get(code=code)


def test_year_elapsed() -> None:
    assert year_elapsed(2026, datetime.date(2025, 12, 31)) == 0
    assert year_elapsed(2026, datetime.date(2027, 1, 1)) == 1
    assert year_elapsed(2026, datetime.date(2026, 12, 31)) == 1
    assert year_elapsed(2026, JULY) == pytest.approx(183 / 365)


def test_progress_of_a_flow(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    target = target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=60)
    progress = progress_of(target=target, user=admin, today=JULY)
    assert progress.actual == 24  # 21 trainees, and 3 laid-off workers of the service (world_service.py)
    assert progress.expected == pytest.approx(60 * 183 / 365)
    assert progress.forecast == round(24 / (183 / 365))
    assert progress.months_left == 6
    assert progress.pace_needed == pytest.approx((60 - 24) / 6)
    assert progress.status == "behind"  # 24 of ~30 expected: 80% (under 90%, over 60%)


def test_progress_of_a_stock_is_the_level_against_the_whole_target(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    target = target_set(
        user=admin, programme=_programme("incubators"), indicator="incubators_designated", year=2026, value=2
    )
    progress = progress_of(target=target, user=admin, today=JULY)
    assert (progress.actual, progress.expected, progress.forecast, progress.status) == (2, 2.0, 2, "reached")


def test_a_province_target_is_measured_in_that_province(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    target = target_set(
        user=admin,
        programme=_programme("blkk"),
        indicator="trainees_trained",
        year=2026,
        value=10,
        province=Province.objects.get(code="35"),
    )
    assert (
        progress_of(target=target, user=admin, today=JULY).actual == 6
    )  # 5 trainees, and a laid-off worker at the Surabaya incubator


def test_targets_are_one_per_indicator_year_and_place_and_only_the_ministry_sets_them(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=10)
    with pytest.raises(ValidationError, match="Region key ini"):
        target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=12)
    with pytest.raises(ValidationError, match="Indikator ini bukan bagian dari program yang dipilih") as error:
        target_set(user=admin, programme=_programme("tkm"), indicator="trainees_trained", year=2027, value=12)
    assert "indicator" in error.value.message_dict
    with pytest.raises(ValidationError, match="Kabupaten/kota tersebut tidak berada di provinsi yang dipilih") as error:
        target_set(
            user=admin,
            programme=_programme("blkk"),
            indicator="trainees_trained",
            year=2027,
            value=1,
            province=Province.objects.get(code="35"),
            regency=Regency.objects.get(code="32.16"),
        )
    assert "regency" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        target_set(
            user=make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
            programme=_programme("blkk"),
            indicator="trainees_trained",
            year=2028,
            value=1,
        )


def test_furthest_behind_shares_the_national_target_by_active_centres(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    # 5 active centres: Jawa Barat holds 3 (expects 30 of 50), Jawa Timur 1 (10), NTT 1 (10); equal ratios by code.
    target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=50)
    provinces, centres = furthest_behind(
        user=admin, indicator=INDICATORS["trainees_trained"], year=2026, today=datetime.date(2026, 12, 31)
    )
    assert [(p.code, p.actual, round(p.expected)) for p in provinces] == [("53", 0, 10), ("32", 18, 30), ("35", 6, 10)]
    assert centres[0].code in (world.centres["bekasi_b"].code, world.centres["kupang"].code)
    assert centres[0].actual == 0


@pytest.mark.parametrize("below", [0.5, 1.0, 2.0])
def test_the_homes_count_of_centres_behind_is_the_full_lists(world: World, below: float) -> None:
    """The to-do's count (no names, no sorting) counts exactly the centres ``furthest_behind`` lists."""
    admin = make_user(Role.MINISTRY_ADMIN)
    target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=50)
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    for user in (admin, coordinator):
        _provinces, centres = furthest_behind(
            user=user, indicator=INDICATORS["trainees_trained"], year=2026, today=JULY, limit=1000
        )
        counted = centres_behind_count(
            user=user, indicator=INDICATORS["trainees_trained"], year=2026, below=below, today=JULY
        )
        assert counted == sum(1 for centre in centres if centre.ratio < below)


def test_a_coordinator_sees_only_laggards_in_scope(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    target_set(user=admin, programme=_programme("blkk"), indicator="trainees_trained", year=2026, value=50)
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    provinces, centres = furthest_behind(
        user=coordinator, indicator=INDICATORS["trainees_trained"], year=2026, today=JULY
    )
    assert {p.code for p in provinces} == {"32"}
    assert {c.code for c in centres} <= {world.centres[k].code for k in ("bekasi_a", "bekasi_b", "kota_bekasi")}
