"""``make bench``: ranking offers for a tenant's page, and the nightly re-rank of every tenant.

Runs on the benchmark database of ``benchmarks/run.py`` (``BENCH_DATABASE_URL``, e.g. PostgreSQL, or
``var/bench.sqlite3``), loading the national demo there if it is empty, and the demo's offers and
matches (``inkubator.demo.matching``: 500 offers nationally) if that database was loaded before the
matching app existed. Figures (issue 13):

* ``matching_tenant_ranking_p50/_p95`` ms: every open offer ranked with its reasons for one tenant
  (``selectors.ranked_offers``: the tenant's facts, the offers, the ranking), over a sample of
  tenants still in incubation (goal p95 < 100 ms);
* ``matching_tenant_page_p95`` ms: the whole page through Django's test client, as the ministry (goal p95
  < 100 ms, issue 13);
* ``matching_rerank_national`` s: ``services.suggestions_rerank``, every tenant in incubation
  against every open offer, keeping each tenant's best three (goal < 300 s);
* ``matching_offers`` and ``matching_tenants_ranked``: what was ranked (reference).
"""

from __future__ import annotations

import os
import random
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

from benchline import bench  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from faker import Faker  # noqa: E402

from inkubator.accounts.models import User  # noqa: E402
from inkubator.centres.models import Centre  # noqa: E402
from inkubator.incubation.models import Tenant  # noqa: E402
from inkubator.incubation.stages import OPEN_STAGES  # noqa: E402
from inkubator.matching import selectors, services  # noqa: E402
from inkubator.matching.models import Offer  # noqa: E402
from inkubator.regions.services import regions_load  # noqa: E402

SAMPLE = int(os.environ.get("BENCH_MATCHING_SAMPLE", "200"))
PAGES = int(os.environ.get("BENCH_MATCHING_PAGES", "40"))


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def main() -> None:
    call_command("migrate", verbosity=0)
    if not Centre.objects.exists():
        regions_load()
        call_command("demo_data", size="national", seed=1)
    size = "national" if Tenant.objects.count() > 10_000 else "small"
    if not Offer.objects.exists():
        from inkubator.demo import matching as demo_matching
        from inkubator.demo.partners import NAMED
        from inkubator.partners.models import Partner

        # A database loaded before the named partners existed gets them, so the offers are the demo's.
        for name, short, kind, office, _where in NAMED:
            Partner.objects.get_or_create(
                name=name, defaults={"short_name": short, "kind": kind, "province_id": office}
            )

        started = time.perf_counter()
        with transaction.atomic():
            demo_matching.generate(size=size, rng=random.Random(1), fake=Faker("id_ID"))
        bench("matching_demo_load", time.perf_counter() - started, "s", "-")
    today = timezone.localdate()
    admin = User.objects.filter(is_active=True, role="ministry_admin").order_by("pk").first()
    offers = selectors.open_offers(user=admin, today=today).count()
    bench("matching_offers", offers, "offers", "-")

    ids = list(Tenant.objects.filter(stage__in=OPEN_STAGES).order_by("pk").values_list("pk", flat=True))
    sample = random.Random(1).sample(ids, min(SAMPLE, len(ids)))
    times = []
    for pk in sample:
        tenant = Tenant.objects.get(pk=pk)
        started = time.perf_counter()
        selectors.ranked_offers(user=admin, tenant=tenant, today=today)
        times.append((time.perf_counter() - started) * 1000)
    bench("matching_tenant_ranking_p50", statistics.median(times), "ms", "<100")
    bench("matching_tenant_ranking_p95", _p95(times), "ms", "<100")

    client = Client()
    client.force_login(admin)
    for pk in sample[:3]:  # warm-up: templates compiled, catalogues loaded
        client.get(f"/matching/tenants/{pk}/")
    pages = []
    for pk in sample[:PAGES]:
        started = time.perf_counter()
        response = client.get(f"/matching/tenants/{pk}/")
        pages.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    bench("matching_tenant_page_p95", _p95(pages), "ms", "<100")  # issue 13: time per tenant page, p95

    started = time.perf_counter()
    kept = services.suggestions_rerank(today=today)
    bench(f"matching_rerank_{size}", time.perf_counter() - started, "s", "<300")
    bench("matching_tenants_ranked", len(ids), "tenants", "-")
    # Graduated and dropped tenants are not ranked: no match can be proposed for them.
    bench("matching_tenants_in_database", Tenant.objects.count(), "tenants", "-")
    bench("matching_suggestions_kept", kept, "rows", "-")


if __name__ == "__main__":
    main()
