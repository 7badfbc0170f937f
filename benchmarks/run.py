"""``make bench``: figures at the national scale of DESIGN.md, printed with their ratio to the ceilings.

Runs against its own database: ``BENCH_DATABASE_URL`` (e.g. a PostgreSQL URL) or ``var/bench.sqlite3``.
It loads the regions and the national demo dataset once, then measures:

* the region load (first run vs. the idempotent second run);
* scoped pages through the full middleware stack (Django's test client, in process) for a ministry
  admin, a regional coordinator and a centre manager: requests/s and p50/p99, against the measured
  ceiling of ~340 requests/s per core for a scoped detail view (DESIGN.md, "Scale").

Tests never time things; this script is where speed is measured.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from inkubator.accounts.models import User  # noqa: E402
from inkubator.centres.models import Centre  # noqa: E402
from inkubator.regions.services import regions_load  # noqa: E402

DETAIL_CEILING_RPS = 340  # scoped detail view with full middleware, per core (DESIGN.md)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def timed(label: str, fn) -> object:  # noqa: ANN001
    started = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - started:8.2f} s")
    return result


def measure(client: Client, label: str, urls: list[str]) -> None:
    for url in urls[:20]:  # warm caches and connections
        client.get(url)
    durations = []
    for i in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(urls[i % len(urls)])
        durations.append(time.perf_counter() - started)
        assert response.status_code == 200, (url := urls[i % len(urls)], response.status_code)
    rps = len(durations) / sum(durations)
    p50 = statistics.median(durations) * 1000
    p99 = statistics.quantiles(durations, n=100)[98] * 1000
    print(
        f"{label:<58} {rps:8.0f} req/s  p50 {p50:5.1f} ms  p99 {p99:5.1f} ms  "
        f"({rps / DETAIL_CEILING_RPS:.2f}× ceiling {DETAIL_CEILING_RPS} req/s)"
    )


def once(client: Client, label: str, url: str) -> None:
    started = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, response.status_code)
    print(f"{label:<58} {time.perf_counter() - started:8.2f} s  ({len(body) / 1024:.0f} KB)")


def main() -> None:
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    timed("load_regions (first or repeated)", regions_load)
    timed("load_regions again (idempotent: read and compare)", regions_load)
    if not Centre.objects.exists():
        timed("demo_data --size national (4,300 centres)", lambda: call_command("demo_data", size="national", seed=1))
    codes = list(Centre.objects.order_by("code").values_list("code", flat=True)[:200])
    print(f"Centres: {Centre.objects.count():,}")
    for username in ("admin", "korwil", "pengelola"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        visible = list(Centre.objects.visible_to(user).order_by("code").values_list("code", flat=True)[:200])
        measure(client, f"centre profile as {username} ({user.role})", [f"/centres/{c}/" for c in visible or codes])
        measure(client, f"centre list page 1 as {username}", ["/centres/"])
        measure(client, f"home as {username}", ["/"])
        measure(client, f"API centre list (50 rows) as {username}", ["/api/v1/centres/"])
        if username != "pengelola":
            measure(client, f"completeness list as {username}", ["/centres/completeness/"])
            once(client, f"CSV export of every visible centre as {username}", "/centres/export.csv")
            once(client, f"XLSX export of every visible centre as {username}", "/centres/export.xlsx")


if __name__ == "__main__":
    main()
