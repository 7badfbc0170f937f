"""Readers of single cells: text, whole numbers, years, decimals with a comma, e-mail, choices.

Each takes a non-empty cell value as the file gives it (text from a CSV; text, number, date or
boolean from a workbook) and returns the value, or raises ``ValidationError`` with a message for
the user. The message names the value; the row and column are added by the validation pass.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (as openpyxl reads it)
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-"})
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def as_text(value: Any) -> str:
    """A cell as text: whole numbers without ".0", dates as ISO dates."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def parse_text(value: Any) -> str:
    """Text with runs of white space made one space."""
    return as_text(value)


def text_of_length(max_length: int) -> Callable[[Any], str]:
    """A text reader that refuses more than ``max_length`` characters (a database column's size)."""

    def parse(value: Any) -> str:
        text = as_text(value)
        if len(text) > max_length:
            raise ValidationError(
                _("The text is longer than %(max)s characters.") % {"max": max_length}, code="too_long"
            )
        return text

    return parse


def parse_year(value: Any) -> int:
    """A year from a number (2020, 2020.0), an Excel date, or text holding one year ("TA 2019")."""
    if isinstance(value, datetime.datetime | datetime.date):
        # A year typed into a date-formatted cell is read back as that day number: 2021 → 13 July 1905.
        serial = (_as_date(value) - EXCEL_EPOCH).days
        return serial if 1900 <= serial <= 2100 else value.year
    if isinstance(value, bool):
        raise ValidationError(_('"%(value)s" is not a year.') % {"value": value}, code="year")
    if isinstance(value, int | float):
        if float(value).is_integer():
            return int(value)
        raise ValidationError(_('"%(value)s" is not a year.') % {"value": value}, code="year")
    years = set(_YEAR.findall(as_text(value)))
    if len(years) != 1:
        raise ValidationError(_('"%(value)s" is not a year.') % {"value": as_text(value)}, code="year")
    return int(years.pop())


def _as_date(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def parse_decimal(value: Any) -> Decimal:
    """A decimal number; a comma is read as the decimal mark ("-6,2"), a typographic minus as "-"."""
    if isinstance(value, bool):
        raise ValidationError(_('"%(value)s" is not a number.') % {"value": value}, code="number")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = as_text(value).translate(_MINUS_SIGNS).replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_('"%(value)s" is not a number.') % {"value": as_text(value)}, code="number")
    return number


def parse_email(value: Any) -> str:
    """An e-mail address, checked like Django's EmailField."""
    text = as_text(value)
    try:
        validate_email(text)
    except ValidationError as error:
        raise ValidationError(_('"%(value)s" is not an e-mail address.') % {"value": text}, code="email") from error
    return text.lower()


def choice_key(value: Any) -> str:
    """How a choice cell is compared: lower case letters and digits only ("SP/SB" → "spsb")."""
    return re.sub(r"[^a-z0-9]+", "", as_text(value).lower())


class ChoiceReader:
    """A reader of a cell that names one of some choices: a master list, whose unknown values are reconciled.

    ``words`` maps the words a file may use to the values they mean ("L" → "M"); ``labels``, when
    given, maps values to what a person calls them ("M" → "Laki-laki", translatable), which are
    understood too (in every language of the site) and are what a suggestion shows. A cell that names
    no choice raises ``ValidationError``; the validation pass then lists it for reconciliation with
    ``suggest(cell)``: the choices most like it, best first, each once and spelled so that it reads
    back as that choice (a short list is offered whole, the likest first).
    """

    # A list of this many values or fewer is offered whole: the user picks one of "L" or "P".
    OFFER_ALL = 8
    SHOWN = 5

    def __init__(
        self, words: Mapping[str, Any], *, what: Callable[[], str], labels: Mapping[Any, Any] | None = None
    ) -> None:
        self.words = dict(words)
        self.labels = dict(labels or {})
        self.what = what
        self.known = {choice_key(word): value for word, value in self.words.items()}
        # The distinct values in a stable order: suggestions name them by position (a value may be
        # True or a TextChoices member, not only text).
        self.values = list(dict.fromkeys([*self.known.values(), *self.labels]))
        self._by_label: dict[str, dict[str, Any]] = {}
        self._suggesters: dict[str, Any] = {}

    def _label_keys(self) -> dict[str, Any]:
        """Labels in every language of the site: a mapping kept by one user reads the same for another."""
        keys = self._by_label.get("")
        if keys is None:
            keys = {}
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    for value, label in self.labels.items():
                        keys.setdefault(choice_key(str(label)), value)
            self._by_label[""] = keys
        return keys

    def __call__(self, cell: Any) -> Any:
        key = choice_key(cell)
        found = self.known.get(key)
        if found is None and self.labels:
            found = self._label_keys().get(key)
        if found is None:
            raise ValidationError(
                _('"%(value)s" is not one of: %(choices)s.') % {"value": as_text(cell), "choices": self.what()},
                code="choice",
            )
        return found

    def suggest(self, cell: Any) -> list[str]:
        """The choices most like ``cell``, best first, each once: its label, or the word likest the cell."""
        language = get_language() or ""
        suggester = self._suggesters.get(language)
        if suggester is None:
            from .suggest import Suggester  # suggest reads cells: imported on first use

            position = {value: str(index) for index, value in enumerate(self.values)}
            entries = [(position[value], word) for word, value in self.words.items()]
            entries += [(position[value], label) for value, label in self.labels.items()]
            cutoff = 0.0 if len(self.values) <= self.OFFER_ALL else 0.5
            suggester = self._suggesters[language] = Suggester(entries, limit=self.SHOWN, cutoff=cutoff)
        shown: list[str] = []
        for index in suggester(cell):
            value = self.values[int(index)]
            label = self.labels.get(value)
            shown.append(str(label) if label is not None else self._likest_word(value, cell))
        return shown

    def _likest_word(self, value: Any, cell: Any) -> str:
        from .suggest import likeness

        words = [word for word, meant in self.words.items() if meant == value]
        # A word like the cell ("laki-laki" for "Laki2"); when none is, the fullest ("perempuan", not "p").
        return max(words, key=lambda word: (round(likeness(cell, word), 2) if likeness(cell, word) >= 0.5 else 0,
                                            len(word)))  # fmt: skip


def choice_parser(
    words: Mapping[str, str], *, what: Callable[[], str], labels: Mapping[str, Any] | None = None
) -> ChoiceReader:
    """A reader of a cell that names one of some choices; ``words`` maps words to values (see ``ChoiceReader``).

    ``what`` names the choices for the error message ("active, inactive or closed"), lazily so
    the message follows the language at validation time.
    """
    return ChoiceReader(words, what=what, labels=labels)
