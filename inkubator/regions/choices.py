"""Choices shared by the regions app: the four administrative levels."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """An administrative level. A Kemendagri code's number of dotted segments is its level."""

    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/city")
    DISTRICT = "district", _("District")
    VILLAGE = "village", _("Village")


LEVELS_BY_DEPTH: tuple[Level, ...] = (Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE)

# Dotted Kemendagri codes: 32 / 32.16 / 32.16.01 / 32.16.01.2001.
CODE_PATTERN = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
# The same codes without dots, as spreadsheets often hold them: 32 / 3216 / 321601 / 3216012001.
UNDOTTED_CODE_PATTERN = re.compile(r"\d{2}|\d{4}|\d{6}|\d{10}")


def normalize_code(code: str) -> str | None:
    """The dotted form of a Kemendagri code (``"3216"`` → ``"32.16"``), or None if it is not one."""
    text = code.strip()
    if CODE_PATTERN.fullmatch(text):
        return text
    if UNDOTTED_CODE_PATTERN.fullmatch(text):
        return ".".join(part for part in (text[0:2], text[2:4], text[4:6], text[6:10]) if part)
    return None


def level_of(code: str) -> Level:
    """The level of a dotted code: one segment is a province, four a village."""
    return LEVELS_BY_DEPTH[code.count(".")]
