"""The one mask for personal identifiers: NIK, phone numbers, addresses (UU 27/2022, DESIGN.md).

Every place that shows such a value to someone who may not see it whole — pages, forms, exports,
the API and the audit trail (``AUDITLOG_MASK_CALLABLE``) — calls :func:`mask_identifier`, so that
the same person's NIK reads the same everywhere: ``••••••••••••0001``. At most the last four
characters stay visible, and only when they are at most half of the value; the birth date and
region a NIK encodes and a phone's operator prefix are hidden. The length is kept so that a masked
value still looks like what it is (16 places for a NIK).
"""

from __future__ import annotations

MASK_CHARACTER = "•"
VISIBLE_CHARACTERS = 4
# A value shorter than this is hidden whole: its last four characters would be too much of it.
SHORTEST_PARTLY_SHOWN = 2 * VISIBLE_CHARACTERS


def mask_identifier(value: object) -> str:
    """``3216010101900001`` → ``••••••••••••0001``; ``+6281234567890`` → ``••••••••••7890``.

    ``None`` and the empty string stay empty, and so does the text ``"None"`` that django-auditlog
    hands over for a field without a value (so that the trail says "no value", not "••••").
    """
    if value is None:
        return ""
    text = str(value).strip()
    if not text or text == "None":
        return text
    if len(text) < SHORTEST_PARTLY_SHOWN:
        return MASK_CHARACTER * len(text)
    return MASK_CHARACTER * (len(text) - VISIBLE_CHARACTERS) + text[-VISIBLE_CHARACTERS:]
