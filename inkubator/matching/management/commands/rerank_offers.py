"""``manage.py rerank_offers [--enqueue]``: rank the open offers for every tenant (the nightly job)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from inkubator.matching.services import suggestions_rerank
from inkubator.matching.tasks import rerank_task


class Command(BaseCommand):
    help = "Rank the open offers for every tenant in incubation (run nightly, e.g. from a systemd timer)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the task worker instead.")

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            result = rerank_task.enqueue()
            self.stdout.write(f"queued {result.id}")
            return
        started = time.perf_counter()
        count = suggestions_rerank(today=timezone.localdate())
        self.stdout.write(f"{count} suggestions in {time.perf_counter() - started:.1f} s")
