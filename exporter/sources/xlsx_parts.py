"""The parts of an .xlsx/.xlsm workbook (ECMA-376 Part 1, SpreadsheetML in an OPC ZIP), checked before a reader
written in another language sees them.

    file bytes -> ZIP (Python's zipfile: each part read to its declared size, CRC checked, the XML text of all
    read parts together at most ReadLimits.max_workbook_bytes, so a ZIP bomb stops at the limit)
    -> workbook.xml + its relationships: the sheets, in order, with their state (visible / hidden)
    -> the chosen sheet's XML, scanned for what the reader hides or cannot bear (exporter/sources/sheet_scan.py)
    -> every other part the reader may read (shared strings, styles...) inflated once and counted the same way;
       each part must inflate to exactly its declared size, so calamine, reading the same file, meets exactly the
       bytes checked here
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from types import ModuleType

try:  # ISA-L's inflate and CRC: 2.5 times zlib's speed on a sheet's XML (the export's deflate uses it too)
    from isal import isal_zlib as _zlib_isal

    _zlib: ModuleType = _zlib_isal
except ImportError:  # pragma: no cover - isal is a dependency; zlib gives the same bytes
    _zlib = zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from exporter.sniff import ReadLimits

WORKBOOK_PART = "xl/workbook.xml"
_SMALL_PART = 16 << 20  # workbook.xml and relationships: a few KB in practice
_COLUMN_LIMIT = 16_384  # XFD, Excel's last column
_LATE = 1 << 16  # bytes at each end of the sheet where the extent is first estimated


class WorkbookDamaged(Exception):
    """A part is missing, unreadable or not what ECMA-376 says; ``part`` names it."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class TooMuchText(Exception):
    """The XML of the parts to read is over ``ReadLimits.max_workbook_bytes``."""


@dataclass(frozen=True)
class SheetEntry:
    name: str
    part: str  # the sheet's part name in the ZIP, e.g. xl/worksheets/sheet1.xml
    visible: bool
    worksheet: bool  # False for chart sheets and dialog sheets: no table


@dataclass(frozen=True)
class Problem:
    """A cell that cannot be passed on as what Excel shows: ``kind`` is "formula" (no cached value) or "error"."""

    row: int  # 0-based
    column: int  # 0-based
    kind: str
    text: str = ""  # the error shown (#N/A, #DIV/0!...)


class WorkbookZip:
    """The ZIP of a workbook held in memory, read part by part within the limits.

    Each part is inflated here from its compressed bytes (as the central directory places them, which is where
    calamine's ZIP reader takes them from too) and must end exactly at its declared size with its CRC: a part that
    inflates beyond what it declares (a ZIP bomb that lies about its size) is refused, so that the reader, given
    the same file, meets exactly the bytes checked here. Two entries of one name are refused for the same reason.
    """

    def __init__(self, data: bytes, limits: ReadLimits) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise WorkbookDamaged("ZIP") from None
        names = [info.filename for info in self._zip.infolist()]
        if len(names) != len(set(names)):
            raise WorkbookDamaged("ZIP")
        self._data = memoryview(data)
        self._names = set(names)
        self._budget = limits.max_workbook_bytes
        self.read_parts: dict[str, bytes] = {}

    def has(self, part: str) -> bool:
        return part in self._names

    @property
    def names(self) -> set[str]:
        return set(self._names)

    def read(self, part: str, *, cap: int | None = None) -> bytes:
        """A part's bytes; the text read in all counts against the limit. Raises WorkbookDamaged, TooMuchText."""
        if part in self.read_parts:
            return self.read_parts[part]
        if part not in self._names:
            raise WorkbookDamaged(part)
        info = self._zip.getinfo(part)
        room = min(self._budget, cap if cap is not None else self._budget)
        if info.file_size > room:
            raise TooMuchText(part)
        data = self._inflate(info, part)
        self._budget -= len(data)
        self.read_parts[part] = data
        return data

    def _inflate(self, info: zipfile.ZipInfo, part: str) -> bytes:
        header = bytes(self._data[info.header_offset : info.header_offset + 30])
        if len(header) != 30 or header[:4] != b"PK\x03\x04" or info.flag_bits & 1:  # bit 0: encrypted entry
            raise WorkbookDamaged(part)
        names = int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
        start = info.header_offset + 30 + names
        raw = self._data[start : start + info.compress_size]
        if len(raw) != info.compress_size:
            raise WorkbookDamaged(part)
        if info.compress_type == zipfile.ZIP_STORED:
            data = bytes(raw)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = _zlib.decompressobj(-15)
            try:
                data = inflater.decompress(raw, info.file_size + 1)
            except (zlib.error, _zlib.error):
                raise WorkbookDamaged(part) from None
            if not inflater.eof or inflater.unconsumed_tail:  # more than it declares, or cut short: not honest
                raise WorkbookDamaged(part)
        else:
            raise WorkbookDamaged(part)
        if len(data) != info.file_size or _zlib.crc32(data) != info.CRC:
            raise WorkbookDamaged(part)
        return data

    def sheets(self) -> list[SheetEntry]:
        """The sheets in workbook order, from workbook.xml and its relationships (read with regular expressions:
        two small parts, and no XML parser to bundle)."""
        workbook = _text(self.read(WORKBOOK_PART, cap=_SMALL_PART), WORKBOOK_PART)
        rels_part = "xl/_rels/workbook.xml.rels"
        rels = _text(self.read(rels_part, cap=_SMALL_PART), rels_part)
        targets: dict[str, tuple[str, str]] = {}
        for element in _elements("Relationship", rels):
            target = element.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            targets[element.get("Id", "")] = (_normalise(part), element.get("Type", "").rsplit("/", 1)[-1])
        entries = []
        for element in _elements("sheet", workbook):
            rel_id = next((value for key, value in element.items() if key.endswith(":id")), "")
            part, kind = targets.get(rel_id, ("", ""))
            entries.append(
                SheetEntry(
                    name=element.get("name", ""),
                    part=part,
                    visible=element.get("state", "visible") == "visible",
                    worksheet=kind == "worksheet" and bool(part),
                )
            )
        return entries


def _normalise(part: str) -> str:
    parts: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _text(data: bytes, part: str) -> str:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # not in SpreadsheetML
        raise WorkbookDamaged(part)
    try:
        return data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookDamaged(part) from None


def unescape(value: str) -> str:
    """XML text with its character references (``&#20870;``, ``&#x5186;``) and the five named entities replaced."""

    def replace(match: re.Match[str]) -> str:
        if match[3]:
            return _NAMED[match[3]]
        code = int(match[1], 16) if match[1] else int(match[2])
        return chr(code) if 0 < code < 0x110000 else "\ufffd"

    return _REFERENCE.sub(replace, value)


def _elements(tag: str, text: str) -> list[dict[str, str]]:
    """The attributes (unescaped) of every ``<tag ...>`` element, any namespace prefix."""
    pattern = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?" + tag + r"(\s[^>]*)?/?>")
    return [
        {name: unescape(double if double or not single else single) for name, double, single in
         _ATTRIBUTE.findall(match[1] or "")}
        for match in pattern.finditer(text)
    ]  # fmt: skip


def column_number(letters: bytes | str) -> int:
    """1-based column number of column letters: A -> 1, Z -> 26, AA -> 27, XFD -> 16384 (lower case as upper)."""
    number = 0
    for letter in (letters.decode() if isinstance(letters, bytes) else letters).upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """Column letters of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
