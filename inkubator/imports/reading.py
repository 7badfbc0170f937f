"""The one reader of import files (CSV and XLSX), with the limits every import has.

Every import — the upload pages, ``manage.py import``, the streaming trainee import — reads through
``iter_rows``, which checks the file before any heavy work (DESIGN.md, "Security"):

* the size on disk, and an empty file;
* CSV: the encoding (UTF-8 with or without BOM, UTF-16 with or without BOM, Windows-1252), decoded
  incrementally, and NUL bytes (a binary file);
* XLSX: the zip directory — entry count, the declared unpacked size of the whole and of each part,
  and each part's compression ratio — before anything is unpacked; then each part is unpacked as a
  stream that stops as soon as it gives more bytes than it declared or than the limits allow, so a
  zip that lies about its sizes gets no further than an honest one;
* XML: parsed with expat as a stream; a DOCTYPE (and so any entity declaration) is refused, so
  entity expansion ("billion laughs") never starts;
* every cell: at most Excel's 32,767 characters, counted while the text arrives;
* rows: at most ``Limits.max_rows`` non-blank ones, columns at most ``Limits.max_columns``.

Each refusal is a ``ValidationError`` with a translated message; anything else a broken file makes
a library raise is turned into one too, so a page never answers 500 and a command never prints a
traceback. Rows come one at a time: memory stays flat whatever the file's length (only an XLSX's
shared strings, bounded by the limits, are held).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .cells import EXCEL_EPOCH

CellValue = str | int | float | bool | datetime.date | datetime.datetime | datetime.time | None
Numbered = tuple[int, tuple[CellValue, ...]]

XLSX_MAGIC = b"PK\x03\x04"
IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx")
DELIMITERS = (",", ";", "\t")
CHUNK = 64 * 1024
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What an import file may be. A kind registers other limits when it needs them (a year's trainees)."""

    max_bytes: int = 10 * MiB
    max_rows: int = 100_000
    # A 10 MB workbook of plain rows unpacks to well under 100 MB; more is a bomb or a picture album.
    max_unpacked_bytes: int = 200 * MiB
    # XML of real lists compresses 5-20 times; a part compressed 200 times is padding, not a list.
    max_ratio: int = 200
    # A workbook of one sheet has about a dozen parts; a few hundred covers many sheets and styles.
    max_zip_entries: int = 500
    max_cell_chars: int = 32_767  # Excel's own limit of a cell
    max_columns: int = 500

    @property
    def max_megabytes(self) -> int:
        return self.max_bytes // MiB


DEFAULT_LIMITS = Limits()


def file_format(name: str) -> str:
    """ "csv" or "xlsx" from a file name; raises ValidationError for anything else."""
    extension = Path(name or "").suffix.lower()
    if extension not in IMPORT_EXTENSIONS:
        raise ValidationError(_("Upload a CSV or XLSX file."), code="extension")
    return "xlsx" if extension == ".xlsx" else "csv"


def _too_big(limits: Limits) -> ValidationError:
    return ValidationError(_("The file is larger than %(size)s MB.") % {"size": limits.max_megabytes}, code="size")


def _not_xlsx() -> ValidationError:
    return ValidationError(_("The file's content is not an XLSX workbook."), code="magic")


def _not_text() -> ValidationError:
    return ValidationError(_("The file is not a text (CSV) file."), code="text")


def _unreadable() -> ValidationError:
    return ValidationError(_("The workbook cannot be read."), code="xlsx")


def _cell_too_long(limits: Limits) -> ValidationError:
    return ValidationError(
        _("A cell holds more than %(count)s characters, more than a spreadsheet cell can.")
        % {"count": f"{limits.max_cell_chars:,}"},
        code="cell",
    )


