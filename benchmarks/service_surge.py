"""``make bench``: the laid-off workers' registration surge and the allocation of a national wave.

1. **Surge** (issue 12, DESIGN.md "Scale"): gunicorn with 2 sync workers (``config.settings.bench``) on
   PostgreSQL (``BENCH_SURGE_DATABASE_URL``, else ``BENCH_DATABASE_URL`` with ``_surge`` appended to
   its name, else ``var/bench-surge.sqlite3``; the benchmark empties the service's tables there). 50
   simulated workers each open the public registration page (for its CSRF cookie and token) and send
   the form, back to back, for ``BENCH_SURGE_SECONDS``; one submission in ten repeats a NIK already
   sent (a double tap, a retry). Figures: ``service_surge_registrations_per_s`` (goal ≥ 50), the
   submission's ``_p50/_p95/_p99`` (p99 < 500 ms), ``service_surge_lost`` (answered as registered but
   not in the database, or a new NIK answered with neither: goal 0) and ``service_surge_duplicates``
   (two registrations of one person in the wave, or two people of one NIK: goal 0). The per-address
   limit is lifted for the run (every simulated worker comes from 127.0.0.1). First the ceiling: the
   same users opening and sending ``/bench/one-write/`` (a CSRF token; one row inserted) through the
   same server and middleware: ``service_surge_ceiling_per_s`` and ``service_surge_over_ceiling``.
2. **Allocation**: 10,000 registrants across Indonesia to 50 venues by the OR-Tools min-cost flow
   (``service.allocation``, no database): ``service_allocation_10000x50_s`` (goal < 10 s) and the
   total distance against nearest-venue greedy (``…_km_over_greedy``, ≤ 1).

Run: ``flock /work/locks/heavy .venv/bin/python benchmarks/service_surge.py``.
"""

from __future__ import annotations

import datetime
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from owndb import own_database_url  # noqa: E402

DATABASE_URL = own_database_url("surge")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
MEDIA = tempfile.mkdtemp(prefix="bench-surge-media-")
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.bench",
    "DATABASE_URL": DATABASE_URL,
    "MEDIA_ROOT": MEDIA,
    "SERVICE_REGISTRATION_LIMIT": "100000000",  # every simulated worker comes from 127.0.0.1
}

import django  # noqa: E402

django.setup()

from benchline import bench  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

USERS = int(os.environ.get("BENCH_SURGE_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SURGE_SECONDS", "20"))
REPEAT_SHARE = 0.1
WARM_UP = 2.0


def prepare() -> tuple[int, list[str], list[int]]:
    """Migrate, load regions once, empty the service's tables, open a wave; returns its id, districts, fields."""
    from inkubator.centres.models import VocationalField
    from inkubator.people.models import Person
    from inkubator.regions.models import District, Regency
    from inkubator.regions.services import regions_load
    from inkubator.service.models import AddressCount, AllocationRun, IntakeWave, PreferredVenue, Registration
    from inkubator.service.services import wave_create

    print(f"# database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    call_command("migrate", verbosity=0)
    if not District.objects.exists():
        regions_load()
    PreferredVenue.objects.all().delete()
    Registration.objects.all().delete()
    AllocationRun.objects.all().delete()
    IntakeWave.objects.all().delete()
    AddressCount.objects.all().delete()
    Person.objects.filter(enrollments=None, tenancies=None).delete()
    today = timezone.localdate()
    wave = wave_create(
        name=f"Gelombang uji beban {today}", opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30), training_starts_on=today + datetime.timedelta(days=45),
        status="open",
    )  # fmt: skip
    # Districts whose regency has a point (the NIK's region must exist; the home regency is one of them).
    districts = list(
        District.objects.filter(regency__in=Regency.objects.exclude(latitude=None)).values_list("code", flat=True)
    )
    fields = list(VocationalField.objects.filter(active=True).values_list("pk", flat=True))
    return wave.pk, districts, fields


