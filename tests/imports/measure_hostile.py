"""Time and memory of refusing each hostile file (the figures of issue 15; tests check memory only).

DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python tests/imports/measure_hostile.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402

from inkubator.imports.reading import iter_rows  # noqa: E402
from inkubator.training.trainee_rows import TRAINEE_LIMITS  # noqa: E402
from tests.imports import hostile  # noqa: E402
from tests.imports.test_hostile_files import big_csv  # noqa: E402


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    cases = {
        "zip bomb (1 GiB)": hostile.zip_bomb(folder / "bomb.xlsx"),
        "lying zip bomb": hostile.lying_zip_bomb(folder / "liar.xlsx"),
        "190 MB cell": hostile.huge_cell(folder / "cell.xlsx"),
        "40,000-char cell": hostile.long_cell(folder / "long.xlsx"),
        "entity payload": hostile.entity_payload(folder / "lol.xlsx"),
        "200 MB CSV": big_csv(folder / "big.csv"),
    }
    for name, path in cases.items():
        for limits in (None, TRAINEE_LIMITS):
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            start = time.perf_counter()
            try:
                list(iter_rows(path, limits=limits) if limits else iter_rows(path))
                outcome = "READ (not refused!)"
            except ValidationError as error:
                outcome = error.code
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
            print(
                f"HOSTILE {name:18} {'trainees' if limits else 'default ':8} file={path.stat().st_size / 1e6:7.2f} MB "
                f"refused={outcome:8} time={seconds:.3f} s python_peak={peak / 1e6:.1f} MB "
                f"maxrss_growth={grown / 1e3:.1f} MB"
            )


if __name__ == "__main__":
    main()