def check_file(*, name: str, stream: BinaryIO, size: int | None = None, limits: Limits = DEFAULT_LIMITS) -> str:
    """Check an import file before it is parsed; return its format ("csv" or "xlsx").

    Raises ``ValidationError`` (code ``extension``, ``size``, ``empty``, ``magic``, ``zip``,
    ``text``) with a message for the user. ``stream`` is left at its start. Nothing is unpacked.
    """
    fmt = file_format(name)
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    if size > limits.max_bytes:
        raise _too_big(limits)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    if fmt == "xlsx":
        if head != XLSX_MAGIC:
            raise _not_xlsx()
        _zip_directory(stream, limits)
    else:
        detect_encoding(stream)
    stream.seek(0)
    return fmt


# CSV -------------------------------------------------------------------------------------------


def detect_encoding(stream: BinaryIO) -> str:
    """The encoding a CSV is in: UTF-16 (BOM, or NULs in every other byte), else UTF-8, else cp1252.

    The whole file is decoded incrementally to choose between UTF-8 and Windows-1252 (a list
    exported by an old Excel is cp1252; one from LibreOffice or Google Sheets UTF-8). A NUL byte in
    a file that is not UTF-16 means a binary file renamed to .csv.
    """
    stream.seek(0)
    head = stream.read(4096)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            encoding = "utf-16-le"  # Latin text: every second byte is NUL
        elif even and even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            encoding = "utf-16-be"
        else:
            encoding = ""
    candidates = (encoding,) if encoding else ("utf-8-sig", "cp1252")
    for candidate in candidates:
        decoder = codecs.getincrementaldecoder(candidate)()
        try:
            for chunk in iter(lambda: stream.read(1 * MiB), b""):
                if not encoding and b"\x00" in chunk:
                    raise _not_text()
                text = decoder.decode(chunk)
                if encoding and "\x00" in text:
                    raise _not_text()
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            stream.seek(0)
            continue
        stream.seek(0)
        return candidate
    stream.seek(0)
    raise _not_text()


