"""The parts of an .xlsx/.xlsm workbook (ECMA-376 Part 1, SpreadsheetML in an OPC ZIP), checked before a reader
written in another language sees them.

    file bytes -> ZIP (Python's zipfile: each part read to its declared size, CRC checked, the XML text of all
    read parts together at most ReadLimits.max_workbook_bytes, so a ZIP bomb stops at the limit)
    -> workbook.xml + its relationships: the sheets, in order, with their state (visible / hidden)
    -> the chosen sheet's XML, scanned (bytes, regular expressions) for what the reader hides or cannot bear:
         the extent of its cell addresses (a 4 KB file with cells at A1 and XFD1048576 would make calamine lay out
         17 billion cells and abort the process), formulas without a cached value and error cells (calamine gives
         both as empty text)
    -> a new ZIP, in memory, of only the parts the reader needs, stored (not compressed): calamine reads exactly
       the bytes checked here, never a stream that inflates beyond what was declared.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from exporter.sniff import ReadLimits

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
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
    """The ZIP of a workbook held in memory, read part by part within the limits."""

    def __init__(self, data: bytes, limits: ReadLimits) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise WorkbookDamaged("ZIP") from None
        self._names = {info.filename for info in self._zip.infolist()}
        self._budget = limits.max_workbook_bytes
        self.read_parts: dict[str, bytes] = {}

    def has(self, part: str) -> bool:
        return part in self._names

    def read(self, part: str, *, cap: int | None = None) -> bytes:
        """A part's bytes; the text read in all counts against the limit. Raises WorkbookDamaged, TooMuchText."""
        if part not in self._names:
            raise WorkbookDamaged(part)
        info = self._zip.getinfo(part)
        room = min(self._budget, cap if cap is not None else self._budget)
        if info.file_size > room:
            raise TooMuchText(part)
        try:
            with self._zip.open(info) as stream:
                data = stream.read(room + 1)  # zipfile stops at the declared size and checks the CRC there
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError):
            raise WorkbookDamaged(part) from None
        except RuntimeError:  # an encrypted ZIP entry (not how Excel encrypts, but possible)
            raise WorkbookDamaged(part) from None
        if len(data) > room:
            raise TooMuchText(part)
        self._budget -= len(data)
        self.read_parts[part] = data
        return data

    def sheets(self) -> list[SheetEntry]:
        """The sheets in workbook order, from workbook.xml and its relationships."""
        workbook = _xml(self.read(WORKBOOK_PART, cap=_SMALL_PART), WORKBOOK_PART)
        rels_part = "xl/_rels/workbook.xml.rels"
        rels = _xml(self.read(rels_part, cap=_SMALL_PART), rels_part)
        targets: dict[str, tuple[str, str]] = {}
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            targets[rel.get("Id", "")] = (_normalise(part), rel.get("Type", "").rsplit("/", 1)[-1])
        entries = []
        for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
            part, kind = targets.get(sheet.get(f"{{{REL_NS}}}id", ""), ("", ""))
            entries.append(
                SheetEntry(
                    name=sheet.get("name", ""),
                    part=part,
                    visible=sheet.get("state", "visible") == "visible",
                    worksheet=kind == "worksheet" and bool(part),
                )
            )
        return entries

    def reader_copy(self, sheet_part: str) -> bytes:
        """A ZIP of the parts calamine reads for one sheet, stored; other sheets, media and macros left out."""
        wanted = ["[Content_Types].xml", "_rels/.rels", WORKBOOK_PART, "xl/_rels/workbook.xml.rels", sheet_part]
        wanted += [p for p in ("xl/sharedStrings.xml", "xl/styles.xml") if p in self._names]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for part in wanted:
                if part in self._names:
                    data = self.read_parts.get(part)
                    copy.writestr(part, data if data is not None else self.read(part))
        return out.getvalue()


def _normalise(part: str) -> str:
    parts: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _xml(data: bytes, part: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # not in SpreadsheetML; refused before expat expands anything
        raise WorkbookDamaged(part)
    try:
        return ElementTree.fromstring(data)  # noqa: S314  (no DTD, checked above; a few KB)
    except ElementTree.ParseError:
        raise WorkbookDamaged(part) from None


# ----- the sheet's XML, scanned as bytes -----

_ROW_OR_CELL_REF = re.compile(rb'\sr="([A-Z]{0,3})([0-9]{1,9})"')
_CELL_WITHOUT_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])(?![^>]*\sr=")')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


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


def scan_sheet(xml: bytes) -> tuple[int, int, list[Problem]]:
    """The last row and column (1-based) that any address of the sheet reaches (what the reader lays out), and
    the cells it would pass on wrongly (:func:`sheet_problems`).

    The extent is estimated from both ends of the sheet; one pass of a regular expression (RE2 through pyarrow: a
    DFA, about 0.6 GB/s here) then looks for anything beyond the estimate, a cell without an address, a formula
    or an error cell. Most registers have none, and cost that one pass; otherwise the sheet is counted exactly.
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
    if not pc.match_substring_regex(whole, suspicious)[0].as_py():
        return last_row, last_column, []
    last_row = max((int(m[2]) for m in _ROW_OR_CELL_REF.finditer(xml)), default=0)
    last_column = max((column_number(m[1]) for m in _ROW_OR_CELL_REF.finditer(xml) if m[1]), default=0)
    if _CELL_WITHOUT_REF.search(xml):  # such cells follow the one before: count the widest row
        widest = max(len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]", row)) for row in xml.split(b"row>"))
        last_column += widest
        last_row = max(last_row, xml.count(b"row>"))
    return last_row, last_column, sheet_problems(xml)


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
