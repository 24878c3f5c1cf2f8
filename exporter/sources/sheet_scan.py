"""The chosen sheet's XML, scanned as bytes before python-calamine lays it out, for what the reader hides or cannot
bear: the extent of its cell addresses (a 4 KB file with cells at A1 and XFD1048576 would make calamine lay out 17
billion cells and abort the process), formulas without a cached value and error cells (calamine gives both as empty
text), rows hidden in Excel, and values calamine would read as another value (a shared-string index written ``-1``
or ``2.0`` gives the first shared string; a number written ``&#50;`` gives nothing).

XML spells an attribute in more ways than Excel writes it: either quote, whitespace around ``=``, character
references in the value; calamine also reads the column letters of ``r`` in lower case and its digits with leading
zeros. Excel's spelling (``r="A1"``, ``t="e"``, ``hidden="1"``) is searched for in one pass of RE2; any other
spelling of the attributes that matter sends the sheet to the exact pass (:func:`exact_scan`), which reads every
``<row>`` and ``<c>`` as calamine does (checked spelling by spelling in tests/test_workbook_spellings.py):

- ``r`` of a cell and of a row, without a namespace prefix (calamine ignores ``x:r``): the raw value, column
  letters in either case, digits with leading zeros; no character reference, no whitespace (calamine refuses
  those). A cell without ``r`` follows the one before in its row; a row without ``r`` follows the row before
  (whatever its cells' addresses); a hidden row's cells count as hidden wherever their addresses place them.
- ``t`` and ``s`` of a cell (no prefix): the raw value; a style written otherwise than in digits is ignored by
  calamine (a date shown as its serial number): refused as damaged.
- ``hidden`` of a row: the value with its references replaced and whitespace trimmed (xsd:boolean), "1" or "true".
- ``<v>`` of a cell: a shared-string index must be digits below 2**32; a value holding a reference or markup is
  lost by calamine for every type but ``str``: both refused as damaged. calamine keeps the last ``<v>``, ``<is>``
  or ``<f>`` of a cell (``<f>`` empties it), the checks read the first: a value or inline string followed by
  another of them is refused as damaged (Excel writes ``f``, then ``v`` or ``is``).

A sheet in Excel's spelling whose only findings are error cells, formulas without a cached value or empty values
is not read exactly: only the cells holding those are (:func:`targeted_problems`), the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from exporter.sources.xlsx_parts import Problem, WorkbookDamaged, column_letters, column_number, unescape

_LATE = 1 << 16  # bytes at each end of the sheet where the extent is first estimated
_HUGE = 10**12  # a row or column number this long is past every limit (and past calamine's 32 bits)
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"

# A cell holding something, with its address in Excel's spelling (the estimate): calamine lays out no cell without
# a value, and a cell written self-closed (``<c r="XFD1048576" s="1"/>``: formatting alone) has none.
_CELL_HOLDING = "<" + r"(?:[A-Za-z_][\w.-]*:)?c\s(?:[^>]*\s)?r=\""
_NOT_SELF_CLOSED = r'"(?:[^>]*[^/>])?>'
_HOLDING_CELL_REF = re.compile((_CELL_HOLDING + "([A-Z]{0,3})([0-9]{1,9})" + _NOT_SELF_CLOSED).encode())
_HIDDEN_RE2 = 'hidden="(?:1|true)"'  # in every match of hidden_rows' pattern; a literal start: memchr speed in RE2
# A formula is passed on as its cached value, which must follow it (ECMA-376 18.3.1.4: <c> holds f, then v); a
# sheet where any formula is not followed by a value, or with an empty value, is read by the exact pass.
_NS = r"(?:[A-Za-z_][\w.-]*:)?"
_FORMULA_RE2 = "<" + _NS + r"f[\s/>]"
_CACHED_RE2 = "<" + _NS + r"f(?:\s[^>]*)?(?:/>|>[^<]*</" + _NS + r"f\s*>)\s*<" + _NS + r"v(?:\s[^>]*)?>[^<]"
_EMPTY_VALUE = "<" + _NS + r"v(?:\s[^>]*)?(?:/>|></)"
_TAG = "<(?:[A-Za-z_][\\w.-]*:)?(?:c|row)\\s[^>]*"
_INDEX = r"(?:[^0-9]|[0-9]{10}|[0-9]{1,9}[^0-9<])"  # after <v>: not 1 to 9 digits and the end of the value
_AFTER_COLON = r"(?:[^v]|v(?:[^>]|>" + _INDEX + "))"  # after "<prefix:": not v> and an index
_NAME_REST = r"[\w.-]*(?::" + _AFTER_COLON + r"|[^\w.:-])"  # the rest of a name: a prefix not followed by v>...
# after "<": anything but an optional prefix, "v>", 1 to 9 digits and "<" (a DFA's spelling of a negation)
_NOT_A_VALUE = r"(?:[^A-Za-z_]|v(?:>" + _INDEX + "|:" + _AFTER_COLON + r"|[\w.-]" + _NAME_REST + r"|[^\w.:>-])"
_NOT_A_VALUE += "|[A-Za-uw-z_]" + _NAME_REST + ")"
_OTHER_SPELLINGS = (
    _TAG + r"(?:'|\s=|=\s|:r=)",  # either quote, whitespace around =, a prefixed r
    _TAG + r'="[^"]*>',  # a ">" inside an attribute's value: [^>]* would end the tag there
    r'\sr="(?:[A-Z]{0,3}(?:[^A-Z1-9]|[1-9][0-9]{0,8}[^0-9"]|[1-9][0-9]{9})|[A-Z]{4})',  # a, 0, &, 10 digits...
    r'\ss="[^"]*[^0-9"]',  # a style number with a reference or whitespace
    r'\shidden="(?:[^01tf"]|[01][^"]|t(?:[^r]|r[^u]|ru[^e]|rue[^"])|f(?:[^a]|a[^l]|al[^s]|als[^e]|alse[^"]))',
    # a shared-string index that is not 1 to 9 digits, or a value that is not the cell's first child (any prefix)
    r'\st="s"(?:[^>/]|/[^>])*>(?:[^<]|<' + _NOT_A_VALUE + ")",
    # a value or an inline string followed by another element (calamine keeps the last v, is or f: f empties it)
    "(?:</" + _NS + r"(?:v|is)\s*|<" + _NS + r"v(?:\s[^>]*)?/)>[^<]*<[^/]",
    "<" + _NS + r"v(?:\s[^>]*)?>[^<]*&",  # a reference in a value
    "<" + _NS + r"v(?:\s[^>]*)?>[^<]*<[^/]",  # markup in a value (CDATA, a comment): calamine loses or cuts it
    r'<(?:[A-Za-z_][\w.-]*:)?row(?:\s+(?:[^r\s=>/][^\s=>]*|r[^\s=>]+)="[^"]*")*\s*/?>',  # a row without r
)


@dataclass(frozen=True)
class SheetScan:
    """What :func:`scan_sheet` found: the last row and column (1-based) that the address of a cell holding
    something reaches (what the reader lays out; a self-closed cell holds nothing), the cells it would pass on
    wrongly, the hidden rows (0-based) and whether the sheet was read by the exact pass (``exact``: attributes may
    be spelled otherwise than Excel spells them, a cell may lack its address, so whoever reads its cells must place
    them as calamine does: :func:`cells`). A sheet in Excel's spelling whose problem cells alone were read
    (:func:`targeted_problems`) is not ``exact``."""

    last_row: int
    last_column: int
    problems: list[Problem]
    hidden: list[int]
    exact: bool = False


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


def scan_sheet(xml: bytes, part: str = "") -> SheetScan:
    """The sheet's extent, problem cells and hidden rows (:class:`SheetScan`). Raises :class:`WorkbookDamaged`
    (``part``) for an address or a value calamine would refuse or read as another value.

    The extent is estimated from both ends of the sheet; one pass of a regular expression (RE2 through pyarrow: a
    DFA, about 0.3-0.6 GB/s here) then looks for anything beyond the estimate, a cell without an address, an error
    cell, an empty value or an attribute spelled otherwise than Excel spells it, and a second (a literal start:
    memchr speed) for ``hidden="1"``; where there are formulas, two more count them and those followed by a value.
    Most registers have none of these, and cost those passes. A sheet with anything beyond the estimate or spelled
    otherwise is read exactly (:func:`exact_scan`, ``exact``); one in Excel's spelling with only error cells,
    formulas without a value or empty values has just those cells read (:func:`targeted_problems`), its extent
    being the estimate. The passes leave the GIL.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    last_row, last_column = _estimate(xml)
    spelling = "|".join(
        (
            _CELL_HOLDING + "[A-Z]{0,3}" + _greater_number(last_row) + _NOT_SELF_CLOSED,
            _CELL_HOLDING + (_greater_letters(last_column) if last_column else "[A-Z]") + "[0-9]*" + _NOT_SELF_CLOSED,
            r'<(?:[A-Za-z_][\w.-]*:)?c(?:\s+(?:[^r\s=>/][^\s=>]*|r[^\s=>]+)="[^"]*")*\s*/?>',
            *_OTHER_SPELLINGS,
        )
    )
    offsets = pa.py_buffer((0).to_bytes(8, "little") + len(xml).to_bytes(8, "little"))
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(xml)])
    patterns = ("|".join((r't="e"', _EMPTY_VALUE, spelling)), _HIDDEN_RE2)
    suspicious, hidden = (pc.match_substring_regex(whole, pattern)[0].as_py() for pattern in patterns)
    if suspicious and pc.match_substring_regex(whole, spelling)[0].as_py():
        return exact_scan(xml, part)  # another spelling (or beyond the estimate): every cell is read exactly
    problem = suspicious
    if not problem and (b"<f" in xml or b":f" in xml):  # formulas (or text like them): each must have its value
        formulas, with_values = (pc.count_substring_regex(whole, p)[0].as_py() for p in (_FORMULA_RE2, _CACHED_RE2))
        problem = formulas != with_values
    rows = hidden_rows(xml) if hidden else []
    if not problem:
        return SheetScan(last_row, last_column, [], rows)
    return SheetScan(last_row, last_column, targeted_problems(xml, part), rows)


