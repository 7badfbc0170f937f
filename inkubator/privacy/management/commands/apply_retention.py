"""``manage.py apply_retention [--dry-run] [--enqueue]``: anonymise personal data past its retention period.

Schedule it daily (cron or a systemd timer, see docs/personal-data.md). Without ``--enqueue`` it runs
here and now; with it, it queues ``privacy.tasks.retention_task`` for the task worker (``db_worker``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from inkubator.privacy.selectors import people_past_retention
from inkubator.privacy.services import retention_apply
from inkubator.privacy.tasks import retention_task


class Command(BaseCommand):
    help = "Anonymise people with no activity for PERSONAL_DATA_RETENTION_YEARS (aggregate figures stay)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count the people concerned")
        parser.add_argument("--enqueue", action="store_true", help="queue the task for the worker instead")

    def handle(self, *args: Any, **opts: Any) -> None:
        years = settings.PERSONAL_DATA_RETENTION_YEARS
        if opts["dry_run"]:
            count = people_past_retention().count()
            self.stdout.write(f"{count} people have had no activity for {years} years (nothing changed).")
        elif opts["enqueue"]:
            result = retention_task.enqueue()
            self.stdout.write(f"Queued the retention task ({result.id}).")
        else:
            count = retention_apply()
            self.stdout.write(f"Anonymised {count} people with no activity for {years} years.")
