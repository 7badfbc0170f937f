"""Pages under load through gunicorn, against a one-query scoped view measured in the same run.

    python benchmarks/run.py --quick   # the small demo, < 5 minutes: the figures to check a change by
    python benchmarks/run.py           # the national demo (``make bench``): loaded once, then reused

Each figure is one line, ``BENCH <name> <value> <unit> goal <goal> ok|MISS`` (see ``benchline.py``
and ``benchmarks/README.md``). What it does:

1. Prepares its own database: ``BENCH_DATABASE_URL`` (national; e.g. PostgreSQL) or
   ``BENCH_QUICK_DATABASE_URL`` (quick), else ``var/bench.sqlite3`` / ``var/bench-small.sqlite3``:
   migrations, the regions, and the demo of the size, loaded only when the database has no centre
   (the load time and each step's time are figures then).
2. Signs in one session per demo role and starts gunicorn with 2 workers on a free loopback port
   with ``config.settings.bench`` (production's middleware over plain HTTP, plus the benchmark-only
   ``/bench/one-query/``).
3. For each page and role: a warm-up, then simulated users (threads with their role's session)
   request it without pause for a while: requests/s and p50/p95/p99 latency. Lists and API lists
   run at 8 users and are divided by the one-query view's requests/s for the same role, measured in
   alternating slices with the list (``paired``), so that both see the same load on a shared machine
   (goal >= 0.7, p99 < 50 ms); homes and dashboards run at 2 users (one per worker, so the time
   is the page's own rather than the queue's: goal p95 < 150 ms; boards < 100 ms).
4. Lists are answered from the user's list cache (``core/listcache.py``) when they saw the same page
   before and nothing it was built from changed: the figures above are such repeated views. Each list
   is measured cold as well (``<name>_cold_*``): every request a URL of its own (an extra, ignored
   query parameter), so every one is rendered, and stored, as a first view is. ``LIST_CACHE=0`` in
   the environment turns the cache off in gunicorn (then both figures are renders).

The simulated users send the cookies a browser sends: the session and the CSRF cookie (a page with
a form embeds a token of it; without it every page would set a new one and none could be stored).

Tests never time things; this script does.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARSER = argparse.ArgumentParser(description=__doc__.splitlines()[0])
PARSER.add_argument("--quick", action="store_true", help="the small demo, a run of a few minutes")
PARSER.add_argument("--seconds", type=float, help="measuring time per page (default 3 quick, 8 national)")
PARSER.add_argument(
    "--only",
    metavar="REGEX",
    help="measure only the pages whose figure name matches (e.g. 'home_|dashboard_|board'); the one-query "
    "ceiling is measured only when a list is chosen",
)
PARSER.add_argument("--min-requests", type=int, help="requests a slow page gets at least (default 12 quick, 30)")
PARSER.add_argument("--no-cold", action="store_true", help="skip the lists' cold figures (every URL new)")
ARGS = PARSER.parse_args()
SIZE = "small" if ARGS.quick else "national"
if ARGS.quick:
    DATABASE = os.environ.get("BENCH_QUICK_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-small.sqlite3'}")
else:
    DATABASE = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ["DATABASE_URL"] = DATABASE
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"

import django  # noqa: E402

django.setup()

from benchline import bench  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user  # noqa: E402

from inkubator.accounts.models import User  # noqa: E402
from inkubator.centres.models import Centre  # noqa: E402
from inkubator.demo.generator import demo_generate, demo_vacuum  # noqa: E402
from inkubator.programmes.summaries import summaries_refresh  # noqa: E402
from inkubator.regions.models import Village  # noqa: E402
from inkubator.regions.services import regions_load  # noqa: E402

SECONDS = ARGS.seconds or (3.0 if ARGS.quick else 8.0)
WARM_SECONDS = 1.0 if ARGS.quick else 2.0
# Slow pages get at least this many requests (for a p95 worth reading), but never more than MAX_SECONDS.
MIN_REQUESTS = ARGS.min_requests or (12 if ARGS.quick else 30)
MAX_SECONDS = 30.0 if ARGS.quick else 120.0
SLICE_SECONDS = 1.0 if ARGS.quick else 2.0  # a list and its ceiling take turns this long (``paired``)
LIST_USERS = 8
PAGE_USERS = 2
ROLES = ("admin", "korwil", "pengelola", "fasilitator", "wirausaha", "mitra")


@dataclass
class Result:
    """What one measured page gave."""

    count: int
    seconds: float
    latencies: list[float]
    failures: dict[int, int]

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, share: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[share - 1] * 1000


def prepare() -> None:
    print(f"# database: {connection.vendor} {settings.DATABASES['default']['NAME']}; demo size {SIZE}", flush=True)
    call_command("migrate", verbosity=0)
    if not Village.objects.exists():
        started = time.perf_counter()
        regions_load()
        bench("regions_load", time.perf_counter() - started, "s")
    loaded = not Centre.objects.exists()
    if loaded:
        load_demo()
    else:
        print("# demo already loaded: reused (its load time is not measured in this run)", flush=True)
    # Dashboards and homes read the indicator summaries, which the task worker keeps current in a
    # deployment: build them as a worker would, and measure what one round costs.
    started = time.perf_counter()
    summaries_refresh()
    bench("summaries_refresh", time.perf_counter() - started, "s")
    if loaded:
        # As ``demo_data`` does: PostgreSQL's visibility map and statistics of what the load wrote, so
        # that counts are index-only scans (and no autovacuum starts in the middle of a measurement).
        bench(f"demo_{SIZE}_vacuum", demo_vacuum(), "s")


def load_demo() -> None:
    started = time.perf_counter()
    result = demo_generate(size=SIZE, seed=1)
    total = time.perf_counter() - started
    for step, seconds in result.seconds.items():
        bench(f"demo_{SIZE}_step_{step}", seconds, "s")
    bench(f"demo_{SIZE}_commit", total - sum(result.seconds.values()), "s")
    bench(f"demo_{SIZE}_load_{connection.vendor}", total, "s", "<600" if SIZE == "national" else "<120")


def sessions() -> dict[str, str]:
    """The cookies of a signed-in browser per demo role (the database sessions gunicorn reads, and a
    CSRF cookie as a browser keeps it from its first page)."""
    cookies = {}
    for username in ROLES:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        # Ministry admins and coordinators must pass two-factor sign-in (production settings): their
        # session carries the device they verified with, as after typing a code; else every page
        # answers with the redirect to the code form.
        device = next(devices_for_user(user, confirmed=True), None)
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        csrf = get_random_string(32, CSRF_ALLOWED_CHARS)  # a CSRF secret, as the first page sets it
        cookies[username] = f"{settings.SESSION_COOKIE_NAME}={session_cookie}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return cookies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """gunicorn with 2 sync workers, as deployed (docs/deploy.md), on the loopback only."""
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--timeout", "300", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/accounts/login/", "")
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start within 60 s")


def get(port: int, path: str, cookie: str) -> int:
    """One request on a new connection (gunicorn's sync workers close each); returns the status.
    ``cookie``: the Cookie header (``sessions()``), empty for a visitor."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        headers = {"Cookie": cookie} if cookie else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


_COLD = itertools.count(1)


def cold(path: str) -> str:
    """``path`` with a parameter no page reads, different every time: a URL never seen before."""
    return f"{path}{'&' if '?' in path else '?'}cold={next(_COLD)}"


def drive(
    port: int, path: str, cookie: str, *, users: int, seconds: float, min_requests: int = 0, unique: bool = False
) -> Result:
    """``users`` threads request ``path`` back to back for ``seconds`` (longer for slow pages, up to a cap);
    ``unique``: each request a URL of its own (``cold``)."""
    latencies: list[float] = []
    failures: dict[int, int] = {}
    lock = threading.Lock()
    started = time.perf_counter()
    soft_end, hard_end = started + seconds, started + MAX_SECONDS

    def user() -> None:
        while True:
            now = time.perf_counter()
            if now >= hard_end or (now >= soft_end and len(latencies) >= (min_requests or MIN_REQUESTS)):
                return
            url = cold(path) if unique else path
            begun = time.perf_counter()
            status = get(port, url, cookie)
            took = time.perf_counter() - begun
            with lock:
                if status == 200:
                    latencies.append(took)
                else:
                    failures[status] = failures.get(status, 0) + 1

    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(len(latencies), time.perf_counter() - started, latencies, failures)


def paired(port: int, path: str, cookie: str, *, users: int, unique: bool = False) -> tuple[Result, Result]:
    """``path`` and the one-query view, driven in turns of ``SLICE_SECONDS`` for ``SECONDS`` each.

    The ratio of the two is the figure: measured minutes apart on a machine others share, the load
    changed between them by more than a list's difference (the same list measured 0.45x and 1.8x the
    ceiling in one run). In alternating slices both see the same load.
    """
    ours, ceiling = Result(0, 0.0, [], {}), Result(0, 0.0, [], {})
    for _ in range(max(1, round(SECONDS / SLICE_SECONDS))):
        for total, url, each_new in ((ceiling, "/bench/one-query/", False), (ours, path, unique)):
            part = drive(port, url, cookie, users=users, seconds=SLICE_SECONDS, min_requests=1, unique=each_new)
            total.count += part.count
            total.seconds += part.seconds
            total.latencies += part.latencies
            for status, count in part.failures.items():
                total.failures[status] = total.failures.get(status, 0) + count
    return ours, ceiling


def measure(port: int, name: str, path: str, cookie: str, *, users: int, unique: bool = False) -> Result | None:
    status = get(port, path, cookie)
    if status != 200:
        bench(f"{name}_status", status, "http", "<=200")
        return None
    # Every worker has the page warm (and, for a list, each user's copy stored): a request per user is
    # enough for a slow page.
    drive(port, path, cookie, users=users, seconds=WARM_SECONDS, min_requests=users, unique=unique)
    result = drive(port, path, cookie, users=users, seconds=SECONDS, unique=unique)
    if result.failures:
        print(f"# {name}: failed responses {result.failures}", flush=True)
    return result


def pages() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """(name, path, role) of the lists; (name, path, role, goal) of the homes, dashboards and boards."""
    lists = []
    for role in ("admin", "korwil"):
        for name, path in (
            ("centre_list", "/centres/"),
            ("batch_list", "/training/"),
            ("tenant_list", "/incubation/tenants/"),
            ("facilitator_list", "/mentoring/facilitators/"),
            ("assessment_list", "/assessments/"),
            ("api_centres", "/api/v1/centres/"),
            ("api_batches", "/api/v1/training-batches/"),
            ("api_tenants", "/api/v1/tenants/"),
            ("api_facilitators", "/api/v1/facilitators/"),
            ("api_assessments", "/api/v1/assessments/"),
        ):
            lists.append((f"{name}_{role}", path, role))
    manager = User.objects.get(username="pengelola")
    centre = Centre.objects.visible_to(manager).order_by("code").first()
    province = "35" if Centre.objects.filter(province_id="35").exists() else centre.province_id
    regency = Centre.objects.filter(province_id=province).order_by("code").values_list("regency_id", flat=True)[0]
    shown = [(f"home_{role}", "/", role, "<150") for role in ROLES]
    shown += [
        ("dashboard_national_admin", "/dashboard/", "admin", "<150"),
        (f"dashboard_province_{province}_admin", f"/dashboard/province/{province}/", "admin", "<150"),
        ("dashboard_regency_admin", f"/dashboard/regency/{regency}/", "admin", "<150"),
        ("dashboard_centre_pengelola", f"/dashboard/centre/{centre.code}/", "pengelola", "<150"),
        ("dashboard_coordinator_korwil", "/dashboard/", "korwil", "<150"),
        ("public_dashboard_anonymous", "/public/", "", "<150"),
        ("incubation_board_admin", "/incubation/", "admin", "<100"),
        ("incubation_board_pengelola", "/incubation/", "pengelola", "<100"),
    ]
    return lists, shown


def report(name: str, result: Result, *, rps_goal: str | None, p95_goal: str | None, p99_goal: str | None) -> None:
    bench(f"{name}_rps", result.rps, "req/s", rps_goal)
    bench(f"{name}_p50", result.percentile(50), "ms")
    bench(f"{name}_p95", result.percentile(95), "ms", p95_goal)
    bench(f"{name}_p99", result.percentile(99), "ms", p99_goal)


def main() -> None:
    begun = time.perf_counter()
    prepare()
    cookies = sessions()
    lists, shown = pages()
    if ARGS.only:
        chosen = re.compile(ARGS.only)
        lists = [page for page in lists if chosen.search(page[0])]
        shown = [page for page in shown if chosen.search(page[0])]
    port = int(os.environ.get("BENCH_PORT") or free_port())
    server = start_server(port)
    try:
        print(f"# gunicorn: 2 workers on 127.0.0.1:{port}; lists at {LIST_USERS} users, pages at {PAGE_USERS}")
        cache = "on" if getattr(settings, "LIST_CACHE", False) else "off"
        print(f"# list cache {cache}; load average {os.getloadavg()}", flush=True)
        for role in ("admin", "korwil") if lists else ():
            result = measure(port, f"one_query_{role}", "/bench/one-query/", cookies[role], users=LIST_USERS)
            if result is not None:
                report(f"one_query_{role}", result, rps_goal=None, p95_goal=None, p99_goal=None)
        for name, path, role in lists:
            for suffix, unique in (("", False), ("_cold", True)):
                if unique and ARGS.no_cold:
                    continue
                # Cold: every request a URL of its own, as a first view (no goal: what a user waits for
                # the first time, and the server's cost when nobody asks for the same page twice).
                figure = f"{name}{suffix}"
                status = get(port, path, cookies[role])
                if status != 200:
                    bench(f"{figure}_status", status, "http", "<=200")
                    break
                # Every worker warm, and for the warm figure each user's copy stored.
                drive(port, path, cookies[role], users=LIST_USERS, seconds=WARM_SECONDS, min_requests=LIST_USERS,
                      unique=unique)  # fmt: skip
                result, ceiling = paired(port, path, cookies[role], users=LIST_USERS, unique=unique)
                if result.failures:
                    print(f"# {figure}: failed responses {result.failures}", flush=True)
                report(figure, result, rps_goal=None, p95_goal=None, p99_goal=None if unique else "<50")
                bench(f"{figure}_one_query_rps", ceiling.rps, "req/s")
                if ceiling.rps:
                    bench(f"{figure}_ratio", result.rps / ceiling.rps, "x_one_query", None if unique else ">=0.7")
        for name, path, role, goal in shown:
            result = measure(port, name, path, cookies.get(role, ""), users=PAGE_USERS)
            if result is not None:
                report(name, result, rps_goal=None, p95_goal=goal, p99_goal=None)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"# load average {os.getloadavg()}", flush=True)
    bench(f"bench_run_{'quick' if ARGS.quick else 'national'}", time.perf_counter() - begun, "s",
          "<300" if ARGS.quick else None)  # fmt: skip


if __name__ == "__main__":
    main()