def _estimate(xml: bytes) -> tuple[int, int]:
    """The last row and column (1-based) of the cells holding something at both ends of the sheet: its first
    ``_LATE`` bytes, and its last ones, reaching further back while they hold no such cell (a sheet may end in
    formatted empty cells). Rows come in order in every writer's sheet; the RE2 pass checks the estimate."""
    head = _HOLDING_CELL_REF.findall(xml[:_LATE])
    span, tail = _LATE, list[tuple[bytes, bytes]]()
    while not tail and span < 2 * len(xml):
        tail = _HOLDING_CELL_REF.findall(xml[max(len(xml) - span, _LATE) :])
        span *= 4
    found = head + tail
    return max((int(row) for _, row in found), default=0), max((column_number(c) for c, _ in found if c), default=0)


_ATTRIBUTES = rb"""((?:[^>"']|"[^"]*"|'[^']*')*?)"""  # a quoted value may hold ">"
_ELEMENT = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])" + _ATTRIBUTES + rb"(/?)>")
_ROW_ELEMENT = re.compile(_PREFIX + rb"row(?=[\s/>])" + _ATTRIBUTES + rb"/?>")
_ATTRIBUTE = re.compile(rb"""(?<![\w:.-])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]+)")
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
_ROW_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?row\s*>")
_VALUE = re.compile(_PREFIX + rb"v(?:\s[^>]*)?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>)", re.DOTALL)
_FORMULA = re.compile(_PREFIX + rb"f[\s/>]")
_CONTENT = re.compile(_PREFIX + rb"(?:v|is)(?=[\s/>])")  # a cell's value or inline string
_CHILD = re.compile(_PREFIX + rb"(?:v|is|f)(?=[\s/>])")  # what calamine reads a cell's value from
_CACHED = re.compile(_CACHED_RE2.encode())  # at a formula's start: it is followed by a non-empty value
_CELL_START = re.compile(_PREFIX + rb"c(?=[\s/>])" + _ATTRIBUTES + rb"(/?)>")
_BOUNDARY = re.compile(rb"</?(?:[A-Za-z_][\w.-]*:)?(?:c|row|sheetData|worksheet)(?=[\s/>])")
_XML_SPACE = b" \t\r\n"


def attributes(text: bytes) -> dict[bytes, bytes]:
    """The attributes of an element (the text between its name and ``>``) as XML reads them, either quote and
    whitespace around ``=``, their values raw (no reference replaced); names with a namespace prefix are left out,
    as calamine ignores them (``x:r="B2"`` places no cell: checked with python-calamine 0.9.1). The last of a name
    given twice."""
    found: dict[bytes, bytes] = {}
    for prefix, name, double, single in _ATTRIBUTE.findall(text):
        if not prefix:
            found[name] = double if double or not single else single
    return found


def reference(value: bytes) -> tuple[int, int] | None:
    """The 1-based (row, column) of an address as calamine reads it (``c07`` -> (7, 3); column 0: no letters);
    None where calamine refuses it (a reference, whitespace, no digits, row 0). Past 12 digits or letters: 10**12."""
    match = _REFERENCE.fullmatch(value)
    if match is None:
        return None
    digits, letters = match[2].lstrip(b"0"), match[1]
    row = int(digits) if len(digits) <= 12 else _HUGE
    return (row, column_number(letters) if len(letters) <= 8 else _HUGE) if row else None


def _is_hidden(attrs: dict[bytes, bytes]) -> bool:
    return unescape(attrs.get(b"hidden", b"").decode("utf-8", "replace")).strip(" \t\r\n") in ("1", "true")


def _row_number(attrs: dict[bytes, bytes], before: int) -> int:
    """The 0-based number of a row: its ``r`` (its digits, as calamine reads it), else the one before's + 1."""
    number = attrs.get(b"r")
    found = reference(number) if number is not None else None
    return found[0] - 1 if found else before + 1


def hidden_rows(xml: bytes) -> list[int]:
    """The 0-based numbers of the rows hidden in Excel (``<row hidden="1">``, ECMA-376 18.3.1.73: hidden by
    hand, by an AutoFilter or by a collapsed group), in sheet order, whatever the spelling of ``hidden`` and ``r``
    (``hidden`` of columns is on ``<col>`` and is not looked at; LibreOffice writes ``hidden="false"`` on every
    row). A cell of a hidden row whose address places it on another row is hidden too, as :func:`cells` has it."""
    hidden: list[int] = []
    row = -1
    for element in _ROW_ELEMENT.finditer(xml):
        attrs = attributes(element[1])
        row = _row_number(attrs, row)
        if _is_hidden(attrs):
            hidden.append(row)
            if not element[0].endswith(b"/>"):
                end = _ROW_END.search(xml, element.end())
                for cell in _CELL_START.finditer(xml, element.end(), end.start() if end else len(xml)):
                    found = reference(attributes(cell[1]).get(b"r", b""))
                    if found is not None and found[0] - 1 != row:
                        hidden.append(found[0] - 1)
    return hidden


Cell = tuple[int, int, dict[bytes, bytes], "re.Match[bytes]"]  # row, column (0-based), attributes, start tag


def cells(xml: bytes, part: str = "", hidden: list[int] | None = None) -> Iterator[Cell]:
    """Every cell of the sheet as calamine places it: its 0-based row and column, its attributes (:func:`attributes`)
    and its start tag (``[3]``: "/" for an empty cell); the hidden rows are added to ``hidden``. Raises
    :class:`WorkbookDamaged` (``part``) for an address calamine refuses or a style not written in digits."""
    row, column, hiding = -1, -1, False
    for element in _ELEMENT.finditer(xml):
        if element[1] == b"row":
            attrs = attributes(element[2])
            if b"r" in attrs and reference(attrs[b"r"]) is None:
                raise WorkbookDamaged(part)
            row, column, hiding = _row_number(attrs, row), -1, hidden is not None and _is_hidden(attrs)
            if hiding and hidden is not None:
                hidden.append(row)
            continue
        attrs = attributes(element[2])
        if b"r" in attrs:
            found = reference(attrs[b"r"])
            if found is None or not found[1]:
                raise WorkbookDamaged(part)
            at, column = found[0] - 1, found[1] - 1
        else:
            at, column = row, column + 1
        if hiding and at != row and hidden is not None:  # a hidden row's cell placed on another row: hidden too
            hidden.append(at)
        if not attrs.get(b"s", b"0").isdigit():  # calamine ignores it: a date would come as its serial number
            raise WorkbookDamaged(part)
        yield at, column, attrs, element


def _cell_problem(xml: bytes, at: int, column: int, attrs: dict[bytes, bytes], start: int, part: str) -> Problem | None:
    """The problem of the cell at 0-based (``at``, ``column``) whose attributes are ``attrs`` and whose content
    starts at ``start`` (its start tag's end; -1: an empty cell, ``<c .../>``): "error" for an error cell, "formula"
    for a formula without a cached value (an empty one counts but under ``t="str"`` or ``inlineStr``), else None.
    Raises :class:`WorkbookDamaged` (``part``) for a shared-string index that is not one, a value calamine would
    lose, or a value or inline string followed by another value, inline string or formula (calamine keeps the last,
    a formula emptying it: ``<v>1</v><v>2</v>`` gives 2 where the checks read 1)."""
    if start < 0:
        return None
    end = _CELL_END.search(xml, start)
    body = xml[start : end.start() if end else len(xml)]
    kind = attrs.get(b"t", b"n")
    value = _VALUE.search(body)
    written = (value[1] or b"") if value else None
    content = _CONTENT.search(body)
    if content is not None and _CHILD.search(body, content.end()):
        raise WorkbookDamaged(part)  # calamine reads the last of them
    if kind == b"s" and written is not None and not (written.isdigit() and len(written.lstrip(b"0")) <= 9):
        raise WorkbookDamaged(part)  # calamine reads it as index 0 (or nothing)
    if written and (b"<" in written or (b"&" in written and kind not in (b"str", b"inlineStr", b"e"))):
        raise WorkbookDamaged(part)  # calamine loses such a value (markup: CDATA, a comment, in any kind)
    if kind == b"e":
        text = unescape(written.decode("utf-8", "replace")).strip() if written else ""
        return Problem(at, column, "error", text or "#VALUE!")
    if _FORMULA.search(body) and (value is None or (not written and kind not in (b"str", b"inlineStr"))):
        return Problem(at, column, "formula")
    return None


def exact_scan(xml: bytes, part: str = "", limit: int = 10_000) -> SheetScan:
    """Every ``<row>`` and ``<c>`` read as calamine reads them (see the module, :func:`cells`): the extent, the
    cells with a formula but no cached value and the error cells in sheet order (at most ``limit``), the hidden
    rows; ``exact`` is set. Raises :class:`WorkbookDamaged` (``part``) for an address calamine refuses, a style not
    in digits, a shared-string index that is not one, a value calamine would lose or not read last
    (:func:`_cell_problem`)."""
    last_row = last_column = 0
    problems: list[Problem] = []
    hidden: list[int] = []
    for at, column, attrs, element in cells(xml, part, hidden):
        if not element[3]:  # a self-closed cell holds nothing: calamine does not lay it out
            last_row, last_column = max(last_row, at + 1), max(last_column, column + 1)
        problem = _cell_problem(xml, at, column, attrs, -1 if element[3] else element.end(), part)
        if problem is not None and len(problems) < limit:
            problems.append(problem)
    return SheetScan(last_row, last_column, problems, hidden, exact=True)


def _markers(xml: bytes) -> list[int]:
    """The offsets, ascending, of every ``t="e"`` and of every formula start tag (any prefix) not followed by a
    non-empty value, in a sheet in Excel's spelling: each cell :func:`exact_scan` finds a problem in holds one
    (with the text that looks like them: a value ``t="e"``, a formula in an extension list...)."""
    found: list[int] = []
    at = xml.find(b't="e"')
    while at >= 0:
        found.append(at)
        at = xml.find(b't="e"', at + 5)
    for needle in (b"<f", b":f"):
        at = xml.find(needle)
        while at >= 0:
            start = at if needle == b"<f" else xml.rfind(b"<", 0, at)
            formula = _FORMULA.match(xml, start) if start >= 0 else None
            if formula is not None and formula.end() == at + 3 and not _CACHED.match(xml, start):
                found.append(start)
            at = xml.find(needle, at + 2)
    return sorted(found)


def targeted_problems(xml: bytes, part: str = "", limit: int = 10_000) -> list[Problem]:
    """The problems :func:`exact_scan` finds (the same, in sheet order, at most ``limit``), for a sheet in Excel's
    spelling in which every cell and row has its address (what :func:`scan_sheet`'s spelling pass makes sure of),
    reading only the cells that hold a marker (:func:`_markers`): from each marker back, tag by tag, to the start
    tag of its cell (``<c``, any prefix), or to a tag that shows it lies in no cell (``</c>``, a row, the sheet
    data, the start of the sheet). Raises :class:`WorkbookDamaged` (``part``) as :func:`_cell_problem` does, or
    for a cell whose address calamine refuses."""
    problems: list[Problem] = []
    last_marker, decisive = -1, -1  # the marker before and the tag its walk ended on (-1: none)
    done = -1  # the start of the last cell read
    for marker in _markers(xml):
        lt = marker
        while True:  # back to the nearest <c, </c>, <row, </row>, sheetData or worksheet before the marker
            lt = xml.rfind(b"<", last_marker + 1, lt)  # never past the marker before: linear in the sheet
            if lt < 0:  # none between this marker and the one before (a formula's "<" is none): its tag
                lt = decisive
                break
            if _BOUNDARY.match(xml, lt):
                break
        last_marker, decisive = marker, lt
        cell = _CELL_START.match(xml, lt) if lt >= 0 else None
        if cell is None or lt == done or (cell[2] and cell.end() <= marker):
            continue  # in no cell (a self-closed cell ends before the marker), or in the cell just read
        done = lt
        attrs = attributes(cell[1])
        found = reference(attrs.get(b"r", b""))
        if found is None or not found[1]:
            raise WorkbookDamaged(part)
        if not attrs.get(b"s", b"0").isdigit():
            raise WorkbookDamaged(part)
        problem = _cell_problem(xml, found[0] - 1, found[1] - 1, attrs, -1 if cell[2] else cell.end(), part)
        if problem is not None:
            problems.append(problem)
            if len(problems) >= limit:
                break
    return problems
