"""Indonesian phone numbers: every way they are written (``0812…``, ``+62 812…``, ``62812…``,
``812…`` after Excel dropped the zero) normalised to ``+62…``."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from inkubator.core.masking import mask_identifier

_NOISE = re.compile(r"[\s.\-()/]+")
# Digits after the country code: mobile 8–12 (e.g. 812 3456 7890), landline with area code 7–11.
NATIONAL_DIGITS = (7, 12)


def normalise_phone(value: object) -> str:
    """``+62…`` from an Indonesian number as typed; raises ``ValidationError`` naming the value."""
    text = _NOISE.sub("", str(value)).lstrip("'")
    if text.endswith(".0"):  # a number cell that went through a float
        text = text[:-2]
    if text.startswith("+62"):
        national = text[3:]
    elif text.startswith("0062"):
        national = text[4:]
    elif text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    elif text.startswith("8"):
        national = text  # the leading zero was eaten by a spreadsheet
    else:
        national = ""
    national = national.lstrip("0")
    low, high = NATIONAL_DIGITS
    if not national.isdigit() or not low <= len(national) <= high:
        raise ValidationError(
            _("%(value)s is not an Indonesian phone number (write it as 08…, +628… or 628…).") % {"value": value},
            code="phone",
        )
    return f"+62{national}"


# A phone is masked by the one mask of the project (``••••••••••7890``): the last four digits only.
phone_mask = mask_identifier