def sniff_delimiter(text: str, *, lines_read: int = 35) -> str:
    """The delimiter among , ; and tab that splits the first lines into the most consistent columns.

    csv.Sniffer guesses wrong on files with a title line or with comma decimals in a semicolon
    file ("-6,2"); counting columns per line and preferring the widest consistent split does not.
    """
    from collections import Counter

    lines = [line for line in text.splitlines()[:lines_read] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        common = Counter(width for width in widths if width > 1).most_common(1)
        if not common:
            continue
        width, count = common[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def clean_value(value: Any) -> CellValue:
    """Trimmed text ('' is None) and whole floats as ints (2020.0 → 2020); other values as they are."""
    if isinstance(value, str):
        # Non-breaking spaces come with text copied from web pages and PDFs.
        return value.replace("\u00a0", " ").strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _csv_rows(path: Path, limits: Limits, info: dict[str, str]) -> Iterator[Numbered]:
    with path.open("rb") as raw:
        encoding = detect_encoding(raw)
    with path.open(encoding=encoding, newline="") as stream:
        delimiter = sniff_delimiter(stream.read(CHUNK))
        stream.seek(0)
        info.update(encoding=encoding, delimiter=delimiter)
        reader = csv.reader(stream, delimiter=delimiter)
        number = 0
        max_columns, max_chars = limits.max_columns, limits.max_cell_chars
        try:
            # Record numbers, blank records included: the row a spreadsheet shows for each.
            # The loop body is the reader's cost per row (232,000 a year): built-ins and one list
            # comprehension, not a function call per cell (CSV cells are text; see ``clean_value``).
            for number, row in enumerate(reader, start=1):  # noqa: B007 (number read after the loop on error)
                if len(row) > max_columns:
                    raise _too_wide(limits)
                if row and max(map(len, row)) > max_chars:
                    raise _cell_too_long(limits)
                yield (
                    number,
                    tuple([(value.replace("\u00a0", " ").strip() or None) if value else None for value in row]),
                )
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise _cell_too_long(limits) from error
            raise ValidationError(
                _("The CSV file cannot be read after row %(row)s: %(error)s") % {"row": number, "error": error},
                code="csv",
            ) from error


def _too_wide(limits: Limits) -> ValidationError:
    return ValidationError(_("A row has more than %(count)s columns.") % {"count": limits.max_columns}, code="columns")


# XLSX ------------------------------------------------------------------------------------------


def _bomb(limits: Limits) -> ValidationError:
    return ValidationError(
        _("The workbook unpacks to more than %(size)s MB or is packed far more tightly than a list can be.")
        % {"size": limits.max_unpacked_bytes // MiB},
        code="zip",
    )


def _zip_directory(stream: BinaryIO, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """The parts of a workbook by name, after the checks on its directory; nothing is unpacked."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _not_xlsx() from error
    if len(entries) > limits.max_zip_entries:
        raise ValidationError(_("The workbook has too many parts to be a plain list."), code="zip")
    bomb = _bomb(limits)
    if sum(entry.file_size for entry in entries) > limits.max_unpacked_bytes:
        raise bomb
    for entry in entries:
        if entry.file_size > 1 * MiB and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise bomb
        # Deflate never makes data more than a little larger: a part "unpacking" to less than it
        # takes packed hides its real size (it is refused here rather than after inflating it).
        if entry.compress_type != zipfile.ZIP_STORED and entry.compress_size > entry.file_size * 1.01 + 1024:
            raise bomb
    parts = {entry.filename: entry for entry in entries}
    if "xl/workbook.xml" not in parts:
        raise _not_xlsx()
    return parts


class _CappedPart:
    """A part of the workbook unpacked as a stream, stopped when it gives more than it may."""

    def __init__(self, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: list[int], limits: Limits):
        self.stream = archive.open(entry)
        self.allowed = entry.file_size
        self.budget = budget
        self.limits = limits
        self.read_bytes = 0

    def chunks(self) -> Iterator[bytes]:
        with self.stream:
            while chunk := self.stream.read(CHUNK):
                self.read_bytes += len(chunk)
                self.budget[0] -= len(chunk)
                if self.read_bytes > self.allowed or self.budget[0] < 0:
                    # A part larger than its directory entry says: a crafted zip.
                    raise _bomb(self.limits)
                yield chunk


def _refuse_dtd(*_args: Any) -> None:
    raise ValidationError(
        _("The workbook holds an XML document type declaration, which a list never needs."), code="xml"
    )


def _parser() -> Any:
    parser = expat.ParserCreate()
    # No DOCTYPE, so no entity can be declared, so none can be expanded.
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1] if ":" in name else name


def _parse_part(part: _CappedPart, start: Any, end: Any, text: Any = None) -> Iterator[None]:
    """Feed a part to expat; yields after each chunk so that a caller can hand out finished rows."""
    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    for chunk in part.chunks():
        parser.Parse(chunk, False)
        yield
    parser.Parse(b"", True)
    yield


def _drain(iterator: Iterator[None]) -> None:
    for _step in iterator:
        pass


_BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)


def _is_date_format(code: str) -> bool:
    return bool(_DATE_LETTERS.search(_FORMAT_NOISE.sub("", code.split(";")[0])))


class _Workbook:
    """The first sheet of an XLSX, read part by part with expat."""

    def __init__(self, path: Path, limits: Limits):
        self.limits = limits
        with path.open("rb") as stream:
            self.parts = _zip_directory(stream, limits)
        self.archive = zipfile.ZipFile(path)
        self.budget = [limits.max_unpacked_bytes]
        self.shared: list[str] = []
        self.date_styles: set[int] = set()

    def part(self, name: str) -> _CappedPart | None:
        entry = self.parts.get(name)
        return None if entry is None else _CappedPart(self.archive, entry, self.budget, self.limits)

    def close(self) -> None:
        self.archive.close()

    # Which part is the first sheet, and where the shared strings are.
    def locate(self) -> tuple[str, str | None, str | None]:
        sheets: list[str] = []

        def workbook_start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == "sheet":
                rid = next((value for key, value in attrs.items() if _local(key) == "id"), "")
                sheets.append(rid)

        _drain(_parse_part(self.part("xl/workbook.xml"), workbook_start, lambda _n: None))
        targets: dict[str, tuple[str, str]] = {}

        def rels_start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == "Relationship":
                target = attrs.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

        rels = self.part("xl/_rels/workbook.xml.rels")
        if rels is not None:
            _drain(_parse_part(rels, rels_start, lambda _n: None))
        sheet = targets.get(sheets[0], ("", ""))[1] if sheets else ""
        if sheet not in self.parts:
            sheet = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in self.parts else ""
        if not sheet:
            raise ValidationError(_("The workbook has no sheet."), code="xlsx")
        by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in targets.values()}
        shared = by_type.get("sharedStrings", "xl/sharedStrings.xml")
        styles = by_type.get("styles", "xl/styles.xml")
        return sheet, shared if shared in self.parts else None, styles if styles in self.parts else None

    def read_styles(self, name: str) -> None:
        formats: dict[int, str] = {}
        xfs: list[int] = []
        where: list[str] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            tag = _local(tag)
            where.append(tag)
            if tag == "numFmt":
                formats[_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "")
            elif tag == "xf" and len(where) >= 2 and where[-2] == "cellXfs":
                xfs.append(_int(attrs.get("numFmtId"), 0))

        def end(_tag: str) -> None:
            where.pop()

        _drain(_parse_part(self.part(name), start, end))
        for index, format_id in enumerate(xfs):
            if format_id in _BUILTIN_DATE_FORMATS or (format_id in formats and _is_date_format(formats[format_id])):
                self.date_styles.add(index)

    def read_shared(self, name: str) -> None:
        limit = self.limits.max_cell_chars
        state = {"in_t": False, "skip": 0, "length": 0}
        pieces: list[str] = []

        def start(tag: str, _attrs: dict[str, str]) -> None:
            tag = _local(tag)
            if tag == "si":
                pieces.clear()
                state["length"] = 0
            elif tag == "t":
                state["in_t"] = True
            elif tag in ("rPh", "phoneticPr"):
                state["skip"] += 1  # phonetic guides are not the cell's text

        def end(tag: str) -> None:
            tag = _local(tag)
            if tag == "si":
                self.shared.append("".join(pieces))
            elif tag == "t":
                state["in_t"] = False
            elif tag in ("rPh", "phoneticPr"):
                state["skip"] -= 1

        def text(data: str) -> None:
            if state["in_t"] and not state["skip"]:
                state["length"] += len(data)
                if state["length"] > limit:
                    raise _cell_too_long(self.limits)
                pieces.append(data)

        _drain(_parse_part(self.part(name), start, end, text))

    def rows(self, sheet: str) -> Iterator[Numbered]:
        limits = self.limits
        done: list[Numbered] = []
        row: dict[int, CellValue] = {}
        state: dict[str, Any] = {"row": 0, "col": -1, "type": "n", "style": 0, "in_value": False, "skip": 0}
        pieces: list[str] = []
        length = [0]

        def start(tag: str, attrs: dict[str, str]) -> None:
            tag = _local(tag)
            if tag == "row":
                row.clear()
                state["row"] = _int(attrs.get("r"), state["row"] + 1)
                state["col"] = -1
            elif tag == "c":
                ref = attrs.get("r")
                state["col"] = _column_index(ref) if ref else state["col"] + 1
                if state["col"] >= limits.max_columns:
                    raise _too_wide(limits)
                state["type"] = attrs.get("t", "n")
                state["style"] = _int(attrs.get("s"), 0)
                pieces.clear()
                length[0] = 0
            elif tag in ("v", "t"):
                state["in_value"] = True
            elif tag == "rPh":
                state["skip"] += 1

        def end(tag: str) -> None:
            tag = _local(tag)
            if tag in ("v", "t"):
                state["in_value"] = False
            elif tag == "rPh":
                state["skip"] -= 1
            elif tag == "c":
                value = self.cell("".join(pieces), state["type"], state["style"])
                if value is not None:
                    row[state["col"]] = value
            elif tag == "row" and row:
                width = max(row) + 1
                done.append((state["row"], tuple(row.get(index) for index in range(width))))

        def text(data: str) -> None:
            if state["in_value"] and not state["skip"]:
                length[0] += len(data)
                if length[0] > limits.max_cell_chars:
                    raise _cell_too_long(limits)
                pieces.append(data)

        for _step in _parse_part(self.part(sheet), start, end, text):
            if done:
                yield from done
                done.clear()

    def cell(self, text: str, kind: str, style: int) -> CellValue:
        if kind == "s":
            try:
                return self.shared[int(text)]
            except (ValueError, IndexError):
                return None
        if kind in ("inlineStr", "str", "e"):
            return text
        if kind == "b":
            return text.strip() == "1"
        if not text:
            return None
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(text.strip())
            except ValueError:
                return text
        try:
            number = float(text)
        except ValueError:
            return text
        if style in self.date_styles and 0 <= number < 2_958_466:
            return _excel_date(number)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _column_index(ref: str) -> int:
    index = 0
    for char in ref:
        if not char.isalpha():
            break
        index = index * 26 + (ord(char.upper()) - 64)
    return index - 1


def _excel_date(serial: float) -> datetime.datetime | datetime.time:
    if serial < 1:
        seconds = round(serial * 86_400)
        return datetime.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    if serial < 60:  # Excel counts 29 February 1900, which never was
        serial += 1
    moment = datetime.datetime.combine(EXCEL_EPOCH, datetime.time()) + datetime.timedelta(days=serial)
    return moment.replace(microsecond=0) if moment.microsecond < 500_000 else moment


def _xlsx_rows(path: Path, limits: Limits) -> Iterator[Numbered]:
    workbook = _Workbook(path, limits)
    try:
        sheet, shared, styles = workbook.locate()
        if styles:
            workbook.read_styles(styles)
        if shared:
            workbook.read_shared(shared)
        for number, values in workbook.rows(sheet):
            yield number, tuple(clean_value(value) for value in values)
    finally:
        workbook.close()


# The reader ------------------------------------------------------------------------------------


def iter_rows(
    path: Path | str, *, fmt: str | None = None, limits: Limits = DEFAULT_LIMITS, info: dict[str, str] | None = None
) -> Iterator[Numbered]:
    """Every row of the file as ``(row number as the user sees it, cell values)``, after the checks.

    The file is checked (``check_file``) before the first row is read; ``info`` (when given) gets
    the encoding and delimiter of a CSV. Raises ``ValidationError`` for a file that breaks a limit
    or cannot be read, also for one found broken half-way (before the caller writes anything: the
    import writes only after the last row).
    """
    path = Path(path)
    with path.open("rb") as stream:
        fmt = check_file(name=path.name if fmt is None else f"file.{fmt}", stream=stream, limits=limits)
    info = {} if info is None else info
    rows = _xlsx_rows(path, limits) if fmt == "xlsx" else _csv_rows(path, limits, info)
    non_blank = 0
    try:
        for number, values in rows:
            if values.count(None) != len(values):  # not blank (count is C, a generator per row is not)
                non_blank += 1
                if non_blank > limits.max_rows + 1:  # the header is a row too
                    raise ValidationError(
                        _("The file has more than %(count)s rows; split it.") % {"count": f"{limits.max_rows:,}"},
                        code="rows",
                    )
            yield number, values
    except ValidationError:
        raise
    except (
        expat.ExpatError,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        ValueError,
        KeyError,
        EOFError,
    ) as error:
        # A broken or crafted file: whatever the library says, the user gets one clear message.
        raise (_unreadable() if fmt == "xlsx" else _not_text()) from error
    except RecursionError as error:  # deeply nested XML
        raise _unreadable() from error