class Niks:
    """Valid, distinct NIKs: a district, a birth date (day + 40 for women), a serial."""

    def __init__(self, districts: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.districts = districts
        self.serial = 0
        self.lock = threading.Lock()

    def next(self) -> dict[str, str]:
        with self.lock:
            self.serial += 1
            serial = self.serial
            district = self.rng.choice(self.districts)
            birth = datetime.date(1975, 1, 1) + datetime.timedelta(days=self.rng.randrange(0, 365 * 25))
            sex = self.rng.choice("MF")
        day = birth.day + (40 if sex == "F" else 0)
        nik = f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial % 10000 or 1:04d}"
        return {"nik": nik, "birth_date": birth.isoformat(), "sex": sex, "regency": district[:5]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **SERVER_ENV},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request(port, "GET", "/service/register/")
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start within 60 s")


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None):  # noqa: ANN201
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        conn.close()


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"csrftoken=([^;]+)")


def surge(port: int, niks: Niks, fields: list[int]) -> dict:
    sent: dict[str, int] = {}  # NIK -> status of its first answer
    latencies: list[float] = []
    answers: dict[int, int] = {}
    lock = threading.Lock()
    started = time.perf_counter()
    measure_from, end = started + WARM_UP, started + WARM_UP + SECONDS
    counted = {"new": 0}

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < end:
            status, cookie, page = request(port, "GET", "/service/register/")
            token = TOKEN.search(page)
            csrf = COOKIE.search(cookie)
            if status != 200 or not token or not csrf:
                with lock:
                    answers[status] = answers.get(status, 0) + 1
                continue
            with lock:
                repeat = sent and rng.random() < REPEAT_SHARE
                person = rng.choice(list(sent)) if repeat else None
            identity = niks.next() if person is None else person_data[person]
            form = {
                **identity, "name": "Pekerja Uji Beban", "phone": f"08{rng.randrange(10**9, 10**10)}",
                "former_employer": "PT Pabrik Uji", "reason": "layoff", "bpjs_status": "jkp",
                "job_lost_on": (timezone.localdate() - datetime.timedelta(days=rng.randrange(10, 300))).isoformat(),
                "business_idea": "Usaha makanan rumahan", "field": rng.choice(fields), "consent": "on",
                "website": "", "csrfmiddlewaretoken": token.group(1).decode(),
            }  # fmt: skip
            body = urlencode(form).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf.group(1)}",
                "Referer": f"http://127.0.0.1:{port}/service/register/",
            }
            begun = time.perf_counter()
            status, _, answer = request(port, "POST", "/service/register/", body, headers)
            took = time.perf_counter() - begun
            kind = (
                "new" if status == 201
                else "repeat" if status == 200 and b"already-registered" in answer
                else "refused" if status == 200 and b"form-errors" in answer
                else f"http_{status}"
            )  # fmt: skip
            with lock:
                if person is None:
                    person_data[identity["nik"]] = identity
                    sent.setdefault(identity["nik"], kind)
                if begun >= measure_from and time.perf_counter() <= end:
                    latencies.append(took)
                    answers[kind] = answers.get(kind, 0) + 1
                    if kind == "new":
                        counted["new"] += 1

    person_data: dict[str, dict] = {}
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"sent": sent, "latencies": latencies, "answers": answers, "new": counted["new"]}


