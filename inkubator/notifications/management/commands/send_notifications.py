"""``manage.py send_notifications``: send every due notification now (cron, or after a gateway outage)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inkubator.notifications.services import notifications_send_due


class Command(BaseCommand):
    help = "Send the notifications that are due (retries and reminders included)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = {"sent": 0, "retry": 0, "failed": 0}
        while True:
            counts = notifications_send_due()
            for key, value in counts.items():
                total[key] += value
            if not any(counts.values()):
                break
        self.stdout.write(" ".join(f"{key}={value}" for key, value in total.items()))
