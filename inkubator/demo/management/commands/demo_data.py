"""``manage.py demo_data --size small|national --seed N``: load the demo dataset once."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkubator.centres.models import Centre
from inkubator.demo.generator import SIZES, demo_generate, demo_vacuum
from inkubator.programmes.summaries import summaries_refresh
from inkubator.programmes.tasks import summaries_paused
from inkubator.regions.models import Village


class Command(BaseCommand):
    help = "Load a deterministic synthetic dataset on the real regions, plus one demo user per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data is written for (YYYY-MM-DD; default: today): the same day gives the same rows.",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not Village.objects.exists():
            raise CommandError("Load the regions first: python manage.py load_regions")
        if Centre.objects.exists():
            # Demo data goes into an empty register only, so a second `make run` never duplicates it.
            self.stdout.write("Demo data: the centre register is not empty; nothing loaded.")
            return
        started = time.perf_counter()
        with summaries_paused():  # rebuilt once below, not after each of the demo's service calls
            result = demo_generate(size=opts["size"], seed=opts["seed"], today=opts["today"])
        total = time.perf_counter() - started
        # The dashboards read the indicator summaries: build them now rather than at the worker's next round.
        refreshed = time.perf_counter()
        summaries_refresh()
        self.stdout.write(f"  {'summaries':<12} {time.perf_counter() - refreshed:8.1f} s")
        # PostgreSQL: the visibility map and statistics of what was just written (index-only counts).
        self.stdout.write(f"  {'vacuum':<12} {demo_vacuum():8.1f} s")
        # Each step's time, and the commit (PostgreSQL checks the deferred foreign keys there).
        # (Of a step's time, what the fast writer spent inserting: the rest is drawing and the ORM.)
        for step, seconds in [*result.seconds.items(), ("commit", total - sum(result.seconds.values()))]:
            writing = result.writing.get(step)
            self.stdout.write(f"  {step:<12} {seconds:8.1f} s" + (f"  (writing {writing:.1f} s)" if writing else ""))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ({opts['size']}, seed {opts['seed']}): {result.centres} centres, "
                f"{result.partners} partners, {result.users} users"
                + "".join(f", {count} {name}" for name, count in result.extra.items())
                + f" in {total:.1f} s."
            )
        )
