"""One row of a trainee list checked on its own: the columns a centre keeps and what each must hold.

Shared by the streaming bulk import (``bulk.py``, any size) and the import framework's importer
(``inkubator.training.importers``, small files through the upload flow). A checked row becomes
a :class:`TraineeRow`, ready for the staging table; a bad one a list of (column, message).
Everything the check needs is read once per file (district codes, batches in the user's scope,
vocational fields), so a row costs no query.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.centres.models import VocationalField
from inkubator.imports.cells import EXCEL_EPOCH, as_text, choice_key, choice_parser
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.reading import Limits
from inkubator.imports.suggest import Suggester
from inkubator.people.models import Education, Person
from inkubator.people.names import name_key
from inkubator.people.nik import FEMALE_DAY_OFFSET, NIK_LENGTH, NikError, clean_nik, district_code, nik_check
from inkubator.people.phones import NATIONAL_DIGITS, normalise_phone
from inkubator.people.words import SEX_LABELS, SEX_WORDS

from .choices import EnrollmentStatus
from .models import TrainingBatch


def _raw(value: Any) -> Any:
    """Cells reach the row check as read: the check gives every message itself."""
    return value


def _column(key: str, label: Any, *synonyms: str, required: bool = False) -> Column:
    return Column(key, label, synonyms, required=required, parser=_raw)


# A year's national intake is about 232,000 rows (30 MB of CSV): the trainee import streams, so its
# limits are above the framework's defaults; anything larger is not a trainee list.
TRAINEE_LIMITS = Limits(max_bytes=64 * 1024 * 1024, max_rows=300_000)

TRAINEE_SPEC = ImportSpec(
    kind="trainees",
    label=gettext_lazy("Trainees"),
    columns=(
        _column("nik", gettext_lazy("NIK"), "nik", "no ktp", "nomor induk kependudukan", "nik peserta", required=True),
        _column("name", gettext_lazy("Name"), "nama", "nama peserta", "nama lengkap", required=True),
        _column("sex", gettext_lazy("Sex"), "jenis kelamin", "jk", "l/p", "gender", required=True),
        _column("birth_place", gettext_lazy("Place of birth"), "tempat lahir"),
        _column("birth_date", gettext_lazy("Date of birth"), "tanggal lahir", "tgl lahir", required=True),
        _column("address", gettext_lazy("Address"), "alamat"),
        _column("phone", gettext_lazy("Phone"), "no hp", "nomor hp", "telepon", "no telp", "hp", "whatsapp"),
        _column("education", gettext_lazy("Education"), "pendidikan", "pendidikan terakhir"),
        _column("batch", gettext_lazy("Batch code"), "kode pelatihan", "kode angkatan", "angkatan", "batch"),
        _column("centre", gettext_lazy("Centre code"), "kode blk", "kode blkk", "kode lembaga"),
        _column("field", gettext_lazy("Vocational field"), "kejuruan", "program pelatihan"),
        _column("start_date", gettext_lazy("Start date"), "tanggal mulai", "tgl mulai", "mulai"),
        _column("end_date", gettext_lazy("End date"), "tanggal selesai", "tgl selesai", "selesai"),
        _column("status", gettext_lazy("Status"), "status peserta", "keterangan"),
        _column("attendance", gettext_lazy("Attendance (%)"), "kehadiran", "presensi"),
    ),
)

# The row checks look words up by their ``choice_key`` directly (``RowChecker._word``).
_SEX_KEYS = {choice_key(word): sex for word, sex in SEX_WORDS.items()}

STATUS_WORDS = {
    "terdaftar": EnrollmentStatus.REGISTERED,
    "daftar": EnrollmentStatus.REGISTERED,
    "registered": EnrollmentStatus.REGISTERED,
    "aktif": EnrollmentStatus.ACTIVE,
    "active": EnrollmentStatus.ACTIVE,
    "sedangpelatihan": EnrollmentStatus.ACTIVE,
    "lulus": EnrollmentStatus.COMPLETED,
    "selesai": EnrollmentStatus.COMPLETED,
    "completed": EnrollmentStatus.COMPLETED,
    "kompeten": EnrollmentStatus.COMPLETED,
    "keluar": EnrollmentStatus.DROPPED,
    "dropout": EnrollmentStatus.DROPPED,
    "mengundurkandiri": EnrollmentStatus.DROPPED,
    "dropped": EnrollmentStatus.DROPPED,
}
EDUCATION_WORDS = {
    "tidaksekolah": Education.NONE,
    "belumsekolah": Education.NONE,
    "sd": Education.PRIMARY,
    "mi": Education.PRIMARY,
    "smp": Education.JUNIOR,
    "mts": Education.JUNIOR,
    "sma": Education.SENIOR,
    "ma": Education.SENIOR,
    "slta": Education.SENIOR,
    "smk": Education.VOCATIONAL,
    "d1": Education.DIPLOMA,
    "d2": Education.DIPLOMA,
    "d3": Education.DIPLOMA,
    "d4": Education.DIPLOMA,
    "diploma": Education.DIPLOMA,
    "s1": Education.BACHELOR,
    "s2": Education.POSTGRADUATE,
    "s3": Education.POSTGRADUATE,
    **{value: value for value in Education.values},
}
# What an unknown sex, education or status is offered as (``RowChecker.suggest``): one plain word
# per value, each a word the row check reads back.
SUGGESTED_WORDS = {
    "sex": choice_parser(SEX_WORDS, what=str, labels=SEX_LABELS),
    "education": choice_parser(EDUCATION_WORDS, what=str, labels={
        Education.NONE: "tidak sekolah", Education.PRIMARY: "SD", Education.JUNIOR: "SMP",
        Education.SENIOR: "SMA", Education.VOCATIONAL: "SMK", Education.DIPLOMA: "Diploma",
        Education.BACHELOR: "S1", Education.POSTGRADUATE: "S2",
    }),
    "status": choice_parser(STATUS_WORDS, what=str, labels={
        EnrollmentStatus.REGISTERED: "terdaftar", EnrollmentStatus.ACTIVE: "aktif",
        EnrollmentStatus.COMPLETED: "lulus", EnrollmentStatus.DROPPED: "keluar",
    }),
}  # fmt: skip
_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d")
_DATE_SEPARATORS = re.compile(r"\s+")
_NAME_MAX = Person._meta.get_field("name").max_length
_PLACE_MAX = Person._meta.get_field("birth_place").max_length
_ADDRESS_MAX = Person._meta.get_field("address").max_length


class TraineeRow(NamedTuple):
    """A checked row, in the staging table's column order."""

    row: int
    nik: str
    name: str
    name_key: str
    sex: str
    birth_place: str
    birth_date: datetime.date
    phone: str
    address: str
    regency_id: str
    education: str
    batch_id: int
    status: str
    attendance: int | None


