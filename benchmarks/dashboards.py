"""``make bench``: each dashboard's time against the plain SQL that computes the same figures.

Runs on the benchmark database of ``benchmarks/run.py`` (``BENCH_DATABASE_URL``, e.g. PostgreSQL, or
``var/bench.sqlite3``) and loads the national demo dataset there if it is empty. For each dashboard
(national, a province, a regency/city, a centre; as the ministry and as a coordinator) it times the
selector that builds the page's figures (``dashboard_build``: one grouped query per indicator plus
trends and names) and the hand-written SQL for the same breakdowns and trends, and prints the median,
the p95 and their ratio (DESIGN.md target: within 1.5× of plain SQL, p95 < 150 ms). It also times the
whole page through Django's test client. Tests never time things; this script does.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from benchline import bench, slug  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from inkubator.accounts.models import User  # noqa: E402
from inkubator.centres.models import Centre  # noqa: E402
from inkubator.dashboards.selectors_national import dashboard_build, place_get  # noqa: E402
from inkubator.regions.services import regions_load  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
YEAR = int(os.environ.get("BENCH_YEAR", "2025"))

# The rows of each indicator, by hand: FROM/JOIN/WHERE and what is added up; ``r`` is the regency row.
SOURCES: dict[str, tuple[str, str]] = {
    "incubators_designated": ("centres_centre x JOIN regions_regency r ON r.code = x.regency_id WHERE x.is_incubator", "COUNT(*)"),
    "centres_binaan": ("centres_centre x JOIN regions_regency r ON r.code = x.regency_id WHERE x.cluster = 'binaan'", "COUNT(*)"),
    "centres_berdaya": ("centres_centre x JOIN regions_regency r ON r.code = x.regency_id WHERE x.cluster = 'berdaya'", "COUNT(*)"),
    "centres_mandiri": ("centres_centre x JOIN regions_regency r ON r.code = x.regency_id WHERE x.cluster = 'mandiri'", "COUNT(*)"),
    "agreements_signed": ("centres_agreement a JOIN centres_centre x ON x.id = a.centre_id JOIN regions_regency r ON r.code = x.regency_id WHERE a.signed_on BETWEEN %(start)s AND %(end)s", "COUNT(*)"),
    "trainees_enrolled": ("training_enrollment e JOIN training_trainingbatch b ON b.id = e.batch_id JOIN regions_regency r ON r.code = b.regency_id WHERE b.end_date BETWEEN %(start)s AND %(end)s", "COUNT(*)"),
    "trainees_trained": ("training_enrollment e JOIN training_trainingbatch b ON b.id = e.batch_id JOIN regions_regency r ON r.code = b.regency_id WHERE b.end_date BETWEEN %(start)s AND %(end)s AND e.status = 'completed'", "COUNT(*)"),
    "graduates_employed": ("training_enrollment e JOIN training_trainingbatch b ON b.id = e.batch_id JOIN regions_regency r ON r.code = b.regency_id JOIN training_outcome o ON o.enrollment_id = e.id AND o.status = 'employed' WHERE b.end_date BETWEEN %(start)s AND %(end)s AND e.status = 'completed'", "COUNT(DISTINCT e.id)"),
    "graduates_self_employed": ("training_enrollment e JOIN training_trainingbatch b ON b.id = e.batch_id JOIN regions_regency r ON r.code = b.regency_id JOIN training_outcome o ON o.enrollment_id = e.id AND o.status = 'self_employed' WHERE b.end_date BETWEEN %(start)s AND %(end)s AND e.status = 'completed'", "COUNT(DISTINCT e.id)"),
    "tenants_incubated": ("incubation_tenant t JOIN regions_regency r ON r.code = t.regency_id WHERE t.stage IN ('pre_incubation', 'incubation', 'post_incubation')", "COUNT(*)"),
    "tenants_graduated": ("incubation_tenant t JOIN regions_regency r ON r.code = t.regency_id WHERE t.stage = 'graduated'", "COUNT(*)"),
    "jobs_created": ("incubation_tenant t JOIN incubation_business z ON z.tenant_id = t.id JOIN regions_regency r ON r.code = t.regency_id WHERE t.stage <> 'dropped'", "SUM(z.workers)"),
}  # fmt: skip
TRENDS = {
    "trainees_enrolled": "", "trainees_trained": " AND e.status = 'completed'",
    "graduates_employed": " AND e.status = 'completed' AND EXISTS (SELECT 1 FROM training_outcome o WHERE o.enrollment_id = e.id AND o.status = 'employed')",
    "graduates_self_employed": " AND e.status = 'completed' AND EXISTS (SELECT 1 FROM training_outcome o WHERE o.enrollment_id = e.id AND o.status = 'self_employed')",
}  # fmt: skip
CENTRE_COLUMN = {"x": "x.id", "e": "b.centre_id", "t": "t.incubator_id"}


def plain_sql(level: str, code: str, province_codes: list[str] | None) -> Callable[[], None]:
    """The hand-written queries of one dashboard: each indicator's breakdown, and the yearly trends."""
    params = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "code": code}
    scope = ""
    if province_codes:  # a coordinator: only their provinces
        params["provinces"] = list(province_codes)
        scope = (
            " AND r.province_id = ANY(%(provinces)s)"
            if connection.vendor == "postgresql"
            else " AND r.province_id IN (" + ",".join(f"'{p}'" for p in province_codes) + ")"
        )
    statements = []
    for sql_from, total in SOURCES.values():
        alias = sql_from.split(" ", 2)[1]
        centre = CENTRE_COLUMN.get(alias, "x.id") if alias in CENTRE_COLUMN else "x.id"
        key, where = {
            "national": ("r.province_id", ""),
            "province": ("r.code", " AND r.province_id = %(code)s"),
            "regency": (centre, " AND r.code = %(code)s"),
            "centre": ("1", f" AND {centre} = (SELECT id FROM centres_centre WHERE code = %(code)s)"),
        }[level]
        statements.append(f"SELECT {key}, {total} FROM {sql_from}{where}{scope} GROUP BY {key}")
    for condition in TRENDS.values():
        where = {"national": "", "province": " AND r.province_id = %(code)s", "regency": " AND r.code = %(code)s",
                 "centre": " AND b.centre_id = (SELECT id FROM centres_centre WHERE code = %(code)s)"}[level]  # fmt: skip
        year = "EXTRACT(YEAR FROM b.end_date)" if connection.vendor == "postgresql" else "strftime('%%Y', b.end_date)"
        statements.append(
            f"SELECT {year}, COUNT(*) FROM training_enrollment e JOIN training_trainingbatch b ON b.id = e.batch_id "
            f"JOIN regions_regency r ON r.code = b.regency_id WHERE 1 = 1{condition}{where}{scope} GROUP BY 1"
        )

    def run() -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()

    return run


