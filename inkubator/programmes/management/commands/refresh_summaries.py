"""``manage.py refresh_summaries [--schedule]``: rebuild the indicator summaries now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inkubator.programmes.summaries import summaries_refresh
from inkubator.programmes.tasks import schedule_refresh


class Command(BaseCommand):
    help = "Rebuild the indicator summaries the dashboards read; --schedule also starts the worker's periodic refresh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true", help="queue the periodic refresh for the task worker")

    def handle(self, *args: Any, **opts: Any) -> None:
        for state in summaries_refresh():
            self.stdout.write(f"  {state.indicator:<28} {state.rows:>8} rows {state.seconds:7.2f} s")
        if opts["schedule"]:
            started = schedule_refresh()
            self.stdout.write("Periodic refresh queued." if started else "Periodic refresh already queued.")
        self.stdout.write(self.style.SUCCESS("Indicator summaries refreshed."))
