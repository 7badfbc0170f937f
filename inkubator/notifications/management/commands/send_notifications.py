"""``manage.py send_notifications``: send every due notification now (cron, or after a gateway outage)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inkubator.notifications.services import notifications_send_all


class Command(BaseCommand):
    help = "Send the notifications that are due (retries and reminders included)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = notifications_send_all()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in total.items()))
