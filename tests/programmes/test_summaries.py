"""Indicator summaries equal the live indicators for every indicator, level and role, and follow writes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inkubator.centres import services as centre_services
from inkubator.centres.models import Agreement, Centre
from inkubator.core import indicators as live
from inkubator.core.roles import Role
from inkubator.incubation.models import Business, Tenant
from inkubator.programmes.indicators import PUBLIC, available_indicators
from inkubator.programmes.models import IndicatorSummary, IndicatorSummaryState
from inkubator.programmes.summaries import LIVE, IndicatorReader, _scope_filter, summaries_refresh
from inkubator.regions.models import Regency
from inkubator.training.models import TrainingBatch
from tests.factories import CentreFactory, PartnerFactory, make_user
from tests.incubation.factories import make_tenant
from tests.programmes.world import World
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

# One worker builds this module's world once (tests/README.md, "Group what shares an expensive fixture").
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("programmes_summaries")]

YEARS = (None, 2025, 2026)
STAFF = ("admin", "korwil_32", "korwil_regency", "korwil_mixed", "manager", "facilitator")


def _users(world: World) -> dict[str, Any]:
    c = world.centres
    return {
        "admin": make_user(Role.MINISTRY_ADMIN),
        "korwil_32": make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        "korwil_regency": make_user(Role.REGIONAL_COORDINATOR, regencies=["35.78"]),
        "korwil_mixed": make_user(Role.REGIONAL_COORDINATOR, provinces=["53"], regencies=["32.16"]),
        "manager": make_user(Role.CENTRE_MANAGER, centres=[c["bekasi_a"]]),
        "facilitator": make_user(Role.FACILITATOR, centres=[c["bekasi_b"], c["surabaya"]]),
        "entrepreneur": make_user(Role.ENTREPRENEUR),
        "partner": make_user(Role.PARTNER, partner=PartnerFactory()),
        "public": PUBLIC,
    }


def _places() -> list[tuple[str, str]]:
    places = [("national", ""), ("province", "11")]
    places += [("province", code) for code in Centre.objects.values_list("province_id", flat=True).distinct()]
    places += [("regency", code) for code in Centre.objects.values_list("regency_id", flat=True).distinct()]
    places += [("regency", "32.16"), ("centre", "NO-SUCH-CENTRE")]
    # Centres in three provinces, the one made by the writes included (the newest), and two without rows.
    places += [("centre", code) for code in Centre.objects.order_by("-pk").values_list("code", flat=True)[:4]]
    return sorted(set(places))


def _assert_summaries_equal_live(users: dict[str, Any]) -> None:
    for name, user in users.items():
        reader = IndicatorReader(user)
        served_live = name not in STAFF and user is not PUBLIC and "manager" not in name
        places = [("national", "")] if served_live else _places()  # the others compute live: a spot check
        # What the reader served one indicator at a time, by (year, level, code): the pages' one-query
        # reads below must equal it (kept here rather than read again, which doubled this test's queries).
        totals: dict[tuple[Any, ...], dict[str, Any]] = {}
        breakdowns: dict[tuple[Any, ...], dict[str, Any]] = {}
        by_years: dict[tuple[str, str], dict[str, Any]] = {}
        for indicator in available_indicators():
            assert reader.summarised(indicator), indicator.code
            if not served_live:  # these are served from the summaries, not live
                assert _scope_filter(indicator, user) is not LIVE, (name, indicator.code)
            where = (name, indicator.code)
            for year in YEARS:
                for level, code in places:
                    total = reader.total(indicator, year=year, level=level, code=code)
                    assert total == live.indicator_total(indicator, user=user, year=year, level=level, code=code), (
                        *where,
                        year,
                        level,
                        code,
                    )
                    totals.setdefault((year, level, code), {})[indicator.code] = total
                    if level != "centre":
                        breakdown = reader.breakdown(indicator, year=year, level=level, code=code)
                        assert breakdown == live.indicator_breakdown(
                            indicator, user=user, year=year, level=level, code=code
                        ), (*where, year, level, code)
                        breakdowns.setdefault((year, level, code), {})[indicator.code] = breakdown
                assert reader.by_centre(indicator, year=year) == live.indicator_by_centre(
                    indicator, user=user, year=year
                ), (*where, year)
            for level, code in places:
                by_year = reader.by_year(indicator, level=level, code=code)
                assert by_year == live.indicator_by_year(indicator, user=user, level=level, code=code), (
                    *where,
                    level,
                    code,
                )
                if indicator.kind == "flow":
                    by_years.setdefault((level, code), {})[indicator.code] = by_year
        # What pages ask: every indicator in one query, the same figures as one by one.
        indicators = available_indicators()
        for level, code in places:
            assert reader.by_years(indicators, level=level, code=code) == by_years.get((level, code), {}), (
                name,
                level,
                code,
            )
            for year in YEARS:
                assert reader.totals(indicators, year=year, level=level, code=code) == totals[(year, level, code)], (
                    name,
                    year,
                    level,
                    code,
                )
                if level != "centre":
                    assert (
                        reader.breakdowns(indicators, year=year, level=level, code=code)
                        == breakdowns[(year, level, code)]
                    ), (name, year, level, code)


def _writes(world: World) -> None:
    """A sequence of changes touching every indicator's model: new rows, moved rows, deleted rows."""
    c = world.centres
    batch = BatchFactory(
        centre=c["bekasi_b"], start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 4, 24)
    )
    for status in ("employed", "self_employed"):
        OutcomeFactory(enrollment=EnrollmentFactory(batch=batch), status=status, wave=3)
    EnrollmentFactory(batch=batch, status="dropped")
    # A batch moves to another centre in another regency/city: its rows change place.
    TrainingBatch.objects.filter(centre=c["kota_bekasi"]).update(centre=c["surabaya"], regency_id="35.78")
    new = CentreFactory(regency=Regency.objects.get(code="53.71"))
    Centre.objects.filter(pk=new.pk).update(is_incubator=True, cluster="berdaya")
    Centre.objects.filter(pk=c["kupang"].pk).update(cluster="berdaya")
    Agreement.objects.filter(centre=c["kupang"]).delete()
    centre_services.agreement_create(
        centre=new, number="PKS/NTT/1", signed_on=datetime.date(2025, 9, 1), subject="Pendampingan"
    )
    tenant = make_tenant(incubator=new, business={"workers": 12})
    Tenant.objects.filter(pk=tenant.pk).update(stage="post_incubation")
    Business.objects.filter(tenant__incubator=c["surabaya"]).update(workers=9)
    Tenant.objects.filter(incubator=c["bekasi_a"], stage="dropped").update(stage="graduated")