def timings(fn: Callable[[], object]) -> tuple[float, float]:
    fn()  # warm caches
    durations = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(durations, n=20)[18] if len(durations) >= 2 else durations[0]
    return statistics.median(durations), p95


def main() -> None:
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}), year {YEAR}, {REPEATS} runs each")
    call_command("migrate", verbosity=0)
    regions_load()
    if not Centre.objects.exists():
        started = time.perf_counter()
        call_command("demo_data", size="national", seed=1)
        print(f"demo_data --size national: {time.perf_counter() - started:.0f} s")
    admin, korwil = User.objects.get(username="admin"), User.objects.get(username="korwil")
    centre = Centre.objects.filter(province_id="35").order_by("code").first()
    cases = [
        ("national as admin", admin, "national", "", None),
        ("province 35 as admin", admin, "province", "35", None),
        (f"regency {centre.regency_id} as admin", admin, "regency", centre.regency_id, None),
        (f"centre {centre.code} as admin", admin, "centre", centre.code, None),
        ("national as korwil (32, 36)", korwil, "national", "", ["32", "36"]),
    ]
    print(
        f"{'dashboard':<36} {'selector p50/p95 ms':>20} {'plain SQL p50/p95 ms':>22} {'ratio':>6} {'page p50 ms':>12}"
    )
    for label, user, level, code, provinces in cases:
        place = place_get(user=user, level=level, code=code)
        built = timings(lambda: dashboard_build(user=user, place=place, year=YEAR))  # noqa: B023
        plain = timings(plain_sql(level, code, provinces))
        client = Client()
        client.force_login(user)
        url = "/dashboard/" if level == "national" else f"/dashboard/{level}/{code}/"
        page = timings(lambda: client.get(url, {"year": YEAR}))  # noqa: B023
        print(f"{label:<36} {built[0]:9.1f} /{built[1]:7.1f} {plain[0]:11.1f} /{plain[1]:7.1f} "
              f"{built[0] / plain[0]:6.2f} {page[0]:12.1f}")  # fmt: skip
        name = f"dashboard_{slug(label)}"
        bench(f"{name}_selector_p95", built[1], "ms", "<150")
        bench(f"{name}_plain_sql_p95", plain[1], "ms")
        bench(f"{name}_selector_over_plain_sql", built[0] / plain[0], "x", "<=1.5")
        bench(f"{name}_page_p50", page[0], "ms", "<150")
    client = Client()
    public = timings(lambda: client.get("/public/", {"year": YEAR}))
    print(f"{'public dashboard (cached 5 min)':<36} {'':>20} {'':>22} {'':>6} {public[0]:12.1f}")
    bench("dashboard_public_page_p50", public[0], "ms", "<150")


if __name__ == "__main__":
    main()
