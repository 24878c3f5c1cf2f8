"""The parts of an .xlsx/.xlsm workbook (ECMA-376 Part 1, SpreadsheetML in an OPC ZIP), checked before a reader
written in another language sees them.

    file bytes -> ZIP (Python's zipfile: each part read to its declared size, CRC checked, the XML text of all
    read parts together at most ReadLimits.max_workbook_bytes, so a ZIP bomb stops at the limit)
    -> workbook.xml + its relationships: the sheets, in order, with their state (visible / hidden)
    -> the chosen sheet's XML, scanned (bytes, regular expressions) for what the reader hides or cannot bear:
         the extent of its cell addresses (a 4 KB file with cells at A1 and XFD1048576 would make calamine lay out
         17 billion cells and abort the process), formulas without a cached value and error cells (calamine gives
         both as empty text)
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


# ----- the sheet's XML, scanned as bytes -----

_ROW_OR_CELL_REF = re.compile(rb'\sr="([A-Z]{0,3})([0-9]{1,9})"')
_CELL_WITHOUT_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])(?![^>]*\sr=")')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_HIDDEN_RE2 = 'hidden="(?:1|true)"'  # in every match of hidden_rows' pattern; a literal start: memchr speed in RE2


def column_number(letters: bytes | str) -> int:
    """1-based column number of column letters: A -> 1, Z -> 26, AA -> 27, XFD -> 16384."""
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """Column letters of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _greater_number(n: int) -> str:
    """A regular expression for decimal numbers (no leading zero) greater than ``n``."""
    digits = str(n)
    options = [f"[1-9][0-9]{{{len(digits)},}}"]
    for i, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - i - 1
            options.append(digits[:i] + f"[{int(digit) + 1}-9]" + (f"[0-9]{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(options) + ")"


def _greater_letters(n: int) -> str:
    """A regular expression for column letters after column ``n`` (1-based)."""
    letters = column_letters(n)
    options = [f"[A-Z]{{{len(letters) + 1},}}"]
    for i, letter in enumerate(letters):
        if letter != "Z":
            rest = len(letters) - i - 1
            options.append(letters[:i] + f"[{chr(ord(letter) + 1)}-Z]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(options) + ")"


@dataclass(frozen=True)
class SheetScan:
    """What :func:`scan_sheet` found: the last row and column (1-based) that any address reaches (what the reader
    lays out), the cells it would pass on wrongly (:func:`sheet_problems`) and the hidden rows
    (:func:`hidden_rows`)."""

    last_row: int
    last_column: int
    problems: list[Problem]
    hidden: list[int]


def scan_sheet(xml: bytes) -> SheetScan:
    """The sheet's extent, problem cells and hidden rows (:class:`SheetScan`).

    The extent is estimated from both ends of the sheet; one pass of a regular expression (RE2 through pyarrow: a
    DFA, about 0.3-0.6 GB/s here) then looks for anything beyond the estimate, a cell without an address, a formula
    or an error cell, and a second (a literal start: memchr speed) for ``hidden="1"``. Most registers have none,
    and cost those passes; otherwise the sheet is counted exactly. Both passes leave the GIL.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    ends = xml[:_LATE] + b" " + xml[-_LATE:]
    last_row = max((int(m[2]) for m in _ROW_OR_CELL_REF.finditer(ends)), default=0)
    last_column = max((column_number(m[1]) for m in _ROW_OR_CELL_REF.finditer(ends) if m[1]), default=0)
    suspicious = "|".join(
        (
            r't="e"',
            r"<f[\s/>]",
            r":f[\s/>]",
            r'\sr="[A-Z]{0,3}' + _greater_number(last_row) + '"',
            r'\sr="' + _greater_letters(last_column) + "[0-9]" if last_column else r'\sr="[A-Z]',
            r'<(?:[A-Za-z_][\w.-]*:)?c(?:\s+(?:[^r\s=>/][^\s=>]*|r[^\s=>]+)="[^"]*")*\s*/?>',
        )
    )
    offsets = pa.py_buffer((0).to_bytes(8, "little") + len(xml).to_bytes(8, "little"))
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(xml)])
    problem, hidden = (pc.match_substring_regex(whole, pattern)[0].as_py() for pattern in (suspicious, _HIDDEN_RE2))
    rows = hidden_rows(xml) if hidden else []
    if not problem:
        return SheetScan(last_row, last_column, [], rows)
    last_row = max((int(m[2]) for m in _ROW_OR_CELL_REF.finditer(xml)), default=0)
    last_column = max((column_number(m[1]) for m in _ROW_OR_CELL_REF.finditer(xml) if m[1]), default=0)
    if _CELL_WITHOUT_REF.search(xml):  # such cells follow the one before: count the widest row
        widest = max(len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]", row)) for row in xml.split(b"row>"))
        last_column += widest
        last_row = max(last_row, xml.count(b"row>"))
    return SheetScan(last_row, last_column, sheet_problems(xml), rows)


_CELL_ELEMENT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?P<tag>row|c)(?=[\s/>])(?P<attrs>[^>]*?)(?P<empty>/?)>", re.DOTALL
)
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>)", re.DOTALL)
_ATTR = re.compile(rb'\s([\w:.-]+)="([^"]*)"')


def sheet_problems(xml: bytes, limit: int = 10_000) -> list[Problem]:
    """Cells with a formula but no cached value, and error cells, in sheet order (at most ``limit``).

    A quick search first: sheets with neither formulas nor error cells (most registers) cost one pass."""
    if not _FORMULA.search(xml) and b't="e"' not in xml:
        return []
    problems: list[Problem] = []
    row, column = 0, -1
    for element in _CELL_ELEMENT.finditer(xml):
        attrs = dict(_ATTR.findall(element["attrs"]))
        if element["tag"] == b"row":
            row = int(attrs[b"r"]) - 1 if attrs.get(b"r", b"").isdigit() else row + 1
            column = -1
            continue
        ref = attrs.get(b"r")
        match = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,9})", ref) if ref else None
        if match:
            row, column = int(match[2]) - 1, column_number(match[1]) - 1
        else:
            column += 1
        if element["empty"]:
            continue
        end = _CELL_END.search(xml, element.end())
        body = xml[element.end() : end.start() if end else len(xml)]
        kind = attrs.get(b"t", b"n")
        value = _VALUE.search(body)
        if kind == b"e":
            text = (value[1] or b"").decode("utf-8", "replace").strip() if value else ""
            problems.append(Problem(row, column, "error", text or "#VALUE!"))
        elif _FORMULA.search(body) and (value is None or (not value[1] and kind not in (b"str", b"inlineStr"))):
            problems.append(Problem(row, column, "formula"))
        if len(problems) >= limit:
            break
    return problems


_ROW_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')


def hidden_rows(xml: bytes) -> list[int]:
    """The 0-based numbers of the rows hidden in Excel (``<row hidden="1">``, ECMA-376 18.3.1.73: hidden by
    hand, by an AutoFilter or by a collapsed group), in sheet order. A row without ``r`` follows the one before.

    A quick search first (bytes, at memchr speed: a row hidden holds one of them; LibreOffice writes
    ``hidden="false"`` on every row): most sheets hide nothing (``hidden`` of columns is on ``<col>`` and is not
    looked at)."""
    if b'hidden="1"' not in xml and b'hidden="true"' not in xml:
        return []
    hidden: list[int] = []
    row = -1
    for element in _ROW_ELEMENT.finditer(xml):
        attrs = element[1]
        number = re.search(rb'\sr="([0-9]{1,9})"', attrs)
        row = int(number[1]) - 1 if number else row + 1
        if _HIDDEN.search(attrs):
            hidden.append(row)
    return hidden
