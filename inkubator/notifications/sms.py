"""SMS gateways behind one small interface, chosen by the ``SMS_BACKEND`` setting (like Django's mail).

* ``ConsoleSmsBackend`` (the default): writes the message to standard output with the number masked,
  for development; nothing leaves the machine.
* ``LocmemSmsBackend``: keeps messages in ``outbox`` (tests).
* ``HttpSmsBackend``: posts JSON ``{"to", "text"}`` to ``SMS_GATEWAY_URL`` with ``SMS_GATEWAY_TOKEN`` as a
  bearer token — the shape most Indonesian SMS gateways accept; a provider with another shape gets its
  own small class here.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from inkubator.core.masking import mask_identifier


class SmsBackend(Protocol):
    """Sends one text message; raises on failure (the caller records it and retries)."""

    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    """Prints what would be sent (the number masked: the console is no place for personal data)."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {mask_identifier(to)}: {text}\n")


class LocmemSmsBackend:
    """Keeps what was sent in memory, for tests."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, *, to: str, text: str) -> None:
        self.outbox.append((to, text))


class HttpSmsBackend:
    """A gateway reached over HTTPS with a bearer token; any answer but 2xx is a failure."""

    def send(self, *, to: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting, not user input
            settings.SMS_GATEWAY_URL,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            if not 200 <= answer.status < 300:
                raise OSError(f"gateway answered {answer.status}")


def sms_backend() -> SmsBackend:
    """The configured backend."""
    return import_string(getattr(settings, "SMS_BACKEND", "inkubator.notifications.sms.ConsoleSmsBackend"))()
