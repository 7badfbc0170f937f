"""What the public registration reads on every request, kept a short while in each process.

In a registration surge (issue 12: >= 50 registrations/s on two workers) every page view and every
submission needs the open wave, the eligibility rules, the regions, fields and venues of the form.
They change rarely and only by the ministry's hand, so each process keeps them for a few seconds
(the wave, the rules) or a minute (reference data), and forgets them at once when this process saves
or deletes one (``ServiceConfig.ready`` connects :func:`forget_on_change`); another process sees a
change when its copy expires. The tests start each test with nothing kept (``tests/conftest.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# (name, language) -> (when built, what was built). Cleared by the tests' autouse fixture.
KEPT: dict[tuple[str, str], tuple[float, Any]] = {}
REFERENCE_SECONDS = 60  # regions, fields, venues: a venue or field added shows within a minute
DECISION_SECONDS = 5  # the open wave and the eligibility rules: the ministry's change applies within seconds

# Which kept names depend on which model (forgotten when this process saves or deletes one).
# The public pages themselves (``views_public._slotted``) are kept too, and made again for another wave.
DEPENDS: dict[str, tuple[str, ...]] = {
    "service.IntakeWave": ("open-wave", "page:register", "page:received"),
    "service.EligibilityRule": ("rules",),
    "venues.Venue": ("venues", "venue-objects", "blank-form", "page:register"),
    "centres.VocationalField": ("fields", "field-objects", "blank-form", "page:register"),
    "regions.Regency": ("regencies", "regency-objects", "blank-form", "page:register"),
}


def kept(name: str, build: Callable[[], T], *, seconds: float = REFERENCE_SECONDS, per_language: bool = False) -> T:
    """What ``build()`` makes, kept ``seconds`` in this process (per language when it holds words)."""
    if per_language:
        from django.utils.translation import get_language

        key = (name, get_language() or "")
    else:
        key = (name, "")
    now = time.monotonic()
    found = KEPT.get(key)
    if found is None or now - found[0] > seconds:
        found = KEPT[key] = (now, build())
    return found[1]


def forget(*names: str) -> None:
    """Drop what is kept under ``names`` (in every language)."""
    for key in [key for key in KEPT if key[0] in names]:
        KEPT.pop(key, None)


def forget_on_change(sender: Any, **kwargs: Any) -> None:
    """Receiver of ``post_save``/``post_delete``: a row of a kept model changed in this process."""
    names = DEPENDS.get(sender._meta.label)
    if names:
        forget(*names)