STAGE_COLUMNS = TraineeRow._fields
Problem = tuple[str, str]  # (column key, message)


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(value: Any) -> datetime.date:
    """A date from an Excel date, an Excel day number, or text as 31-12-2024, 31/12/2024 or 2024-12-31."""
    if type(value) is str:
        # The common case first, without strptime (a fifth of a row's cost otherwise).
        match = _DAY_MONTH_YEAR.match(value)
        if match:
            try:
                return datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                pass
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 80_000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = _DATE_SEPARATORS.sub("", as_text(value))
    for form in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValidationError(
        _('"%(value)s" is not a date: write it as 31-12-2024.') % {"value": as_text(value)}, code="date"
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if type(value) is str else as_text(value)


# The fast way (``RowChecker.check_chunk``) -------------------------------------------------------

# What a cell converter of the fast way returns when it cannot vouch for the cell: the row is then
# checked the ordinary way (``RowChecker.check``), which gives the messages.
_SLOW = object()
# Cells remembered by value only of these types: 1, 1.0 and True are equal dictionary keys, so a
# number or a boolean would take another's meaning (a date never equals a datetime). A tuple is the
# cells naming a batch, whose converter refuses any other type inside (``_fast_batch``).
_MEMO_TYPES = frozenset({str, type(None), datetime.date, datetime.datetime, tuple})
_MEMO_MAX = 50_000  # distinct cells remembered per column before starting afresh: memory stays flat


class _Memo(dict):
    """A column's converter remembered per distinct cell: a file repeats a handful of sexes, batches, dates."""

    def __init__(self, convert: Any) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, cell: Any) -> Any:
        if cell.__class__ not in _MEMO_TYPES:
            return _SLOW
        if len(self) >= _MEMO_MAX:
            self.clear()
        value = self[cell] = self.convert(cell)
        return value