def test_summaries_equal_the_live_indicators_for_every_indicator_level_and_role(world: World) -> None:
    users = _users(world)
    summaries_refresh()
    _assert_summaries_equal_live({name: users[name] for name in ("admin", "korwil_mixed", "facilitator", "public")})
    _writes(world)
    summaries_refresh()
    newest = Centre.objects.order_by("-pk").first()  # the incubator made by the writes
    _assert_summaries_equal_live({**users, "new_manager": make_user(Role.CENTRE_MANAGER, centres=[newest])})


def test_a_stale_or_missing_summary_is_never_served(world: World) -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    trained = next(i for i in available_indicators() if i.code == "trainees_trained")
    live_value = live.indicator_total(trained, user=admin, year=2026)
    assert IndicatorReader(admin).total(trained, year=2026) == live_value  # nothing summarised: live
    summaries_refresh()
    # Rows that no longer match the definition (another definition's fingerprint): read live, not these.
    IndicatorSummary.objects.filter(indicator=trained.code).update(value=999)
    assert (
        IndicatorReader(admin).total(trained, year=2026)
        == 999 * IndicatorSummary.objects.filter(indicator=trained.code, year=2026).count()
    )
    IndicatorSummaryState.objects.filter(pk=trained.code).update(definition="another")
    assert IndicatorReader(admin).total(trained, year=2026) == live_value
    assert IndicatorReader(admin).as_of() is None  # one indicator is live: the page says "just now"


