"""Hostile import files, built by the tests themselves: zip bombs, a huge cell, an entity payload.

The bombs are real: their parts inflate to what their directories say (1 GiB, 190 MB). They are
built in a blink by repeating one raw-deflate block ended with a full flush (each such block
inflates on its own), so the test does not have to compress a gigabyte.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MiB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"


def _deflate_piece(data: bytes) -> bytes:
    """Raw deflate of ``data``, byte-aligned and not final: pieces can be concatenated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


FINAL = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block


def deflated(head: bytes, block: bytes = b"", times: int = 0, tail: bytes = b"") -> tuple[bytes, int]:
    """(raw deflate, inflated size) of ``head + block * times + tail``."""
    middle = _deflate_piece(block) * times if times else b""
    return _deflate_piece(head) + middle + _deflate_piece(tail) + FINAL, len(head) + len(block) * times + len(tail)


def write_zip(path: Path, parts: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of (name, raw deflate, declared inflated size, CRC-32) entries, written by hand."""
    body, directory = bytearray(), bytearray()
    for name, data, size, crc in parts:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    path.write_bytes(bytes(body + directory + end))
    return path


def small(name: str, content: bytes) -> tuple[str, bytes, int, int]:
    data, size = deflated(content)
    return name, data, size, zlib.crc32(content)


def workbook(path: Path, sheet: tuple[str, bytes, int, int], *extra: tuple[str, bytes, int, int]) -> Path:
    """An XLSX whose first sheet (and any other part) is given."""
    return write_zip(
        path,
        [
            small("[Content_Types].xml", CONTENT_TYPES),
            small("xl/workbook.xml", WORKBOOK),
            small("xl/_rels/workbook.xml.rels", RELS),
            sheet,
            *extra,
        ],
    )


def zip_bomb(path: Path, *, gib: int = 1) -> Path:
    """A sheet that inflates to ``gib`` GiB of empty rows, declared honestly in the zip directory."""
    data, size = deflated(SHEET_HEAD, b"<row/>" * (MiB // 6), 1024 * gib, SHEET_TAIL)
    return workbook(path, ("xl/worksheets/sheet1.xml", data, size, 0))


def lying_zip_bomb(path: Path) -> Path:
    """The same bomb, its directory claiming the sheet is 600 kB: only reading can find it out."""
    data, _size = deflated(SHEET_HEAD, b"<row/>" * (MiB // 6), 1024, SHEET_TAIL)
    return workbook(path, ("xl/worksheets/sheet1.xml", data, 600 * 1024, 0))


def huge_cell(path: Path, *, megabytes: int = 190) -> Path:
    """One shared string of ``megabytes`` MB, in a file of a few hundred kB."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1" uniqueCount="1"><si><t>'
    )
    data, size = deflated(head, b"A" * MiB, megabytes, b"</t></si></sst>")
    sheet = small(
        "xl/worksheets/sheet1.xml", SHEET_HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL
    )
    return workbook(path, sheet, ("xl/sharedStrings.xml", data, size, 0))


def long_cell(path: Path, *, chars: int = 40_000) -> Path:
    """An honest little workbook whose one inline cell is longer than Excel allows."""
    text = b"B" * chars
    sheet = SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + text + b"</t></is></c></row>" + SHEET_TAIL
    return workbook(path, small("xl/worksheets/sheet1.xml", sheet))


def entity_payload(path: Path) -> Path:
    """The "billion laughs": ten levels of entities, each ten of the one below (3 GB expanded)."""
    entities = b'<!ENTITY lol0 "lollollollollollollollollollol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"".join(b"&lol%d;" % (level - 1) for _ in range(10)))
        for level in range(1, 10)
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [' + entities + b"]>"
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return workbook(path, small("xl/worksheets/sheet1.xml", sheet))
