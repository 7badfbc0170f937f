"""Measurement, not a test: a generated national list of 4,300 centres imported from XLSX on SQLite.

Run it on purpose (it is not collected with the suite, its name does not start with ``test_``):

    .venv/bin/pytest tests/imports/measure_centre_import.py -s

It prints the seconds and rows/s of reading + validating the file, of the commit, and of a second
(idempotent) run. Tests never time things (DESIGN.md); this only reports.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest

from inkubator.centres.models import Centre
from inkubator.imports.services import import_file
from inkubator.regions.models import Village

from .conftest import write_xlsx

pytestmark = pytest.mark.django_db

ROWS = 4300
KINDS = ["Pondok Pesantren", "Ponpes", "Lembaga Keagamaan", "SP/SB", "Lembaga Masyarakat"]
FIELDS = ["TIK", "Menjahit", "Otomotif", "Las", "Tata Boga / Processing", "Teknik Listrik", "Multimedia"]


def _rows(rng: random.Random) -> list[list[object]]:
    every = Village.objects.select_related("district__regency__province").order_by("code")
    # A few districts have two villages of one name (a desa and a kelurahan): leave them out here.
    names = Counter((village.district_id, village.name) for village in every)
    villages = [village for village in every if names[(village.district_id, village.name)] == 1][:: 83762 // ROWS + 1]
    rows: list[list[object]] = [
        [
            "Nama BLK Komunitas",
            "Nama Lembaga",
            "Jenis Lembaga",
            "Agama",
            "Alamat",
            "Desa/Kelurahan",
            "Kecamatan",
            "Kabupaten/Kota",
            "Provinsi",
            "Kejuruan",
            "Tahun",
            "Latitude",
            "Longitude",
            "Narahubung",
            "No. HP",
        ]
    ]
    for index in range(ROWS):
        village = villages[index % len(villages)]
        district = village.district
        regency = district.regency
        kind = rng.choice(KINDS)
        rows.append(
            [
                f"BLK Komunitas Ukur {index}",
                f"Lembaga Ukur {index}",
                kind,
                "Kristen" if kind == "Lembaga Keagamaan" else "",
                f"Jl. Ukur No. {index}",
                village.name,
                district.name,
                regency.name,
                regency.province.name,
                ", ".join(rng.sample(FIELDS, rng.randint(1, 3))),
                str(rng.randint(2017, 2024)),
                f"{rng.uniform(-8, -6):.5f}".replace(".", ","),
                f"{rng.uniform(106, 112):.5f}",
                f"Narahubung {index}",
                f"08{rng.randint(10**9, 10**10 - 1)}",
            ]
        )
    return rows


def test_measure_4300_row_xlsx_import(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "national.xlsx", _rows(random.Random(1)), date_columns=[10])

    start = time.perf_counter()
    dry = import_file(kind="centres", path=path, dry_run=True)
    validated = time.perf_counter() - start
    errors = dry.report.errors
    print(f"\nvalidation errors: {len(errors)} {[str(error) for error in errors[:5]]}")

    start = time.perf_counter()
    outcome = import_file(kind="centres", path=path)
    full = time.perf_counter() - start

    start = time.perf_counter()
    again = import_file(kind="centres", path=path)
    rerun = time.perf_counter() - start

    rows = dry.report.rows_read
    print(f"file: {path.stat().st_size / 1024:.0f} KB, {rows} rows, written {outcome.written}, rerun {again.written}")
    print(f"read + validate (dry run): {validated:.1f} s = {rows / validated:,.0f} rows/s")
    print(
        f"read + validate + commit:  {full:.1f} s = {rows / full:,.0f} rows/s (commit alone ~{full - validated:.1f} s)"
    )
    print(f"second run (all unchanged): {rerun:.1f} s = {rows / rerun:,.0f} rows/s")
    assert Centre.objects.count() == rows
