"""The outbox: a notification is written in the business transaction, sent after it, retried on a
gateway failure and given up after its attempts, each outcome recorded on the row."""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from inkubator.notifications.models import Channel, Notification, Status
from inkubator.notifications.services import Draft, notifications_queue, notifications_send_due
from inkubator.notifications.sms import LocmemSmsBackend

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"


class BrokenGateway:
    """A gateway that is down."""

    def send(self, *, to: str, text: str) -> None:
        raise ConnectionRefusedError(f"cannot reach the gateway for {to}")


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    LocmemSmsBackend.outbox.clear()


def test_each_channel_gets_its_row_and_sms_and_mail_go_out_after_the_commit(
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        written = notifications_queue([Draft(event="test.hello", subject="Halo", body="Apa kabar", phone=PHONE,
                                             email="budi@example.id")])  # fmt: skip
        assert LocmemSmsBackend.outbox == [] and mail.outbox == []  # nothing leaves before the commit
    assert written == 3
    assert LocmemSmsBackend.outbox == [(PHONE, "Halo: Apa kabar")]
    assert [m.to for m in mail.outbox] == [["budi@example.id"]]
    rows = {row.channel: row for row in Notification.objects.all()}
    assert {channel: row.status for channel, row in rows.items()} == {
        Channel.IN_APP: Status.SENT, Channel.SMS: Status.SENT, Channel.EMAIL: Status.SENT,
    }  # fmt: skip
    assert rows[Channel.SMS].attempts == 1 and rows[Channel.SMS].sent_at is not None


@override_settings(SMS_BACKEND="tests.notifications.test_sending.BrokenGateway", NOTIFICATION_ATTEMPTS=3)
def test_a_failed_send_is_retried_later_then_given_up_with_its_reason_but_not_the_number() -> None:
    notifications_queue([Draft(event="test.hello", subject="Halo", body="Apa kabar", phone=PHONE)])
    sms = Notification.objects.get(channel=Channel.SMS)
    now = timezone.now()
    assert notifications_send_due(now=now) == {"sent": 0, "retry": 1, "failed": 0}
    sms.refresh_from_db()
    assert sms.status == Status.QUEUED and sms.attempts == 1 and sms.send_after == now + datetime.timedelta(minutes=1)
    assert sms.last_error == "ConnectionRefusedError" and PHONE not in sms.last_error
    assert notifications_send_due(now=now) == {"sent": 0, "retry": 0, "failed": 0}  # not due yet
    later = now + datetime.timedelta(minutes=1)
    assert notifications_send_due(now=later) == {"sent": 0, "retry": 1, "failed": 0}
    assert notifications_send_due(now=later + datetime.timedelta(minutes=5)) == {"sent": 0, "retry": 0, "failed": 1}
    sms.refresh_from_db()
    assert sms.status == Status.FAILED and sms.attempts == 3


def test_a_message_for_later_waits_for_its_time_in_every_channel() -> None:
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    notifications_queue([Draft(event="test.later", subject="Besok", body="Mulai", phone=PHONE, send_after=tomorrow)])
    assert notifications_send_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.QUEUED}
    assert notifications_send_due(now=tomorrow) == {"sent": 2, "retry": 0, "failed": 0}
    assert LocmemSmsBackend.outbox == [(PHONE, "Besok: Mulai")]


class _Gateway(BaseHTTPRequestHandler):
    """A stand-in SMS gateway: records what it was sent, answers with the status the test sets."""

    status = 200
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append({"auth": self.headers["Authorization"], **body})
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args: object) -> None:  # quiet: the test prints nothing about numbers
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.received.clear()
    yield f"http://127.0.0.1:{server.server_port}/send"
    server.shutdown()


def test_the_http_gateway_adapter_posts_the_message_and_a_refusal_is_retried(
    gateway: str,
    django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    with override_settings(SMS_BACKEND="inkubator.notifications.sms.HttpSmsBackend", SMS_GATEWAY_URL=gateway,
                           SMS_GATEWAY_TOKEN="rahasia"):  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            notifications_queue([Draft(event="test.hello", subject="Halo", body="Apa kabar", phone=PHONE)])
        assert _Gateway.received == [{"auth": "Bearer rahasia", "to": PHONE, "text": "Halo: Apa kabar"}]
        _Gateway.status = 503
        try:
            with django_capture_on_commit_callbacks(execute=True):
                notifications_queue([Draft(event="test.again", subject="Lagi", body="Coba", phone=PHONE)])
        finally:
            _Gateway.status = 200
    again = Notification.objects.get(channel=Channel.SMS, event="test.again")
    assert again.status == Status.QUEUED and again.attempts == 1 and again.last_error == "HTTPError"


def test_a_burst_of_commits_queues_one_send_that_starts_after_them(settings, monkeypatch) -> None:  # noqa: ANN001
    """With the database queue: commits of one process within two seconds share one queued send, which
    starts after each of them (a registration surge queued one task per registration)."""
    from django_tasks_db.models import DBTaskResult

    from inkubator.notifications import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(tasks, "_queued_for", None)
    before = timezone.now()
    for _ in range(5):
        tasks.send_soon()
    queued = DBTaskResult.objects.filter(task_path__endswith="notifications_send_task")
    assert queued.count() == 1 and queued.get().run_after > before
    # The queued send is about to start: the next commit does not rely on it.
    monkeypatch.setattr(tasks, "_queued_for", timezone.now() + datetime.timedelta(seconds=0.1))
    tasks.send_soon()
    assert queued.count() == 2