def ceiling(port: int) -> tuple[float, list[float]]:
    """The same users doing the least a public form can: open ``/bench/one-write/`` (a CSRF token) and send
    it (one row inserted), through the same middleware and gunicorn. Round trips per second, POST latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    started = time.perf_counter()
    measure_from, end = started + WARM_UP, started + WARM_UP + SECONDS
    done = {"pairs": 0}

    def worker() -> None:
        while time.perf_counter() < end:
            status, cookie, page = request(port, "GET", "/bench/one-write/")
            token, csrf = TOKEN.search(page), COOKIE.search(cookie)
            if status != 200 or not token or not csrf:
                raise SystemExit(f"the one-write ceiling answered {status}")
            body = urlencode({"csrfmiddlewaretoken": token.group(1).decode()}).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf.group(1)}",
                "Referer": f"http://127.0.0.1:{port}/bench/one-write/",
            }
            begun = time.perf_counter()
            status, _, _ = request(port, "POST", "/bench/one-write/", body, headers)
            took = time.perf_counter() - begun
            with lock:
                if begun >= measure_from and time.perf_counter() <= end and status == 201:
                    latencies.append(took)
                    done["pairs"] += 1

    threads = [threading.Thread(target=worker) for _ in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done["pairs"] / SECONDS, latencies


def percentile(values: list[float], share: int) -> float:
    if len(values) < 2:
        return (values[0] if values else 0.0) * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1] * 1000


def allocation_figures() -> None:
    from inkubator.service.allocation import Candidate, Place, allocate, greedy

    rng = random.Random(1)
    # Registrants on regency points drawn at random (with jitter), venues on 50 of them.
    from inkubator.regions.models import Regency

    points = list(Regency.objects.exclude(latitude=None).values_list("latitude", "longitude"))
    candidates = []
    for i in range(10_000):
        lat, lon = rng.choice(points)
        candidates.append(Candidate(i, float(lat) + rng.uniform(-0.1, 0.1), float(lon) + rng.uniform(-0.1, 0.1),
                                    rng.randint(1, 25), tuple(rng.sample(range(50), rng.randint(0, 3)))))  # fmt: skip
    places = []
    for j, (lat, lon) in enumerate(rng.sample(points, 50)):
        places.append(Place(j, float(lat), float(lon), rng.randrange(150, 260), frozenset(rng.sample(range(1, 26), 4))))
    started = time.perf_counter()
    result = allocate(candidates, places)
    seconds = time.perf_counter() - started
    baseline = greedy(candidates, places)
    bench("service_allocation_10000x50_s", seconds, "s", "<10")
    bench("service_allocation_allocated", len(result.assigned), "registrants")
    bench("service_allocation_km_over_greedy", result.total_km / baseline.total_km, "ratio", "<=1")


def main() -> None:
    from inkubator.people.models import Person
    from inkubator.service.models import Registration

    wave_id, districts, fields = prepare()
    port = free_port()
    server = start_server(port)
    try:
        print(f"# gunicorn: 2 workers on 127.0.0.1:{port}; {USERS} users for {SECONDS:.0f} s", flush=True)
        ceiling_rate, ceiling_latencies = ceiling(port)
        figures = surge(port, Niks(districts, seed=7), fields)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = figures["latencies"]
    # The ceiling: the same users, server and middleware doing one GET of a form and one POST inserting
    # one row. The machine is shared and noisy; the ratio says what the registration itself costs.
    bench("service_surge_ceiling_per_s", ceiling_rate, "round trips/s")
    bench("service_surge_ceiling_p99", percentile(ceiling_latencies, 99), "ms")
    bench("service_surge_registrations_per_s", figures["new"] / SECONDS, "registrations/s", ">=50")
    if ceiling_rate:
        bench("service_surge_over_ceiling", figures["new"] / SECONDS / ceiling_rate, "x_one_write")
    bench("service_surge_submissions_per_s", len(latencies) / SECONDS, "requests/s")
    for share in (50, 95):
        bench(f"service_surge_p{share}", percentile(latencies, share), "ms")
    bench("service_surge_p99", percentile(latencies, 99), "ms", "<500")
    print(f"# answers while measured: {figures['answers']}", flush=True)
    registered = set(Registration.objects.filter(wave_id=wave_id).values_list("person__nik", flat=True))
    first = figures["sent"]
    answered_new = {nik for nik, kind in first.items() if kind == "new"}
    # Lost: answered as registered but not in the database, or a first submission not answered as new.
    lost = len(answered_new - registered) + sum(1 for kind in first.values() if kind not in ("new", "refused"))
    bench("service_surge_lost", lost, "registrations", "<=0")
    bench("service_surge_refused", sum(1 for kind in first.values() if kind == "refused"), "submissions", "<=0")
    bench("service_surge_repeats_answered", figures["answers"].get("repeat", 0), "submissions")
    twice = Registration.objects.filter(wave_id=wave_id).values("person").annotate(n=Count("pk")).filter(n__gt=1)
    same_nik = Person.objects.exclude(nik=None).values("nik").annotate(n=Count("pk")).filter(n__gt=1)
    bench("service_surge_duplicates", twice.count() + same_nik.count(), "registrations", "<=0")
    bench("service_surge_registered", len(registered), "registrations")
    allocation_figures()


if __name__ == "__main__":
    main()
