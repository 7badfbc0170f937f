"""The NIK (Nomor Induk Kependudukan): cleaning a typed or spreadsheet value and checking it.

A NIK is 16 digits: ``PPKKCC`` the province, regency and district of registration (Kemendagri
codes without dots), ``DDMMYY`` the birth date with 40 added to the day for women, and a 4-digit
serial that is never ``0000``. :func:`nik_check` is pure: the caller hands in the set of district
codes that exist (``district_codes()`` reads them once from the regions table), so that an import
of 232,000 rows checks each NIK without a query.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Container
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inkubator.core.masking import mask_identifier

NIK_LENGTH = 16
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE][+]?\d+$")
_SEPARATORS = re.compile(r"[\s.\-]+")
FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikProblem:
    """One reason a NIK is refused: a stable ``code`` and the message for the user (Indonesian by default)."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class NikError(ValueError):
    """A value that cannot be a NIK at all (before any check of its digits)."""

    def __init__(self, problem: NikProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def clean_nik(value: object) -> str:
    """The 16 digits of a NIK from a cell or a form: spaces, dots, dashes and a leading ``'`` removed.

    Raises :class:`NikError` for a number Excel wrote in scientific notation (``3.21604E+15``: the
    last digits are gone and cannot be recovered) or stored as a number (Excel keeps 15 digits).
    """
    if isinstance(value, bool) or value is None:
        raise NikError(NikProblem("empty", _("The NIK is empty.")))
    if isinstance(value, int | float):
        raise NikError(
            NikProblem(
                "excel_number",
                _(
                    "The NIK was stored as a number by Excel, which keeps only 15 digits: format the column "
                    "as Text and type the NIK again."
                ),
            )
        )
    text = str(value).strip().lstrip("'").strip()
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise NikError(
            NikProblem(
                "excel_scientific",
                _(
                    "The NIK %(value)s was converted to a number by Excel and its last digits are lost: "
                    "format the column as Text and type the NIK again."
                )
                % {"value": text},
            )
        )
    return _SEPARATORS.sub("", text)


def nik_birth(nik: str, *, this_year: int | None = None) -> tuple[datetime.date | None, str]:
    """The birth date and sex (``"M"``/``"F"``) encoded in a 16-digit NIK; date None when impossible.

    The year has two digits: a birth year later than this year is read as the previous century.
    """
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "F" if day > FEMALE_DAY_OFFSET else "M"
    if sex == "F":
        day -= FEMALE_DAY_OFFSET
    this_year = this_year or datetime.date.today().year
    full_year = 2000 + year if 2000 + year <= this_year else 1900 + year
    try:
        return datetime.date(full_year, month, day), sex
    except ValueError:
        return None, sex


def district_code(nik: str) -> str:
    """The Kemendagri district code a NIK names: ``3216010101900001`` → ``32.16.01``."""
    return f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"


def nik_check(
    nik: str,
    *,
    districts: Container[str],
    birth_date: datetime.date | None = None,
    sex: str | None = None,
    this_year: int | None = None,
) -> list[NikProblem]:
    """Every reason ``nik`` (already cleaned) is not a valid NIK of a person born on ``birth_date`` with ``sex``.

    ``districts`` holds the district codes that exist (``32.16.01`` style). An empty list: valid.
    The region is checked level by level so that the message says which part is wrong.
    """
    if len(nik) != NIK_LENGTH or not nik.isdigit():
        return [
            NikProblem(
                "length",
                _("A NIK has exactly 16 digits; %(value)s has %(count)s characters.")
                % {"value": nik, "count": len(nik)},
            )
            if nik.isdigit()
            else NikProblem("digits", _("A NIK has digits only; %(value)s has other characters.") % {"value": nik})
        ]
    problems: list[NikProblem] = []
    code = district_code(nik)
    if code not in districts:
        problems.append(
            NikProblem(
                "region",
                _(
                    "The first six digits of the NIK (%(code)s) are not a district (kecamatan) of "
                    "Indonesia: check the province, regency and district digits."
                )
                % {"code": nik[:6]},
            )
        )
    encoded, encoded_sex = nik_birth(nik, this_year=this_year)
    if encoded is None:
        problems.append(
            NikProblem(
                "date",
                _("Digits 7–12 of the NIK (%(digits)s) are not a date of birth (for women the day is plus 40).")
                % {"digits": nik[6:12]},
            )
        )
    else:
        if birth_date is not None and (encoded.day, encoded.month, encoded.year % 100) != (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        ):
            problems.append(
                NikProblem(
                    "birth_date_mismatch",
                    _("The NIK encodes the birth date %(encoded)s, but the date of birth given is %(given)s.")
                    % {"encoded": encoded.strftime("%d-%m-%Y"), "given": birth_date.strftime("%d-%m-%Y")},
                )
            )
        if sex and sex != encoded_sex:
            problems.append(
                NikProblem(
                    "sex_mismatch",
                    _("The NIK is that of a woman (day of birth plus 40), but the sex given is male.")
                    if encoded_sex == "F"
                    else _(
                        "The NIK is that of a man, but the sex given is female (a woman's day of birth is plus 40)."
                    ),
                )
            )
    if nik[12:] == "0000":
        problems.append(NikProblem("serial", _("The last four digits of the NIK (the serial) cannot be 0000.")))
    return problems


def district_codes() -> frozenset[str]:
    """Every district code of the regions table, read once per call (7,285 short strings)."""
    from inkubator.regions.models import District

    return frozenset(District.objects.values_list("code", flat=True))


# The NIK is masked by the one mask of the project (``••••••••••••0001``): same on every page, export,
# API answer and audit entry. The name stays for the callers that read better with it.
nik_mask = mask_identifier
