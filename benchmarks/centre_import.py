"""Centre import at national scale: 4,300 centres, validation and commit rows/s, audit entries per object.

    .venv/bin/python benchmarks/centre_import.py [--rows 4300]

Runs against its own database: ``BENCH_CENTRES_DATABASE_URL``, else ``BENCH_DATABASE_URL`` with
``_centres`` appended (created when missing), else ``var/bench-centres.sqlite3`` (recreated); it
empties the centre register there. It loads the
regions, writes a ministry-style CSV of ``--rows`` centres in real villages (host types, religions,
several fields per row, comma decimals) and imports it three times through the import framework
(``imports.services.import_file``): all new, all unchanged, every phone changed. Figures:

* ``centre_import_validate_<run>``: reading + validating, rows/s (reference);
* ``centre_import_commit_<run>``: the commit alone — the one transaction that writes every row and
  the import's record, and its COMMIT — rows/s, goal >= 1,000 (issue 15) for the new and the changed run;
* ``centre_import_audit_entries_per_object``: audit entries the first commit wrote per object it
  created (hosts, centres, offered fields): 1 means every object has its entry.

The import runs with production's task backend, so the indicator summaries' refresh that the audit
entries ask for is queued for the worker, as on a server, and not timed here.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from owndb import create_database, own_database_url, sqlite_path  # noqa: E402

BENCH_SQLITE = sqlite_path("centres")
# Its own database: it empties the centre register first, so never the national demo of BENCH_DATABASE_URL.
os.environ["DATABASE_URL"] = own_database_url("centres")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

GOAL = 1_000  # rows/s of the commit (issue 15)
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
KINDS = ["Pondok Pesantren", "Ponpes", "Lembaga Keagamaan", "SP/SB", "Lembaga Masyarakat"]
FIELDS = ["TIK", "Menjahit", "Otomotif", "Las", "Tata Boga / Processing", "Teknik Listrik", "Multimedia"]
HEADER = ["Nama BLK Komunitas", "Nama Lembaga", "Jenis Lembaga", "Agama", "Alamat", "Desa/Kelurahan",
          "Kecamatan", "Kabupaten/Kota", "Provinsi", "Kejuruan", "Tahun", "Latitude", "Longitude", "Narahubung",
          "No. HP"]  # fmt: skip


def load_average(when: str) -> str:
    """The machine's load averages (1, 5, 15 minutes): figures on a shared machine are read with them."""
    return f"Load average {when}: " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def setup_database() -> None:
    import django

    if os.environ["DATABASE_URL"].startswith("sqlite") and BENCH_SQLITE.exists():
        BENCH_SQLITE.unlink()
    elif os.environ["DATABASE_URL"].startswith("postgres"):
        create_database(os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from inkubator.regions.models import Province
    from inkubator.regions.services import regions_load

    if not Province.objects.exists():
        regions_load()
    from auditlog.models import LogEntry
    from django.db import connection

    from inkubator.centres.models import Centre, CentreField, HostInstitution

    # The benchmark's own database: an empty register (raw deletes, no audit entry per row).
    with connection.cursor() as cursor:
        for model in (CentreField, Centre, HostInstitution, LogEntry):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def write_rows(path: Path, rows: int, rng: random.Random, *, phone_prefix: str = "08") -> None:
    """A national list: ``rows`` centres in distinct real villages (names unique within their district)."""
    from inkubator.regions.models import Village

    every = list(Village.objects.select_related("district__regency__province").order_by("code"))
    # A few districts have two villages of one name (a desa and a kelurahan): leave them out here.
    names = Counter((village.district_id, village.name) for village in every)
    villages = [village for village in every if names[(village.district_id, village.name)] == 1]
    villages = villages[:: max(1, len(villages) // rows)]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for index in range(rows):
            village = villages[index % len(villages)]
            district = village.district
            regency = district.regency
            kind = rng.choice(KINDS)
            writer.writerow([
                f"BLK Komunitas Ukur {index}", f"Lembaga Ukur {index}", kind,
                "Kristen" if kind == "Lembaga Keagamaan" else "", f"Jl. Ukur No. {index}", village.name,
                district.name, regency.name, regency.province.name, ", ".join(rng.sample(FIELDS, rng.randint(1, 3))),
                str(rng.randint(2017, 2024)), f"{rng.uniform(-8, -6):.5f}".replace(".", ","),
                f"{rng.uniform(106, 112):.5f}", f"Narahubung {index}", f"{phone_prefix}{10**9 + index}",
            ])  # fmt: skip


class CommitTimer:
    """Times the import framework's one commit step (``_commit_once``: the transaction and its COMMIT)."""

    def __init__(self) -> None:
        from inkubator.imports import services

        self.services = services
        self.original = services._commit_once
        self.seconds = 0.0

    def __enter__(self) -> CommitTimer:
        def timed(**kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return self.original(**kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        self.services._commit_once = timed
        return self

    def __exit__(self, *_exc: object) -> None:
        self.services._commit_once = self.original


def run(path: Path, label: str, *, goal: bool) -> dict[str, int]:
    """Import ``path``; print the validation and commit rows/s; the counts written."""
    from benchline import bench, slug
    from django.test.utils import override_settings

    from inkubator.imports.services import import_file

    with override_settings(TASKS=PRODUCTION_TASKS), CommitTimer() as timer:
        started = time.perf_counter()
        outcome = import_file(kind="centres", path=path)
        total = time.perf_counter() - started
    rows = outcome.report.rows_read
    if not outcome.report.ok:
        raise SystemExit(f"{label}: {len(outcome.report.errors)} rows failed, e.g. {outcome.report.errors[:3]}")
    validate = total - timer.seconds
    print(f"{label:<28} {rows:>6,} rows: validate {validate:6.2f} s, commit {timer.seconds:6.2f} s; {outcome.written}")
    bench(f"centre_import_validate_{slug(label)}", rows / validate, "rows/s")
    bench(f"centre_import_commit_{slug(label)}", rows / timer.seconds, "rows/s", f">={GOAL}" if goal else None)
    return outcome.written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4_300)
    args = parser.parse_args()
    setup_database()
    from auditlog.models import LogEntry
    from benchline import bench
    from django.db import connection

    from inkubator.centres.models import Centre, CentreField, HostInstitution

    with tempfile.TemporaryDirectory() as folder:
        path, changed = Path(folder) / "blkk.csv", Path(folder) / "blkk-changed.csv"
        write_rows(path, args.rows, random.Random(1))
        write_rows(changed, args.rows, random.Random(1), phone_prefix="0812")
        print(f"Database: {connection.vendor}; file {path.stat().st_size / 1024:.0f} KB")
        print(load_average("at the start"))
        run(path, "first run (all new)", goal=True)
        from django.contrib.contenttypes.models import ContentType

        models = (Centre, HostInstitution, CentreField)
        objects = sum(model.objects.count() for model in models)
        kinds = ContentType.objects.get_for_models(*models).values()
        entries = LogEntry.objects.filter(content_type__in=kinds, action=LogEntry.Action.CREATE).count()
        bench("centre_import_audit_entries_per_object", entries / objects, "x", ">=1")
        run(path, "second run (unchanged)", goal=False)
        run(changed, "third run (phones changed)", goal=True)
        print(load_average("at the end"))


if __name__ == "__main__":
    main()