def test_a_write_reaches_the_dashboards_within_one_refresh(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    summaries_refresh()
    admin = make_user(Role.MINISTRY_ADMIN)
    manager = make_user(Role.CENTRE_MANAGER, centres=[world.centres["kupang"]])
    client.force_login(admin)

    def signed(user: Any, level: str = "national", code: str = "") -> tuple[int, datetime.datetime]:
        client.force_login(user)
        url = reverse("dashboards:national") if level == "national" else reverse("dashboards:place", args=[level, code])
        board = client.get(url, {"year": 2026}).context["board"]
        return next(f.value for f in board.figures if f.indicator.code == "agreements_signed"), board.as_of

    before, as_of = signed(admin)
    kupang_before, _ = signed(manager, "centre", world.centres["kupang"].code)
    written = timezone.now()
    # The service's audit entry asks for a refresh once the transaction commits (the task runs inline in tests).
    with django_capture_on_commit_callbacks(execute=True):
        centre_services.agreement_create(
            centre=world.centres["kupang"], number="PKS/NTT/9", signed_on=datetime.date(2026, 5, 1), subject="Magang"
        )
    after, as_of_after = signed(admin)
    assert after == before + 1 and as_of_after >= written > as_of
    assert signed(manager, "centre", world.centres["kupang"].code)[0] == kupang_before + 1
    assert signed(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))[0] == 1  # Bekasi's 2026 agreement only
    page = client.get(reverse("dashboards:home"))
    assert 'data-testid="figures-as-of"' in page.content.decode() and page.context["as_of"] == as_of_after
    assert IndicatorReader(PUBLIC).as_of() == as_of_after


def test_the_worker_gets_one_refresh_per_window_and_one_periodic_chain(settings: Any) -> None:
    """With the database queue: writes in one window queue one refresh at its end; the periodic chain is single."""
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    from inkubator.programmes import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete_many([tasks.SOON_KEY, tasks.CHAIN_KEY])
    assert tasks._defers()
    before = timezone.now()
    tasks._refresh_soon()
    tasks._refresh_soon()  # a second write of the same window: already covered
    assert tasks.schedule_refresh() is True
    assert tasks.schedule_refresh() is False  # a chain is queued: no second one
    queued = list(DBTaskResult.objects.filter(task_path__endswith="summaries_refresh_task").order_by("run_after"))
    assert len(queued) == 2
    soon, periodic = queued
    assert soon.args_kwargs["kwargs"] in ({}, {"periodic": False})
    assert periodic.args_kwargs["kwargs"] == {"periodic": True}
    assert before < soon.run_after < periodic.run_after


def test_cached_figures_follow_a_change_of_scope(world: World) -> None:
    """Batch figures are kept in the shared cache per scope: a coordinator moved to another province, or
    a facilitator given another centre, is never answered from the figures of the old scope."""
    from inkubator.core.scoping import forget_scope
    from inkubator.regions.models import Province

    summaries_refresh()
    indicators = available_indicators()
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    facilitator = make_user(Role.FACILITATOR, centres=[world.centres["bekasi_b"]])
    for user in (coordinator, facilitator):
        IndicatorReader(user).totals(indicators, year=2026)  # now in the cache
    coordinator.provinces.set([Province.objects.get(code="35")])
    facilitator.centres.add(world.centres["surabaya"])
    for user in (coordinator, facilitator):
        forget_scope(user)
        totals = IndicatorReader(user).totals(indicators, year=2026)
        assert totals == {i.code: live.indicator_total(i, user=user, year=2026) for i in indicators}, user.role
