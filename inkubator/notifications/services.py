"""Writing and sending notifications (the outbox): queue in the business transaction, send after it.

``notifications_queue`` writes one row per channel — in the application always (the person's account
sees it, now or once they make one), by SMS to a phone and by e-mail to an address when given — and,
once the transaction commits, asks the task worker to send what is due. ``notifications_send_due``
sends the due rows in batches; a failure is recorded on the row (its kind, never the address or the
text) and retried later (1, 5 and 30 minutes) until ``NOTIFICATION_ATTEMPTS`` is reached.
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Channel, Notification, Status
from .sms import sms_backend

RETRY_MINUTES = (1, 5, 30)
BATCH = 200
_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("notifications_muted", default=False)


@contextmanager
def notifications_muted() -> Iterator[None]:
    """Within the block nothing goes out by SMS or e-mail; the application's own list still gets each
    message. For the demo: its people have made-up phone numbers, and ``make run`` would print
    hundreds of console SMS."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _attempts() -> int:
    return int(getattr(settings, "NOTIFICATION_ATTEMPTS", len(RETRY_MINUTES) + 1))


@dataclass(frozen=True)
class Draft:
    """What to tell one person: the event, the text, where to reach them and from when."""

    event: str
    subject: str
    body: str
    person: Any = None
    recipient: Any = None
    phone: str = ""
    email: str = ""
    send_after: datetime.datetime | None = None


def _rows(draft: Draft, now: datetime.datetime) -> list[Notification]:
    common = {"person": draft.person, "recipient": draft.recipient, "event": draft.event,
              "subject": draft.subject[:200], "body": draft.body[:1000]}  # fmt: skip
    due = draft.send_after or now
    # In the application it is there at once (a page, nothing to deliver) — but not before its time.
    in_app = Status.SENT if due <= now else Status.QUEUED
    rows = [Notification(channel=Channel.IN_APP, status=in_app, send_after=due,
                         sent_at=now if in_app == Status.SENT else None, **common)]  # fmt: skip
    if _muted.get():
        return rows
    if draft.phone:
        rows.append(Notification(channel=Channel.SMS, address=draft.phone, send_after=due, **common))
    if draft.email:
        rows.append(Notification(channel=Channel.EMAIL, address=draft.email, send_after=due, **common))
    return rows


def notifications_queue(drafts: Iterable[Draft]) -> int:
    """Write the notifications of ``drafts`` (in bulk) and have them sent after the commit; how many rows."""
    now = timezone.now()
    rows = [row for draft in drafts for row in _rows(draft, now)]
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, batch_size=1000)
    from .tasks import send_soon

    transaction.on_commit(send_soon)
    return len(rows)


def notifications_attach(*, person: Any, account: Any) -> int:
    """Give ``account`` the notifications already sent to ``person`` (they made their account later)."""
    return Notification.objects.filter(person=person, recipient__isnull=True).update(recipient=account)


def _deliver(row: Notification) -> None:
    if row.channel == Channel.SMS:
        sms_backend().send(to=row.address, text=f"{row.subject}: {row.body}")
    elif row.channel == Channel.EMAIL:
        send_mail(row.subject, row.body, None, [row.address])


def notifications_send_due(*, now: datetime.datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send up to ``limit`` due notifications; returns counts by outcome (sent, retry, failed).

    Rows are taken with ``SKIP LOCKED`` on PostgreSQL, so two workers never send one message twice.
    """
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.QUEUED, send_after__lte=now)
            .order_by("send_after", "pk")[:limit]
        )
        for row in due:
            row.attempts += 1
            try:
                _deliver(row)
            except Exception as error:  # noqa: BLE001 - any gateway failure is recorded and retried
                # The kind of failure only: a gateway's message may repeat the number or the text.
                row.last_error = type(error).__name__[:200]
                if row.attempts >= _attempts():
                    row.status = Status.FAILED
                    counts["failed"] += 1
                else:
                    row.send_after = now + datetime.timedelta(minutes=RETRY_MINUTES[min(row.attempts, 3) - 1])
                    counts["retry"] += 1
            else:
                row.status, row.sent_at, row.last_error = Status.SENT, now, ""
                counts["sent"] += 1
        Notification.objects.bulk_update(due, ["attempts", "status", "sent_at", "send_after", "last_error"])
    return counts


def notifications_send_all() -> dict[str, int]:
    """Send every due notification, batch after batch, until none is due; the counts added up."""
    total = {"sent": 0, "retry": 0, "failed": 0}
    while True:
        counts = notifications_send_due()
        for key, value in counts.items():
            total[key] += value
        if not any(counts.values()):
            return total


def notification_mark_read(*, notification: Notification) -> Notification:
    """The recipient opened their notifications: mark this one read (once)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