class RowChecker:
    """Checks rows against the regions, the batches ``user`` may see and the vocational fields.

    Value reconciliation: ``values`` ({column key: {choice_key(value): meaning}}, the organisation's
    kept mappings and a values file's) is applied to the cells before they are checked. A cell that
    names nothing in its master list (sex, education, status, batch code, vocational field, centre
    code) stays an error and is also noted in ``found`` as ``(row, column key, cell as written)``
    for the caller to gather with ``suggest(key, cell)``: the likest values, batch and centre codes
    only among what ``user`` may see.
    """

    def __init__(
        self, *, user: Any, districts: frozenset[str], values: Mapping[str, Mapping[str, str]] | None = None
    ) -> None:
        batches = TrainingBatch.objects.all() if user is None else TrainingBatch.objects.visible_to(user)
        self.districts = districts
        self.values = {key: dict(mapped) for key, mapped in (values or {}).items() if mapped}
        self.found: list[tuple[int, str, Any]] = []
        self._suggesters: dict[str, Suggester] = {}
        # The fast way's district check: the six NIK digits of each district ("32.16.01" → "321601")
        # and the regency they name.
        self.regency_of_digits = {
            code[:2] + code[3:5] + code[6:]: code[:5]
            for code in districts
            if len(code) == 8 and code[2] == "." and code[5] == "."  # noqa: PLR2004 - "PP.KK.CC"
        }
        self._memos: dict[str, _Memo] = {}
        self.this_year = datetime.date.today().year
        self._word_cache: dict[int, dict[Any, str]] = {}
        self.batch_by_code: dict[str, int] = {}
        self.batch_by_key: dict[tuple[str, int, datetime.date], list[int]] = {}
        self.batch_codes: list[str] = []  # as written, for suggestions
        self.centre_codes: dict[str, str] = {}  # upper case → as written, of the centres of those batches
        rows = batches.values_list("pk", "code", "centre__code", "field_id", "start_date")
        for pk, code, centre, field, start in rows.iterator(chunk_size=5000):
            self.batch_by_code[code.upper()] = pk
            self.batch_codes.append(code)
            if centre:
                self.batch_by_key.setdefault((centre.upper(), field, start), []).append(pk)
                self.centre_codes.setdefault(centre.upper(), centre)
        self.fields: dict[str, int] = {}
        self.field_names: list[tuple[str, str]] = []  # (name, a text it is known by), for suggestions
        for pk, code, name, name_en in VocationalField.objects.values_list("pk", "code", "name", "name_en"):
            for word in (code, name, name_en):
                self.fields[choice_key(word)] = pk
                self.field_names.append((name, word))

    def suggest(self, key: str, cell: Any) -> list[str]:
        """The likest meanings of an unknown ``cell`` of column ``key``, best first (see the class docstring)."""
        if key in SUGGESTED_WORDS:
            return SUGGESTED_WORDS[key].suggest(cell)
        suggester = self._suggesters.get(key)
        if suggester is None:
            entries = {
                "batch": lambda: [(code, code) for code in self.batch_codes],
                "centre": lambda: [(code, code) for code in self.centre_codes.values()],
                "field": lambda: self.field_names,
            }[key]()
            suggester = self._suggesters[key] = Suggester(entries)
        return suggester(cell)

    def _mapped(self, cells: Mapping[str, Any]) -> Mapping[str, Any]:
        """The cells after the reconciled values (a new dict; ``cells`` is left as the file wrote it)."""
        mapped = dict(cells)
        for key, meanings in self.values.items():
            cell = mapped.get(key)
            if cell is not None:
                mapped[key] = meanings.get(choice_key(cell), cell)
        return mapped

    def _mapped_column(self, key: str, cells: list[Any]) -> list[Any]:
        """A column of a chunk after the reconciled values of ``key``, each distinct cell looked up once."""
        meanings = self.values[key]
        seen: dict[Any, Any] = {}
        out: list[Any] = []
        for cell in cells:
            if cell is None:
                out.append(None)
            elif cell.__class__ is str:
                meant = seen.get(cell)
                if meant is None:
                    meant = seen[cell] = meanings.get(choice_key(cell), cell)
                out.append(meant)
            else:
                out.append(meanings.get(choice_key(cell), cell))
        return out

    def _word(self, words: Mapping[str, str], value: Any) -> str:
        """``words``' meaning of a cell, remembered per distinct cell (a file repeats a handful of values)."""
        cache = self._word_cache.setdefault(id(words), {})
        found = cache.get(value)
        if found is None:
            found = cache[value] = words.get(choice_key(value), "")
        return found

    def check(self, number: int, cells: Mapping[str, Any]) -> tuple[TraineeRow | None, list[tuple[str, str]]]:
        """The row ready to stage, or None and every (column key, message) wrong with it."""
        errors: list[tuple[str, str]] = []
        written = cells
        if self.values:
            cells = self._mapped(cells)
        get = cells.get

        sex = self._word(_SEX_KEYS, get("sex") or "")
        if not sex:
            if get("sex") is None:
                errors.append(("sex", _("This column is required and the cell is empty.")))
            else:
                errors.append(("sex", _('"%(value)s" is not a sex: write L or P.') % {"value": as_text(get("sex"))}))
                self.found.append((number, "sex", written.get("sex")))
        birth_date = None
        if get("birth_date") is None:
            errors.append(("birth_date", _("This column is required and the cell is empty.")))
        else:
            try:
                birth_date = parse_date(get("birth_date"))
            except ValidationError as error:
                errors.append(("birth_date", error.messages[0]))
        nik = ""
        if get("nik") is None:
            errors.append(("nik", _("This column is required and the cell is empty.")))
        else:
            try:
                nik = clean_nik(get("nik"))
            except NikError as error:
                errors.append(("nik", error.problem.message))
            else:
                for problem in nik_check(
                    nik, districts=self.districts, birth_date=birth_date, sex=sex or None, this_year=self.this_year
                ):
                    errors.append(("nik", problem.message))
        name = get("name") or ""
        name = " ".join((name if type(name) is str else as_text(name)).split())
        if not name:
            errors.append(("name", _("This column is required and the cell is empty.")))
        elif len(name) > _NAME_MAX:
            errors.append(("name", _("The text is longer than %(max)s characters.") % {"max": _NAME_MAX}))
        phone = ""
        if get("phone") is not None:
            try:
                phone = normalise_phone(get("phone"))
            except ValidationError as error:
                errors.append(("phone", error.messages[0]))
        education = ""
        if get("education") is not None:
            education = self._word(EDUCATION_WORDS, get("education"))
            if not education:
                errors.append(
                    ("education", _('"%(value)s" is not a level of education.') % {"value": as_text(get("education"))})
                )
                self.found.append((number, "education", written.get("education")))
        status = ""
        if get("status") is not None:
            status = self._word(STATUS_WORDS, get("status"))
            if not status:
                errors.append(
                    ("status", _('"%(value)s" is not a status: write terdaftar, aktif, lulus or keluar.')
                     % {"value": as_text(get("status"))})
                )  # fmt: skip
                self.found.append((number, "status", written.get("status")))
        attendance = None
        if get("attendance") is not None:
            try:
                attendance = round(float(str(get("attendance")).rstrip("%").replace(",", ".")))
            except ValueError:
                attendance = -1
            if not 0 <= attendance <= 100:
                errors.append(("attendance", _("Attendance is a percentage from 0 to 100.")))
        batch_id = self._batch(cells, errors, number=number, written=written)
        birth_place = _text(get("birth_place"))[:_PLACE_MAX]
        address = _text(get("address"))[:_ADDRESS_MAX]
        if errors:
            return None, errors
        code = district_code(nik)
        return (
            TraineeRow(
                number,
                nik,
                name,
                name_key(name),
                sex,
                birth_place,
                birth_date,
                phone,
                address,
                code[:5],
                education,
                batch_id,
                status,
                attendance,
            ),  # fmt: skip
            [],
        )

    # The fast way: a chunk of rows column by column ------------------------------------------------

    def check_chunk(
        self, rows: list[tuple[int, tuple[Any, ...]]], keyed: list[tuple[int, str]]
    ) -> list[tuple[int, TraineeRow | None, list[Problem]]]:
        """``check`` for a chunk of rows as read (numbers and cells in file order): (number, row or None, errors).

        Blank rows (no mapped cell) are left out, as ``check``'s callers do. A clean row of the usual
        shape (text cells, the NIK as 16 digits, a phone of digits) is checked here column by column:
        a cell that repeats (sex, batch, education, status, dates) is converted once per distinct
        value, and the rest are a few string operations per row. Whatever this way cannot vouch for
        (any doubt, not only an error) goes to ``check``, so the result and every message are
        ``check``'s; the fast way only has to agree with it on the rows it accepts.
        """
        if not rows:
            return []
        index = {key: position for position, key in keyed}
        short = min(len(values) for _number, values in rows) <= max(index.values(), default=-1)

        def column(key: str) -> list[Any]:
            position = index.get(key)
            if position is None:
                return [None] * len(rows)
            if short:
                cells = [values[position] if position < len(values) else None for _number, values in rows]
            else:
                cells = [values[position] for _number, values in rows]
            # Reconciled values first (rows left to ``check`` are mapped there, from the file's cells).
            return self._mapped_column(key, cells) if key in self.values else cells

        memo = self._memo
        sexes = list(map(memo("sex", self._fast_sex).__getitem__, column("sex")))
        births = list(map(memo("birth_date", self._fast_birth).__getitem__, column("birth_date")))
        educations = list(map(memo("education", self._fast_education).__getitem__, column("education")))
        statuses = list(map(memo("status", self._fast_status).__getitem__, column("status")))
        attendances = list(map(memo("attendance", self._fast_attendance).__getitem__, column("attendance")))
        batch_cells: Any = column("batch")
        if any(key in index for key in ("centre", "field", "start_date")):
            batch_cells = zip(batch_cells, column("centre"), column("field"), column("start_date"), strict=True)
        batches = list(map(memo("batch", self._fast_batch).__getitem__, batch_cells))
        regency_of, slow, new, text, female = self.regency_of_digits, _SLOW, tuple.__new__, str, "F"
        name_max, place_max, address_max, low, high = _NAME_MAX, _PLACE_MAX, _ADDRESS_MAX, *NATIONAL_DIGITS
        results: list[tuple[int, TraineeRow | None, list[Problem]]] = []
        append = results.append
        # One loop without a call per row: each test that fails leaves the row to ``check``.
        for (number, values), nik, name, sex, birth, place, address, phone, education, batch, status, attendance in zip(
            rows, column("nik"), column("name"), sexes, births, column("birth_place"), column("address"),
            column("phone"), educations, batches, statuses, attendances, strict=True,
        ):  # fmt: skip
            if not (
                sex is slow or birth is slow or education is slow or status is slow or attendance is slow
                or batch is slow or nik.__class__ is not text or name.__class__ is not text
                or len(nik) != NIK_LENGTH or not nik.isdigit() or not nik.isascii()
                # The NIK's birth digits: the day (plus 40 for a woman), month and year of the date given.
                or nik[6:12] != birth[sex == female] or nik[12:] == "0000"
                or (regency := regency_of.get(nik[:6])) is None
            ):  # fmt: skip
                name = " ".join(name.split())
                if phone is None:
                    phone = ""
                elif phone.__class__ is text and phone.isdigit() and phone.isascii():
                    # What ``normalise_phone`` makes of 08… and of 8… (a spreadsheet ate the zero).
                    national = phone[1:] if phone[0] == "0" and phone[1:2] != "0" else phone if phone[0] == "8" else ""
                    phone = "+62" + national if low <= len(national) <= high else slow
                else:
                    phone = slow
                if place is None:
                    place = ""
                elif place.__class__ is text:
                    place = place[:place_max]
                else:
                    place = slow
                if address is None:
                    address = ""
                elif address.__class__ is text:
                    address = address[:address_max]
                else:
                    address = slow
                if name and len(name) <= name_max and phone is not slow and place is not slow and address is not slow:
                    key = name_key(name) if "." in name or "," in name else name.upper()
                    append((number, new(TraineeRow, (number, nik, name, key, sex, place, birth[2], phone, address,
                                                     regency, education, batch, status, attendance)), []))  # fmt: skip
                    continue
            by_key = {key: values[position] if position < len(values) else None for position, key in keyed}
            if any(value is not None for value in by_key.values()):
                checked, errors = self.check(number, by_key)
                append((number, checked, errors))
        return results

    def _memo(self, key: str, convert: Any) -> _Memo:
        memo = self._memos.get(key)
        if memo is None:
            memo = self._memos[key] = _Memo(convert)
        return memo

    def _fast_sex(self, cell: Any) -> Any:
        return self._word(_SEX_KEYS, cell) or _SLOW if cell is not None else _SLOW

    def _fast_birth(self, cell: Any) -> Any:
        """The NIK digits 7–12 of a man and of a woman born on the cell's date, and the date."""
        if cell is None:
            return _SLOW
        try:
            date = parse_date(cell)
        except ValidationError:
            return _SLOW
        year = date.year % 100
        return (f"{date.day:02d}{date.month:02d}{year:02d}", f"{date.day + FEMALE_DAY_OFFSET:02d}{date.month:02d}"
                f"{year:02d}", date)  # fmt: skip

    def _fast_education(self, cell: Any) -> Any:
        return "" if cell is None else self._word(EDUCATION_WORDS, cell) or _SLOW

    def _fast_status(self, cell: Any) -> Any:
        return "" if cell is None else self._word(STATUS_WORDS, cell) or _SLOW

    def _fast_attendance(self, cell: Any) -> Any:
        if cell is None:
            return None
        try:
            attendance = round(float(str(cell).rstrip("%").replace(",", ".")))
        except ValueError:
            return _SLOW
        return attendance if 0 <= attendance <= 100 else _SLOW  # noqa: PLR2004 - a percentage

    def _fast_batch(self, cells: Any) -> Any:
        """The batch of a code cell, or of (code, centre, field, start) cells; ``_SLOW`` when there is none."""
        if cells.__class__ is tuple:
            if any(cell.__class__ not in _MEMO_TYPES for cell in cells):
                return _SLOW
            keyed = dict(zip(("batch", "centre", "field", "start_date"), cells, strict=True))
        else:
            keyed = {"batch": cells}
        errors: list[tuple[str, str]] = []
        found = self._batch(keyed, errors)
        return _SLOW if errors else found

    def _batch(
        self, cells: Mapping[str, Any], errors: list[tuple[str, str]], *, number: int = 0,
        written: Mapping[str, Any] | None = None,
    ) -> int:  # fmt: skip
        """The batch a row names: its code, or its centre, field and start date; 0 with an error if none.

        With ``written`` (the row's cells as the file writes them) an unknown code, field or centre is
        noted in ``found`` for reconciliation.
        """
        code = cells.get("batch")
        if code is not None:
            found = self.batch_by_code.get((code if type(code) is str else as_text(code)).upper())
            if found is None:
                errors.append(
                    ("batch", _("No batch %(code)s in your scope: check the code or create the batch first.")
                     % {"code": as_text(code)})
                )  # fmt: skip
                if written is not None:
                    self.found.append((number, "batch", written.get("batch")))
                return 0
            return found
        centre, field, start = cells.get("centre"), cells.get("field"), cells.get("start_date")
        if centre is None or field is None or start is None:
            errors.append(
                ("batch", _("Give the batch code, or the centre code, vocational field and start date of the batch."))
            )
            return 0
        field_id = self.fields.get(choice_key(field))
        if field_id is None:
            errors.append(("field", _('"%(value)s" is not a vocational field.') % {"value": as_text(field)}))
            if written is not None:
                self.found.append((number, "field", written.get("field")))
            return 0
        try:
            start_date = parse_date(start)
        except ValidationError as error:
            errors.append(("start_date", error.messages[0]))
            return 0
        found = self.batch_by_key.get((as_text(centre).upper(), field_id, start_date), [])
        if not found and written is not None and as_text(centre).upper() not in self.centre_codes:
            # No batch in scope at that centre at all: the code itself is what to reconcile.
            self.found.append((number, "centre", written.get("centre")))
        if len(found) != 1:
            message = (
                _("No batch of %(field)s starting %(date)s at centre %(centre)s in your scope.")
                if not found
                else _("Several batches of %(field)s start %(date)s at centre %(centre)s: give the batch code.")
            )
            errors.append(
                ("batch", message % {"field": as_text(field), "date": start_date.strftime("%d-%m-%Y"),
                                     "centre": as_text(centre)})
            )  # fmt: skip
            return 0
        return found[0]
